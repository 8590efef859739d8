"""Home: start a tool, continue drafts, reopen recent entries, see the figures."""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..store import entries as store
from ..tools import registry
from ..tools.base import Figure
from .layouts import LinesDelegate, clear_layout, focus_in_layout_order


def format_figure(fig: Figure) -> str:
    if fig.kind == "text":
        return fig.text.get() if fig.text else "—"
    if fig.value is None:
        return "—"
    if fig.kind == "percent":
        return i18n.format_percent(fig.value)
    if fig.kind == "points":
        return i18n.tr("figure.points", value=i18n.format_number(round(fig.value, 1)))
    return i18n.format_number(round(fig.value, 1))


class _AfterFirstPaint(QObject):
    """Calls ``fn`` once, just after ``window`` has painted for the first time."""

    def __init__(self, window: QWidget, fn):
        super().__init__(window)
        self.fn = fn
        window.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt naming
        if event.type() == QEvent.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self):
        self.fn()
        self.deleteLater()


class HomePage(QWidget):
    open_entry = Signal(str, str)  # tool, uuid
    start_tool = Signal(str)  # tool key

    def __init__(self, parent=None):
        super().__init__(parent)
        self.nav_key = "home"
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        inner = QWidget(scroll)
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.setSpacing(12)

        self.heading = QLabel(inner)
        self.heading.setObjectName("pageHeading")
        self.intro = QLabel(inner)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("fieldHelp")
        lay.addWidget(self.heading)
        lay.addWidget(self.intro)

        self.start_box = QGroupBox(inner)
        self.start_grid = QGridLayout(self.start_box)
        self.start_buttons: dict[str, QPushButton] = {}
        for spec in registry().values():
            b = QPushButton(self.start_box)
            b.setObjectName(f"start_{spec.key}")
            b.clicked.connect(lambda _=False, k=spec.key: self.start_tool.emit(k))
            self.start_buttons[spec.key] = b
        self._start_columns = 0
        self._layout_start_buttons(5)
        lay.addWidget(self.start_box)
        # Panels (follow-ups, tallies, reminders…) that other sections add to Home.
        self.extra = QVBoxLayout()
        self.panels: list[QWidget] = []
        lay.addLayout(self.extra)

        lists = QHBoxLayout()
        self.drafts_box = QGroupBox(inner)
        dl = QVBoxLayout(self.drafts_box)
        self.drafts = QListWidget(self.drafts_box)
        self.drafts.setItemDelegate(LinesDelegate(self.drafts))  # two lines, maybe Chinese
        self.drafts.setObjectName("homeDrafts")
        self.drafts_empty = QLabel(self.drafts_box)
        self.drafts_empty.setObjectName("fieldHelp")
        self.drafts_empty.setWordWrap(True)
        dl.addWidget(self.drafts)
        dl.addWidget(self.drafts_empty)
        self.recent_box = QGroupBox(inner)
        rl = QVBoxLayout(self.recent_box)
        self.recent = QListWidget(self.recent_box)
        self.recent.setItemDelegate(LinesDelegate(self.recent))  # two lines, maybe Chinese
        self.recent.setObjectName("homeRecent")
        self.recent_empty = QLabel(self.recent_box)
        self.recent_empty.setObjectName("fieldHelp")
        self.recent_empty.setWordWrap(True)
        rl.addWidget(self.recent)
        rl.addWidget(self.recent_empty)
        lists.addWidget(self.drafts_box, 1)
        lists.addWidget(self.recent_box, 2)
        lay.addLayout(lists, 1)
        for lw in (self.drafts, self.recent):
            lw.itemActivated.connect(self._activated)
            lw.itemDoubleClicked.connect(self._activated)
            lw.setMinimumHeight(160)

        self.figures_box = QGroupBox(inner)
        self.figures_grid = QGridLayout(self.figures_box)
        self.figures_grid.setColumnStretch(1, 1)
        lay.addWidget(self.figures_box)
        lay.addStretch(1)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.ready = False  # the main window refreshes Home once it is complete
        # set by the app for its first refresh (see MainWindow): the figures come
        # after the window's first paint
        self.figures_after_paint = False
        self.retranslate()

    def _layout_start_buttons(self, columns: int) -> None:
        """Ten start buttons in as many columns as fit (5 wide, fewer when scaled up)."""
        columns = max(2, min(5, columns))
        if columns == self._start_columns:
            return
        self._start_columns = columns
        for b in self.start_buttons.values():
            self.start_grid.removeWidget(b)
        for i, b in enumerate(self.start_buttons.values()):
            self.start_grid.addWidget(b, i // columns, i % columns)
        for c in range(5):
            self.start_grid.setColumnStretch(c, 1 if c < columns else 0)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        widest = max((b.sizeHint().width() for b in self.start_buttons.values()), default=150)
        self._layout_start_buttons((self.width() - 80) // (widest + 12))

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt naming
        # Panels from other sections sit above the lists but are built after them.
        return focus_in_layout_order(self, forward) or super().focusNextPrevChild(forward)

    def add_panel(self, panel: QWidget) -> None:
        """A panel from another section (follow-ups, tallies, reminders…)."""
        self.panels.append(panel)
        self.extra.addWidget(panel)

    def _activated(self, item: QListWidgetItem):
        tool, uuid = item.data(Qt.UserRole)
        self.open_entry.emit(tool, uuid)

    def _item(self, rec: store.EntryRecord) -> QListWidgetItem:
        tools = registry()
        tool_name = tools[rec.tool].name.get() if rec.tool in tools else rec.tool
        title = rec.display_title() or i18n.tr("entry.untitled")
        text = f"{title}\n{tool_name} · {i18n.format_datetime(rec.updated_at)} · {i18n.tr('status.' + rec.status)}"
        item = QListWidgetItem(text)
        item.setData(Qt.UserRole, (rec.tool, rec.uuid))
        item.setToolTip(title)
        return item

    def refresh_if_shown(self) -> None:
        """Refresh now if Home is on screen; otherwise it refreshes when shown.

        Saves come about once a second while someone types in a tool page, and
        the figures read every tool's entries: not worth doing for a hidden page."""
        if self.isVisible():
            self.refresh()

    def refresh(self):
        self.drafts.clear()
        self.recent.clear()
        tools = registry()
        for rec in store.drafts():
            if rec.tool in tools:
                self.drafts.addItem(self._item(rec))
        for rec in store.query(status="complete", limit=8):
            if rec.tool in tools:
                self.recent.addItem(self._item(rec))
        self.drafts.setVisible(self.drafts.count() > 0)
        self.drafts_empty.setVisible(self.drafts.count() == 0)
        self.recent.setVisible(self.recent.count() > 0)
        self.recent_empty.setVisible(self.recent.count() == 0)
        if self.figures_after_paint:
            self.figures_after_paint = False
            _AfterFirstPaint(self.window(), self._refresh_figures)
        else:
            self._refresh_figures()
        for panel in getattr(self, "panels", []):
            panel.refresh()

    def _refresh_figures(self):
        clear_layout(self.figures_grid)
        row = 0
        for spec in registry().values():
            figures = spec.compute_figures(store.completed_data(spec.key))
            if not figures:
                continue
            head = QLabel(f"<b>{html.escape(spec.name.get())}</b>", self.figures_box)
            self.figures_grid.addWidget(head, row, 0, 1, 2)
            row += 1
            for fig in figures:
                label = QLabel(fig.label.get(), self.figures_box)
                label.setWordWrap(True)
                value = QLabel(format_figure(fig), self.figures_box)
                value.setObjectName(f"figure_{spec.key}_{fig.key}")
                value.setTextInteractionFlags(Qt.TextSelectableByMouse)
                self.figures_grid.addWidget(label, row, 0)
                self.figures_grid.addWidget(value, row, 1)
                row += 1
        if row == 0:
            self.figures_grid.addWidget(QLabel(i18n.tr("home.no_figures"), self.figures_box), 0, 0)

    def retranslate(self):
        self.heading.setText(i18n.tr("home.heading"))
        self.intro.setText(i18n.tr("home.intro"))
        self.start_box.setTitle(i18n.tr("home.start"))
        for key, b in self.start_buttons.items():
            spec = registry()[key]
            b.setText(spec.name.get())
            b.setToolTip(spec.summary.get())
        self.drafts_box.setTitle(i18n.tr("home.drafts"))
        self.drafts_empty.setText(i18n.tr("home.drafts_empty"))
        self.recent_box.setTitle(i18n.tr("home.recent"))
        self.recent_empty.setText(i18n.tr("home.recent_empty"))
        self.figures_box.setTitle(i18n.tr("home.figures"))
        for panel in getattr(self, "panels", []):
            panel.retranslate()
        if self.ready:
            self.refresh()

    def title(self) -> str:
        return i18n.tr("nav.home")
