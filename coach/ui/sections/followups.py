"""Home panel: open follow-ups (recap actions, follow-up dates) until done.

One click on "Done" marks an item done; an Undo bar and the "Show done" list
put it back. Overdue items are highlighted; clicking an item's text opens
the entry it comes from.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ...store import entries as store

ORDER = 1
DONE_SHOWN = 10  # how many done items the "Show done" list keeps

STYLE = """
#followupRow[overdue="true"] { background: rgba(192, 57, 43, 0.10);
                               border-left: 4px solid #c0392b; }
#followupRow { border-left: 4px solid transparent; }
#followupDue[overdue="true"] { color: #c0392b; font-weight: 600; }
#followupText { text-align: left; padding: 2px 4px; }
"""


def item_text(item: store.FollowUpView) -> str:
    if item.text:
        return item.text
    return i18n.tr("followups.check_in", title=item.entry_title or i18n.tr("entry.untitled"))



class ElidedButton(QPushButton):
    """A flat button whose long text is shortened with … to fit, so a long
    follow-up never widens Home past the window (text() stays the full text)."""

    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.setMinimumWidth(120)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self._full = text
        self._elide()

    def text(self) -> str:  # noqa: D401 - Qt naming
        return self._full

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(40, self.width() - 16)
        super().setText(self.fontMetrics().elidedText(self._full, Qt.ElideRight, width))
        self.setAccessibleName(self._full)

class FollowUpRow(QFrame):
    def __init__(self, panel: "FollowUpsPanel", item: store.FollowUpView, today: date):
        super().__init__(panel)
        self.item = item
        self.setObjectName("followupRow")
        self.overdue = item.overdue(today)
        self.setProperty("overdue", "true" if self.overdue else "false")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        self.done_button = QPushButton(self)
        self.done_button.setObjectName("followupDone" if not item.done else "followupReopen")
        self.text_button = ElidedButton(item_text(item), self)
        self.text_button.setObjectName("followupText")
        self.text_button.setFlat(True)
        self.text_button.setCursor(Qt.PointingHandCursor)
        self.meta = QLabel(self)
        self.meta.setObjectName("followupMeta")
        self.due = QLabel(self)
        self.due.setObjectName("followupDue")
        self.due.setProperty("overdue", "true" if self.overdue else "false")
        lay.addWidget(self.done_button)
        lay.addWidget(self.text_button, 1)
        lay.addWidget(self.meta)
        lay.addWidget(self.due)
        if item.done:
            self.done_button.clicked.connect(lambda: panel.set_done(item, False))
        else:
            self.done_button.clicked.connect(lambda: panel.set_done(item, True))
        self.text_button.clicked.connect(lambda: panel.open_item(item))
        self.retranslate(today)

    def retranslate(self, today: date):
        item = self.item
        if item.done:
            self.done_button.setText(i18n.tr("followups.reopen"))
            self.done_button.setToolTip(i18n.tr("followups.reopen_tooltip"))
        else:
            self.done_button.setText("✓ " + i18n.tr("followups.mark_done"))
            self.done_button.setToolTip(i18n.tr("followups.mark_done_tooltip"))
        self.done_button.setAccessibleName(f"{self.done_button.toolTip()}: {item_text(item)}")
        self.text_button.setText(item_text(item))
        tip = i18n.tr("followups.from_entry", title=item.entry_title or i18n.tr("entry.untitled"))
        self.text_button.setToolTip(f"{tip}\n{i18n.tr('followups.open_tooltip')}")
        meta = []
        if item.owner:
            meta.append(i18n.tr("followups.owner", owner=item.owner))
        self.meta.setText(" · ".join(meta))
        self.meta.setVisible(bool(meta))
        due_text = ""
        if item.done and item.done_at:
            due_text = i18n.tr("followups.done_on", date=i18n.format_date(item.done_at))
        elif item.due_date:
            try:
                due = date.fromisoformat(item.due_date)
            except ValueError:
                due = None
            if due is not None:
                if self.overdue:
                    due_text = i18n.tr("followups.overdue", date=i18n.format_date(due))
                elif due == today:
                    due_text = i18n.tr("followups.due_today")
                else:
                    due_text = i18n.tr("followups.due", date=i18n.format_date(due))
        self.due.setText(due_text)
        self.due.setVisible(bool(due_text))


class FollowUpsPanel(QGroupBox):
    def __init__(self, ctx=None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = date.today  # replaceable in tests
        self.setObjectName("followupsPanel")
        self.setStyleSheet(STYLE)
        lay = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("fieldHelp")
        self.empty = QLabel(self)
        self.empty.setObjectName("fieldHelp")
        self.empty.setWordWrap(True)
        self.list_box = QWidget(self)
        self.list_lay = QVBoxLayout(self.list_box)
        self.list_lay.setContentsMargins(0, 0, 0, 0)
        self.list_lay.setSpacing(2)
        # undo bar --------------------------------------------------------------
        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("promptBanner")
        ul = QHBoxLayout(self.undo_bar)
        ul.setContentsMargins(8, 4, 8, 4)
        self.undo_text = QLabel(self.undo_bar)
        self.undo_button = QPushButton(self.undo_bar)
        self.undo_button.setObjectName("followupUndo")
        self.undo_button.clicked.connect(self.undo)
        ul.addWidget(self.undo_text, 1)
        ul.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)
        self._last_done: store.FollowUpView | None = None
        # done list ---------------------------------------------------------------
        self.done_toggle = QPushButton(self)
        self.done_toggle.setObjectName("followupShowDone")
        self.done_toggle.setCheckable(True)
        self.done_toggle.setFlat(True)
        self.done_toggle.toggled.connect(lambda _on: self.refresh())
        self.done_box = QWidget(self)
        self.done_lay = QVBoxLayout(self.done_box)
        self.done_lay.setContentsMargins(0, 0, 0, 0)
        self.done_lay.setSpacing(2)
        toggle_row = QGridLayout()
        toggle_row.addWidget(self.summary, 0, 0)
        toggle_row.addWidget(self.done_toggle, 0, 1, Qt.AlignRight)
        lay.addLayout(toggle_row)
        lay.addWidget(self.empty)
        lay.addWidget(self.list_box)
        lay.addWidget(self.undo_bar)
        lay.addWidget(self.done_box)
        self.rows: list[FollowUpRow] = []
        self.done_rows: list[FollowUpRow] = []
        self.retranslate()

    # actions -------------------------------------------------------------------
    def set_done(self, item: store.FollowUpView, done: bool):
        store.set_followup_done(item.id, done)
        self._last_done = item if done else None
        self.undo_bar.setVisible(done)
        if done:
            self.undo_text.setText(i18n.tr("followups.marked_done", text=item_text(item)))
        self._changed()
        if done and self.rows:
            self.rows[0].done_button.setFocus()
        elif done:
            self.undo_button.setFocus()

    def undo(self):
        if self._last_done is not None:
            store.set_followup_done(self._last_done.id, False)
        self._last_done = None
        self.undo_bar.setVisible(False)
        self._changed()

    def _changed(self):
        # Home figures (e.g. loop closed) depend on done marks.
        if self.ctx is not None and self.ctx.window is not None:
            self.ctx.refresh_home()
        else:
            self.refresh()

    def open_item(self, item: store.FollowUpView):
        if self.ctx is not None:
            self.ctx.open_entry(item.tool, item.entry_uuid)

    # view ------------------------------------------------------------------------
    def _clear(self, rows: list[FollowUpRow]):
        for row in rows:
            row.setParent(None)
            row.deleteLater()
        rows.clear()

    def refresh(self):
        today = self.today()
        items = store.followups(include_done=True)
        open_items = [i for i in items if not i.done]
        done_items = sorted((i for i in items if i.done),
                            key=lambda i: i.done_at.isoformat() if i.done_at else "",
                            reverse=True)[:DONE_SHOWN]
        self._clear(self.rows)
        self._clear(self.done_rows)
        for item in open_items:
            row = FollowUpRow(self, item, today)
            self.list_lay.addWidget(row)
            self.rows.append(row)
        showing_done = self.done_toggle.isChecked()
        if showing_done:
            for item in done_items:
                row = FollowUpRow(self, item, today)
                self.done_lay.addWidget(row)
                self.done_rows.append(row)
        overdue = sum(1 for r in self.rows if r.overdue)
        self.summary.setText(i18n.tr("followups.count", open=len(open_items), overdue=overdue))
        self.summary.setVisible(bool(open_items))
        self.empty.setVisible(not open_items)
        self.done_toggle.setVisible(bool(done_items) or showing_done)
        self.done_toggle.setText(i18n.tr("followups.hide_done") if showing_done
                                 else i18n.tr("followups.show_done", count=len(done_items)))
        self.done_box.setVisible(showing_done and bool(done_items))

    def retranslate(self):
        self.setTitle(i18n.tr("followups.heading"))
        self.empty.setText(i18n.tr("followups.empty"))
        self.undo_button.setText(i18n.tr("followups.undo"))
        if self._last_done is not None:
            self.undo_text.setText(i18n.tr("followups.marked_done", text=item_text(self._last_done)))
        self.refresh()


def create_home_panel(ctx):
    return FollowUpsPanel(ctx)
