"""Team co-creation page: a stepper over one workshop board.

Steps: focus question & participants → ideas → clusters → theme names →
dot votes → action plan → summary. Every change goes through the Board
(undo: Ctrl+Z, redo: Ctrl+Shift+Z / Ctrl+Y) and is autosaved as an entry of
the ``cocreate`` tool. F5 opens the presentation mode for a projector.
"""
from __future__ import annotations

import html
import logging

import peewee
from PySide6.QtCore import QDate, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ...store import entries as store
from ...tools import get as get_tool
from ...tools.cocreate import STEPS, Board, BoardError, summary_lines, summary_text
from ..cocreate_canvas import NEW_THEME, BoardCanvas
from ..entry_list import EntryListPanel
from ..layouts import clear_layout, room_for_bold

TOOL = "cocreate"
ORDER = 90
log = logging.getLogger(__name__)


def create_page(ctx):
    return CoCreatePage(ctx)


def _iso(qdate: QDate) -> str:
    return f"{qdate.year():04d}-{qdate.month():02d}-{qdate.day():02d}"


def _qdate(iso: str | None) -> QDate:
    if not iso:
        return QDate.currentDate()
    y, m, d = (int(x) for x in iso.split("-"))
    return QDate(y, m, d)


def summary_html(data: dict) -> str:
    parts = []
    for heading, lines in summary_lines(data):
        parts.append(f"<h3>{html.escape(heading)}</h3><ul>")
        parts += [f"<li>{html.escape(line)}</li>" for line in lines]
        parts.append("</ul>")
    return "".join(parts)


class Step(QWidget):
    """Base for the step widgets: rebuilt from the board by ``refresh``."""

    def __init__(self, page: "CoCreatePage"):
        super().__init__(page)
        self.page = page

    @property
    def board(self) -> Board:
        return self.page.board

    def act(self, fn, *args, **kwargs):
        return self.page.act(fn, *args, **kwargs)

    def _column(self) -> QVBoxLayout:
        """The step's vertical layout, starting with its hint line (``self.hint``)."""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("fieldHelp")
        lay.addWidget(self.hint)
        return lay

    def _scroll_grid(self) -> tuple[QScrollArea, QWidget, QGridLayout]:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        inner = QWidget(scroll)
        grid = QGridLayout(inner)
        scroll.setWidget(inner)
        return scroll, inner, grid

    def refresh(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def retranslate(self):
        self.refresh()


# --- 1. focus question and participants ---------------------------------------------

class SetupStep(Step):
    def __init__(self, page):
        super().__init__(page)
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 12, 16, 12)
        self.question_label = QLabel(self)
        self.question = QLineEdit(self)
        self.question.setObjectName("cocreateQuestion")
        self.question.editingFinished.connect(lambda: self.act(self.board.set_question, self.question.text()))
        self.date_box = QCheckBox(self)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date_box.toggled.connect(self._date_changed)
        self.date.dateChanged.connect(self._date_changed)
        self.people_label = QLabel(self)
        self.people = QListWidget(self)
        self.people.setObjectName("cocreateParticipants")
        self.people.setMaximumHeight(180)
        self.new_person = QLineEdit(self)
        self.new_person.setObjectName("cocreateNewParticipant")
        self.new_person.returnPressed.connect(self._add_person)
        self.add_person = QPushButton(self)
        self.add_person.clicked.connect(self._add_person)
        self.remove_person = QPushButton(self)
        self.remove_person.clicked.connect(self._remove_person)
        self.dots_label = QLabel(self)
        self.dots = QSpinBox(self)
        self.dots.setRange(1, 20)
        self.dots.setObjectName("cocreateDots")
        self.dots.editingFinished.connect(lambda: self.act(self.board.set_dots, self.dots.value()))
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("fieldHelp")
        self.question_label.setBuddy(self.question)
        self.people_label.setBuddy(self.people)
        self.dots_label.setBuddy(self.dots)
        row = 0
        grid.addWidget(self.question_label, row, 0)
        grid.addWidget(self.question, row, 1, 1, 3)
        row += 1
        grid.addWidget(self.hint, row, 1, 1, 3)
        row += 1
        grid.addWidget(self.date_box, row, 0)
        grid.addWidget(self.date, row, 1)
        row += 1
        grid.addWidget(self.people_label, row, 0, Qt.AlignTop)
        grid.addWidget(self.people, row, 1, 1, 3)
        row += 1
        grid.addWidget(self.new_person, row, 1)
        grid.addWidget(self.add_person, row, 2)
        grid.addWidget(self.remove_person, row, 3)
        row += 1
        grid.addWidget(self.dots_label, row, 0)
        grid.addWidget(self.dots, row, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(row + 1, 1)
        self._loading = False

    def _date_changed(self, *_):
        if self._loading:
            return
        self.date.setEnabled(self.date_box.isChecked())
        self.act(self.board.set_date, _iso(self.date.date()) if self.date_box.isChecked() else None)

    def _add_person(self):
        name = self.new_person.text()
        if self.act(self.board.add_participant, name) is not False:
            self.new_person.clear()
            self.new_person.setFocus()

    def _remove_person(self):
        item = self.people.currentItem()
        if item:
            self.act(self.board.remove_participant, item.text())

    def refresh(self):
        self._loading = True
        b = self.board
        if self.question.text() != b.question:
            self.question.setText(b.question)
        self.date_box.setChecked(bool(b.date))
        self.date.setEnabled(bool(b.date))
        self.date.setDate(_qdate(b.date))
        self.people.clear()
        self.people.addItems(b.participants)
        self.dots.setValue(b.dots)
        self._loading = False

    def retranslate(self):
        self.question_label.setText(i18n.tr("cocreate.question"))
        self.question.setPlaceholderText(i18n.tr("cocreate.question_placeholder"))
        self.hint.setText(i18n.tr("cocreate.question_hint"))
        self.date_box.setText(i18n.tr("cocreate.date"))
        self.people_label.setText(i18n.tr("cocreate.participants"))
        self.new_person.setPlaceholderText(i18n.tr("cocreate.participant_placeholder"))
        self.new_person.setAccessibleName(i18n.tr("a11y.new_participant"))
        self.date.setAccessibleName(i18n.tr("cocreate.date"))
        self.add_person.setText(i18n.tr("cocreate.add_participant"))
        self.remove_person.setText(i18n.tr("cocreate.remove_participant"))
        self.dots_label.setText(i18n.tr("cocreate.dots"))
        self.refresh()


# --- 2. ideas --------------------------------------------------------------------------

class IdeasStep(Step):
    def __init__(self, page):
        super().__init__(page)
        lay = self._column()
        row = QHBoxLayout()
        self.author = QComboBox(self)
        self.author.setObjectName("cocreateAuthor")
        self.author.setMinimumContentsLength(8)
        self.idea = QLineEdit(self)
        self.idea.setObjectName("cocreateIdea")
        self.idea.setMaxLength(140)
        self.idea.returnPressed.connect(self._add)
        self.add = QPushButton(self)
        self.add.clicked.connect(self._add)
        row.addWidget(self.author)
        row.addWidget(self.idea, 1)
        row.addWidget(self.add)
        self.cards = QListWidget(self)
        self.cards.setObjectName("cocreateCards")
        self.cards.setViewMode(QListWidget.IconMode)
        self.cards.setFlow(QListWidget.LeftToRight)
        self.cards.setWrapping(True)
        self.cards.setResizeMode(QListWidget.Adjust)
        self.cards.setMovement(QListWidget.Static)
        self.cards.setSpacing(8)
        self.cards.setWordWrap(True)
        self.cards.setUniformItemSizes(True)
        self.cards.setGridSize(QSize(210, 84))
        self.cards.setStyleSheet(
            "QListWidget#cocreateCards::item { background: #fff3b0; color: #111111;"
            " border: 1px solid #c9b458; border-radius: 4px; padding: 6px; margin: 3px; }"
            "QListWidget#cocreateCards::item:selected { background: #ffd84d; border: 2px solid #8a6d00; }")
        self.cards.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.cards.itemDoubleClicked.connect(self._edit)
        self.cards.setEditTriggers(QAbstractItemView.NoEditTriggers)
        QShortcut(QKeySequence.Delete, self.cards, self._delete)
        lay.addLayout(row)
        lay.addWidget(self.cards, 1)

    def _add(self):
        text = self.idea.text()
        if not text.strip():
            return
        author = self.author.currentText() if self.author.currentIndex() > 0 else ""
        if self.act(self.board.add_card, text, author) is not False:
            self.idea.clear()
            self.idea.setFocus()

    def _edit(self, item):
        cid = item.data(Qt.UserRole)
        text, ok = QInputDialog.getText(self, i18n.tr("cocreate.edit_card"), i18n.tr("cocreate.idea"),
                                        QLineEdit.Normal, self.board.cards[cid].text)
        if ok:
            self.act(self.board.edit_card, cid, text)

    def _delete(self):
        for item in self.cards.selectedItems():
            self.act(self.board.remove_card, item.data(Qt.UserRole))

    def refresh(self):
        current = self.author.currentText()
        self.author.clear()
        self.author.addItem(i18n.tr("cocreate.no_author"))
        self.author.addItems(self.board.participants)
        idx = self.author.findText(current)
        self.author.setCurrentIndex(max(idx, 0))
        self.cards.clear()
        for card in self.board.cards.values():
            text = card.text if not card.author else f"{card.text}\n— {card.author}"
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, card.id)
            item.setToolTip(text)
            item.setTextAlignment(Qt.AlignLeft | Qt.AlignTop)
            self.cards.addItem(item)

    def retranslate(self):
        self.hint.setText(i18n.tr("cocreate.ideas_hint"))
        self.idea.setPlaceholderText(i18n.tr("cocreate.idea_placeholder"))
        self.add.setText(i18n.tr("cocreate.add_idea"))
        self.author.setToolTip(i18n.tr("cocreate.author"))
        self.refresh()


# --- 3. clusters -----------------------------------------------------------------------

class ClustersStep(Step):
    def __init__(self, page):
        super().__init__(page)
        lay = self._column()
        row = QHBoxLayout()
        self.new_group = QPushButton(self)
        self.new_group.clicked.connect(self._new_group)
        self.split = QPushButton(self)
        self.split.clicked.connect(self._split)
        self.merge = QPushButton(self)
        self.merge.clicked.connect(self._merge_menu)
        self.delete = QPushButton(self)
        self.delete.clicked.connect(self._delete_menu)
        for b in (self.new_group, self.split, self.merge, self.delete):
            row.addWidget(b)
        row.addStretch(1)
        self.canvas = BoardCanvas(self)
        self.canvas.move_requested.connect(self._move)
        lay.addLayout(row)
        lay.addWidget(self.canvas, 1)

    def _move(self, cid: str, target):
        if target == NEW_THEME:
            self.act(self.board.create_group, [cid])
        else:
            self.act(self.board.move_card, cid, target)

    def _new_group(self):
        self.act(self.board.create_group, self.canvas.selected_cards())

    def _split(self):
        cards = self.canvas.selected_cards()
        groups = {self.board.location(c) for c in cards}
        if not cards or len(groups) != 1 or None in groups:
            self.page.flash(i18n.tr("cocreate.split_hint"))
            return
        self.act(self.board.split_group, groups.pop(), cards)

    def _group_menu(self, handler, exclude: str | None = None) -> None:
        menu = QMenu(self)
        for n, g in enumerate(self.board.groups, start=1):
            if g.id == exclude:
                continue
            act = menu.addAction(f"{n} · {g.title or i18n.tr('cocreate.theme_n', n=n)}")
            act.triggered.connect(lambda _=False, gid=g.id: handler(gid))
        if menu.isEmpty():
            self.page.flash(i18n.tr("cocreate.no_themes_yet"))
            return
        menu.exec(QCursor.pos())

    def _merge_menu(self):
        if len(self.board.groups) < 2:
            self.page.flash(i18n.tr("cocreate.merge_hint"))
            return

        def pick_keep(keep):
            self._group_menu(lambda other: self.act(self.board.merge_groups, keep, other), exclude=keep)

        self._group_menu(pick_keep)

    def _delete_menu(self):
        self._group_menu(lambda gid: self.act(self.board.delete_group, gid))

    def refresh(self):
        self.canvas.show_board(self.board)

    def retranslate(self):
        self.hint.setText(i18n.tr("cocreate.clusters_hint"))
        self.new_group.setText(i18n.tr("cocreate.new_group"))
        self.split.setText(i18n.tr("cocreate.split"))
        self.merge.setText(i18n.tr("cocreate.merge"))
        self.delete.setText(i18n.tr("cocreate.delete_group"))
        self.refresh()


# --- 4. theme names --------------------------------------------------------------------

class ThemesStep(Step):
    def __init__(self, page):
        super().__init__(page)
        lay = self._column()
        scroll, self.inner, self.rows = self._scroll_grid()
        self.rows.setColumnStretch(1, 1)
        lay.addWidget(scroll, 1)
        self.edits: dict[str, QLineEdit] = {}

    def refresh(self):
        clear_layout(self.rows)
        self.edits.clear()
        if not self.board.groups:
            self.rows.addWidget(QLabel(i18n.tr("cocreate.no_themes_yet"), self.inner), 0, 0, 1, 2)
            return
        for n, g in enumerate(self.board.groups):
            label = QLabel(f"{n + 1}.", self.inner)
            edit = QLineEdit(g.title, self.inner)
            edit.setObjectName(f"themeTitle_{g.id}")
            edit.setPlaceholderText(i18n.tr("cocreate.theme_placeholder"))
            edit.editingFinished.connect(lambda gid=g.id, e=edit: self.act(self.board.rename_group, gid, e.text()))
            cards = QLabel(i18n.join(self.board.cards[c].text for c in g.cards) or "—", self.inner)
            cards.setWordWrap(True)
            cards.setObjectName("fieldHelp")
            self.rows.addWidget(label, 2 * n, 0)
            self.rows.addWidget(edit, 2 * n, 1)
            self.rows.addWidget(cards, 2 * n + 1, 1)
            self.edits[g.id] = edit
        self.rows.setRowStretch(2 * len(self.board.groups), 1)

    def retranslate(self):
        self.hint.setText(i18n.tr("cocreate.themes_hint"))
        self.refresh()


# --- 5. votes --------------------------------------------------------------------------

class VotesStep(Step):
    def __init__(self, page):
        super().__init__(page)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        left = QVBoxLayout()
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("fieldHelp")
        self.grid_host = QWidget(self)
        self.grid = QGridLayout(self.grid_host)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(self.grid_host)
        left.addWidget(self.hint)
        left.addWidget(scroll, 1)
        self.ranking_label = QLabel(self)
        self.ranking = QListWidget(self)
        self.ranking.setObjectName("cocreateRanking")
        right = QVBoxLayout()
        right.addWidget(self.ranking_label)
        right.addWidget(self.ranking, 1)
        lay.addLayout(left, 3)
        lay.addLayout(right, 2)
        self.spins: dict[tuple[str, str], QSpinBox] = {}

    def _set(self, person: str, gid: str, value: int):
        current = self.board.votes.get(person, {}).get(gid, 0)
        if value != current:
            self.act(self.board.vote, person, gid, value - current)

    def refresh(self):
        clear_layout(self.grid)
        self.spins.clear()
        b = self.board
        if not b.groups or not b.participants:
            self.grid.addWidget(QLabel(i18n.tr("cocreate.votes_empty"), self.grid_host), 0, 0)
        else:
            for j, person in enumerate(b.participants):
                left = b.dots - b.dots_used(person)
                head = QLabel(f"<b>{html.escape(person)}</b><br>"
                              f"{html.escape(i18n.tr('cocreate.dots_left', n=left))}", self.grid_host)
                head.setAlignment(Qt.AlignCenter)
                self.grid.addWidget(head, 0, j + 1)
            for i, g in enumerate(b.groups):
                title = QLabel(f"{i + 1} · {g.title or i18n.tr('cocreate.theme_n', n=i + 1)}", self.grid_host)
                title.setWordWrap(True)
                self.grid.addWidget(title, i + 1, 0)
                for j, person in enumerate(b.participants):
                    spin = QSpinBox(self.grid_host)
                    spin.setRange(0, b.dots)
                    spin.setValue(b.votes.get(person, {}).get(g.id, 0))
                    spin.setAccessibleName(f"{person} · {g.title}")
                    spin.setObjectName(f"vote_{g.id}_{j}")
                    spin.valueChanged.connect(lambda v, p=person, gid=g.id: self._set(p, gid, v))
                    self.grid.addWidget(spin, i + 1, j + 1)
                    self.spins[(g.id, person)] = spin
            self.grid.setColumnStretch(0, 1)
            self.grid.setRowStretch(len(b.groups) + 1, 1)
        self.ranking.clear()
        for rank, (g, votes) in enumerate(b.ranking(), start=1):
            n = b.groups.index(g) + 1
            self.ranking.addItem(i18n.tr("cocreate.rank_line", rank=rank,
                                         title=g.title or i18n.tr("cocreate.theme_n", n=n), votes=votes))

    def retranslate(self):
        self.hint.setText(i18n.tr("cocreate.votes_hint"))
        self.ranking_label.setText(i18n.tr("cocreate.ranking"))
        self.refresh()


# --- 6. action plan --------------------------------------------------------------------

class ActionsStep(Step):
    def __init__(self, page):
        super().__init__(page)
        lay = self._column()
        row = QHBoxLayout()
        self.theme = QComboBox(self)
        self.theme.setObjectName("actionTheme")
        self.add = QPushButton(self)
        self.add.clicked.connect(self._add)
        row.addWidget(self.theme, 1)
        row.addWidget(self.add)
        scroll, self.inner, self.rows = self._scroll_grid()
        lay.addLayout(row)
        lay.addWidget(scroll, 1)
        self.headers: list[QLabel] = []

    def _add(self):
        gid = self.theme.currentData()
        if gid:
            aid = self.act(self.board.add_action, gid)
            edit = self.inner.findChild(QLineEdit, f"actionWhat_{aid}")
            if edit:
                edit.setFocus()

    def refresh(self):
        b = self.board
        current = self.theme.currentData()
        self.theme.clear()
        for g, votes in b.ranking():
            n = b.groups.index(g) + 1
            self.theme.addItem(i18n.tr("cocreate.rank_line", rank=n,
                                       title=g.title or i18n.tr("cocreate.theme_n", n=n), votes=votes), g.id)
        idx = self.theme.findData(current)
        self.theme.setCurrentIndex(max(idx, 0))
        self.add.setEnabled(bool(b.groups))
        clear_layout(self.rows)
        heads = [i18n.tr(k) for k in ("cocreate.col_theme", "cocreate.col_what", "cocreate.col_owner",
                                      "cocreate.col_due", "cocreate.col_first_step")]
        for c, text in enumerate(heads):
            self.rows.addWidget(QLabel(f"<b>{html.escape(text)}</b>", self.inner), 0, c)
        titles = {g.id: g.title or i18n.tr("cocreate.theme_n", n=i + 1) for i, g in enumerate(b.groups)}
        for r, a in enumerate(b.actions, start=1):
            theme = QLabel(titles.get(a.group, "—"), self.inner)
            theme.setWordWrap(True)
            what = QLineEdit(a.what, self.inner)
            what.setObjectName(f"actionWhat_{a.id}")
            what.setCursorPosition(0)  # show the start of a long text, not its end
            owner = QComboBox(self.inner)
            owner.setEditable(True)
            owner.addItems([""] + b.participants)
            owner.setCurrentText(a.owner)
            owner.setObjectName(f"actionOwner_{a.id}")
            due_box = QCheckBox(self.inner)
            due = QDateEdit(_qdate(a.due), self.inner)
            due.setCalendarPopup(True)
            due.setDisplayFormat("yyyy-MM-dd")
            due.setEnabled(bool(a.due))
            due_box.setChecked(bool(a.due))
            due_row = QWidget(self.inner)
            dl = QHBoxLayout(due_row)
            dl.setContentsMargins(0, 0, 0, 0)
            dl.addWidget(due_box)
            dl.addWidget(due)
            first = QLineEdit(a.first_step, self.inner)
            first.setObjectName(f"actionFirst_{a.id}")
            first.setCursorPosition(0)
            for edit in (what, first):
                edit.setToolTip(edit.text())
            remove = QPushButton("✕", self.inner)
            remove.setToolTip(i18n.tr("cocreate.remove_action"))
            remove.setAccessibleName(i18n.tr("cocreate.remove_action"))
            remove.setFixedWidth(32)
            what.editingFinished.connect(lambda aid=a.id, e=what: self.act(self.board.update_action, aid, what=e.text()))
            first.editingFinished.connect(lambda aid=a.id, e=first: self.act(self.board.update_action, aid,
                                                                              first_step=e.text()))
            owner.lineEdit().editingFinished.connect(
                lambda aid=a.id, o=owner: self.act(self.board.update_action, aid, owner=o.currentText()))
            owner.activated.connect(
                lambda _i, aid=a.id, o=owner: self.act(self.board.update_action, aid, owner=o.currentText()))

            def set_due(*_, aid=a.id, box=due_box, edit=due):
                edit.setEnabled(box.isChecked())
                self.act(self.board.update_action, aid, due=_iso(edit.date()) if box.isChecked() else None)

            due_box.toggled.connect(set_due)
            due.dateChanged.connect(set_due)
            remove.clicked.connect(lambda _=False, aid=a.id: self.act(self.board.remove_action, aid))
            for c, w in enumerate((theme, what, owner, due_row, first, remove)):
                self.rows.addWidget(w, r, c)
        self.rows.setColumnStretch(1, 3)
        self.rows.setColumnStretch(4, 2)
        self.rows.setRowStretch(len(b.actions) + 1, 1)

    def retranslate(self):
        self.hint.setText(i18n.tr("cocreate.actions_hint"))
        self.add.setText(i18n.tr("cocreate.add_action"))
        self.refresh()


# --- 7. summary ------------------------------------------------------------------------

class SummaryStep(Step):
    def __init__(self, page):
        super().__init__(page)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        self.view = QTextBrowser(self)
        self.view.setObjectName("cocreateSummary")
        row = QHBoxLayout()
        self.copy = QPushButton(self)
        self.copy.setObjectName("cocreateCopy")
        self.copy.clicked.connect(self._copy)
        row.addWidget(self.copy)
        row.addStretch(1)
        lay.addWidget(self.view, 1)
        lay.addLayout(row)

    def _copy(self):
        QApplication.clipboard().setText(summary_text(self.board.to_dict()))
        self.page.flash(i18n.tr("cocreate.copied"))

    def refresh(self):
        self.view.setHtml(summary_html(self.board.to_dict()))

    def retranslate(self):
        self.copy.setText(i18n.tr("cocreate.copy_summary"))
        self.refresh()


STEP_CLASSES = {
    "setup": SetupStep, "ideas": IdeasStep, "clusters": ClustersStep, "themes": ThemesStep,
    "votes": VotesStep, "actions": ActionsStep, "summary": SummaryStep,
}


# --- the page ---------------------------------------------------------------------------

class CoCreatePage(QWidget):
    entry_saved = Signal(str)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.spec = get_tool(TOOL)
        self.nav_key = f"tool:{TOOL}"
        self.board = Board()
        self.record: store.EntryRecord | None = None
        self.dirty = False
        self.follows: str | None = None

        split = QSplitter(Qt.Horizontal, self)
        left = EntryListPanel(split, list_name="cocreateSessions")
        left.open_requested.connect(self._open_uuid)
        left.new_requested.connect(lambda: self.new_entry())
        self.heading, self.summary, self.new_button, self.list = (
            left.heading, left.summary, left.new_button, left.list)
        self.entry_list = left

        right = QWidget(split)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        steps = QHBoxLayout()
        steps.setContentsMargins(16, 8, 16, 0)
        steps.setSpacing(4)
        self.step_group = QButtonGroup(self)
        self.step_buttons: list[QPushButton] = []
        for i, key in enumerate(STEPS):
            b = QPushButton(right)
            b.setCheckable(True)
            b.setObjectName("stepButton")
            self.step_group.addButton(b, i)
            steps.addWidget(b)
            self.step_buttons.append(b)
        steps.addStretch(1)
        self.stack = QStackedWidget(right)
        self.steps: dict[str, Step] = {}
        for key in STEPS:
            step = STEP_CLASSES[key](self)
            self.steps[key] = step
            self.stack.addWidget(step)
        footer = QHBoxLayout()
        footer.setContentsMargins(16, 6, 16, 10)
        self.status = QLabel(right)
        self.status.setObjectName("saveStatus")
        self.status.setWordWrap(True)
        self.undo_button = QPushButton(right)
        self.redo_button = QPushButton(right)
        self.present_button = QPushButton(right)
        self.back = QPushButton(right)
        self.next = QPushButton(right)
        footer.addWidget(self.status, 1)
        for b in (self.undo_button, self.redo_button, self.present_button, self.back, self.next):
            footer.addWidget(b)
        rl.addLayout(steps)
        rl.addWidget(self.stack, 1)
        rl.addLayout(footer)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 1000])
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.autosave)
        self.step_group.idClicked.connect(lambda i: self.go(STEPS[i]))
        self.back.clicked.connect(lambda: self.go_relative(-1))
        self.next.clicked.connect(lambda: self.go_relative(1))
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.present_button.clicked.connect(self.present)
        QShortcut(QKeySequence.Undo, self, self.undo)
        QShortcut(QKeySequence("Ctrl+Shift+Z"), self, self.redo)
        QShortcut(QKeySequence("Ctrl+Y"), self, self.redo)
        QShortcut(QKeySequence("F5"), self, self.present)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.go_relative(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.go_relative(-1))
        QShortcut(QKeySequence.Save, self, self.flush)
        self.presentation = None
        self.retranslate()
        self.go("setup")

    # board operations ---------------------------------------------------------------------
    def act(self, fn, *args, **kwargs):
        """Run a Board operation; refresh, schedule a save; False on a refused change."""
        try:
            result = fn(*args, **kwargs)
        except BoardError as exc:
            self.flash(i18n.tr(f"cocreate.{exc.key}"))
            self.refresh()
            return False
        except ValueError:
            self.flash(i18n.tr("cocreate.err_invalid"))
            self.refresh()
            return False
        self.changed()
        return result

    def changed(self):
        self.dirty = True
        self.status.setText(i18n.tr("entry.unsaved"))
        if not self.timer.isActive():
            self.timer.start(800)
        QTimer.singleShot(0, self.refresh)

    def undo(self):
        if self.board.undo():
            self.changed()

    def redo(self):
        if self.board.redo():
            self.changed()

    def flash(self, text: str):
        self.status.setText(text)

    # navigation ----------------------------------------------------------------------------
    def go(self, key: str):
        self.board.go(key)
        i = STEPS.index(key)
        self.stack.setCurrentIndex(i)
        self.step_buttons[i].setChecked(True)
        self.back.setEnabled(i > 0)
        self.next.setEnabled(i < len(STEPS) - 1)
        self.steps[key].refresh()
        if self.record is not None:
            self.dirty = True
            if not self.timer.isActive():
                self.timer.start(800)
        if self.presentation is not None:
            self.presentation.refresh()

    def go_relative(self, delta: int):
        i = STEPS.index(self.board.step) + delta
        if 0 <= i < len(STEPS):
            self.go(STEPS[i])

    def refresh(self):
        self.steps[self.board.step].refresh()
        self.undo_button.setEnabled(self.board.can_undo())
        self.redo_button.setEnabled(self.board.can_redo())
        missing = set(self.board.problems())
        for key, b in zip(STEPS, self.step_buttons):
            done = key not in missing and key != "summary"
            b.setText(("✓ " if done else "") + i18n.tr(f"cocreate.step_{key}"))
            room_for_bold(b)
        if self.presentation is not None:
            self.presentation.refresh()

    # entries -------------------------------------------------------------------------------
    def refresh_list(self):
        self.entry_list.refresh(TOOL, self.record.uuid if self.record else None, show_status=False)

    def _open_uuid(self, uuid: str):
        if not self.record or uuid != self.record.uuid:
            self.open_entry(uuid)

    def new_entry(self, prefill: dict | None = None, follows: str | None = None, prompt: str | None = None):
        self.flush()
        self.record = None
        self.follows = follows
        self.board = Board(prefill or {})
        self.dirty = bool(prefill or follows)
        self.go("setup")
        self.refresh()
        self.status.setText(prompt or i18n.tr("entry.new_status"))
        self.steps["setup"].question.setFocus()
        if self.dirty:
            self.autosave()

    def open_entry(self, uuid: str):
        self.flush()
        self.record = store.get(uuid)
        self.follows = self.record.follows
        self.board = Board(self.record.data)
        self.dirty = False
        self.go(self.board.step)
        self.dirty = False
        self.timer.stop()
        self.refresh()
        self._saved_status()
        self.refresh_list()

    def autosave(self):
        if not self.dirty:
            return
        data = self.board.to_dict()
        if self.record is None and not (self.board.question or self.board.cards or self.board.participants):
            self.dirty = False
            return
        rec = self.record or store.EntryRecord(uuid=store.new_uuid(), tool=TOOL, data={},
                                               spec_version=self.spec.version)
        rec.data = {**(self.record.data if self.record else {}), **data}
        rec.follows = self.follows
        rec.status = "complete" if not self.board.problems() else "draft"
        try:
            self.record = store.save(rec)
        except (peewee.PeeweeException, OSError) as exc:
            log.warning("saving workshop failed: %s", exc)
            from ...store.connection import write_failure_kind

            kind = write_failure_kind(exc)  # disk full / read-only / busy: say it plainly
            self.status.setText(i18n.tr(f"entry.save_failed_{kind}") if kind != "other"
                                else i18n.tr("entry.save_failed", error=str(exc)))
            self.timer.start(5000)
            return
        self.dirty = False
        self._saved_status()
        self.refresh_list()
        self.entry_saved.emit(self.record.uuid)

    def flush(self):
        self.timer.stop()
        if self.dirty:
            self.autosave()

    def _saved_status(self):
        if self.record:
            key = "entry.saved_complete" if self.record.status == "complete" else "entry.saved_draft"
            self.status.setText(i18n.tr(key, when=i18n.format_datetime(self.record.updated_at)))

    # presentation -----------------------------------------------------------------------------
    def present(self):
        from ..cocreate_present import PresentationWindow

        if self.presentation is None:
            self.presentation = PresentationWindow(self)
            self.presentation.closed.connect(self._presentation_closed)
        self.presentation.showFullScreen()
        self.presentation.refresh()
        self.presentation.activateWindow()

    def _presentation_closed(self):
        self.presentation = None

    # misc -------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.spec.name.get()

    def data_changed(self):
        if self.record and not store.exists(self.record.uuid):
            self.record = None
        self.refresh_list()

    def retranslate(self):
        self.heading.setText(self.spec.name.get())
        self.summary.setText(self.spec.summary.get())
        self.list.setAccessibleName(i18n.tr("a11y.entry_list", tool=self.spec.name.get()))
        self.new_button.setText(i18n.tr("cocreate.new_session"))
        self.undo_button.setText(i18n.tr("cocreate.undo"))
        self.undo_button.setToolTip("Ctrl+Z")
        self.redo_button.setText(i18n.tr("cocreate.redo"))
        self.redo_button.setToolTip("Ctrl+Shift+Z")
        self.present_button.setText(i18n.tr("cocreate.present"))
        self.present_button.setToolTip(i18n.tr("cocreate.present_tooltip"))
        self.back.setText(i18n.tr("form.back"))
        self.next.setText(i18n.tr("form.next"))
        for step in self.steps.values():
            step.retranslate()
        self.refresh()
        self.refresh_list()
        if self.record and not self.dirty:
            self._saved_status()
