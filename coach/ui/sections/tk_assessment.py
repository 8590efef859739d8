"""TK self-assessment (sidebar 31): 30 forced choices, one per screen, then the profile.

Keys on the question screen: A or 1 for the first statement, B or 2 for the
second, Backspace for the previous question. Every answer is stored at once
(:mod:`coach.store.tk`), so closing the page, the app or the machine halfway
loses nothing: the start screen offers to continue where the user stopped.
"""
from __future__ import annotations

import html
import logging

import peewee
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ...store import entries as entry_store
from ...store import tk as store
from ...tools import tk as conflict_log
from ...tools import tk_instrument as ti
from ..tk_profile import ModeComparison, ProfilePicture

ORDER = 31
log = logging.getLogger(__name__)

CHOICE_KEYS = {Qt.Key_A: "A", Qt.Key_1: "A", Qt.Key_B: "B", Qt.Key_2: "B"}


def _heading(parent) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("pageHeading")
    label.setWordWrap(True)
    return label


def _help(parent) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("fieldHelp")
    label.setWordWrap(True)
    return label


class StartScreen(QWidget):
    def __init__(self, page: "TkAssessmentPage"):
        super().__init__(page)
        self.page = page
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 24, 32, 24)
        lay.setSpacing(12)
        self.heading = _heading(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.norms = _help(self)
        self.norms.setObjectName("tkNorms")
        self.history = _help(self)
        self.start = QPushButton(self)
        self.start.setObjectName("tkStart")
        self.resume = QPushButton(self)
        self.resume.setObjectName("tkResume")
        self.start_over = QPushButton(self)
        self.start_over.setObjectName("tkStartOver")
        self.result = QPushButton(self)
        self.result.setObjectName("tkShowResult")
        buttons = QHBoxLayout()
        for b in (self.resume, self.start, self.start_over, self.result):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for w in (self.heading, self.intro, self.norms):
            lay.addWidget(w)
        lay.addLayout(buttons)
        lay.addWidget(self.history)
        self.attempts = QListWidget(self)
        self.attempts.setObjectName("tkAttempts")
        self.attempts.setMaximumWidth(640)
        self.attempts.itemActivated.connect(self._open)
        self.attempts.itemDoubleClicked.connect(self._open)
        lay.addWidget(self.attempts, 1)
        lay.addStretch(0)
        self.start.clicked.connect(page.start_new)
        self.resume.clicked.connect(page.resume)
        self.start_over.clicked.connect(page.start_over)
        self.result.clicked.connect(page.show_latest_result)

    def refresh(self):
        unfinished = store.unfinished()
        done = store.finished()
        answered = len(unfinished.answers) if unfinished else 0
        self.heading.setText(i18n.tr("tk.assess.heading"))
        self.intro.setText(i18n.tr("tk.assess.intro"))
        self.norms.setText(i18n.tr("tk.assess.norms"))
        self.resume.setText(i18n.tr("tk.assess.resume", answered=answered, total=ti.ITEM_COUNT))
        self.resume.setVisible(unfinished is not None)
        self.start_over.setText(i18n.tr("tk.assess.start_over"))
        self.start_over.setVisible(unfinished is not None)
        self.start.setText(i18n.tr("tk.assess.retake" if done else "tk.assess.start"))
        self.start.setVisible(unfinished is None)
        self.result.setText(i18n.tr("tk.assess.show_result"))
        self.result.setVisible(bool(done))
        self.history.setText(i18n.tr("tk.assess.history", count=len(done)))
        self.history.setVisible(bool(done))
        self.attempts.clear()
        self.attempts.setAccessibleName(i18n.tr("a11y.tk_attempts"))
        for attempt in reversed(done):
            top = sorted(ti.MODES, key=lambda m: (-attempt.scores.get(m, 0), ti.MODES.index(m)))[:2]
            modes = i18n.join(f"{ti.mode_label(m)} {attempt.scores.get(m, 0)}" for m in top)
            item = QListWidgetItem(i18n.tr("tk.assess.attempt_line",
                                           when=i18n.format_datetime(attempt.finished_at), modes=modes))
            item.setData(Qt.UserRole, attempt.uuid)
            self.attempts.addItem(item)
        self.attempts.setVisible(bool(done))
        primary = self.resume if unfinished else self.start
        primary.setDefault(True)
        primary.setAutoDefault(True)
        primary.setFocus()


    def _open(self, item: QListWidgetItem):
        self.page.show_result(store.get(item.data(Qt.UserRole)))


class ChoiceCard(QFrame):
    """One statement, clickable; shows its key letter and whether it was chosen."""

    clicked = Signal()

    def __init__(self, letter: str, parent=None):
        super().__init__(parent)
        self.setObjectName("tkChoice")
        self.setCursor(Qt.PointingHandCursor)
        self.setFocusPolicy(Qt.NoFocus)
        self.setProperty("chosen", False)
        self.letter = QLabel(letter, self)
        self.letter.setObjectName("tkChoiceLetter")
        self.letter.setAlignment(Qt.AlignCenter)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setObjectName("tkChoiceText")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(14, 14, 14, 14)
        lay.setSpacing(14)
        lay.addWidget(self.letter, 0, Qt.AlignTop)
        lay.addWidget(self.text, 1)

    def set_chosen(self, chosen: bool):
        self.setProperty("chosen", chosen)
        self.style().unpolish(self)
        self.style().polish(self)

    def mouseReleaseEvent(self, event):
        if event.button() == Qt.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class QuestionScreen(QWidget):
    def __init__(self, page: "TkAssessmentPage"):
        super().__init__(page)
        self.page = page
        self.setFocusPolicy(Qt.StrongFocus)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 24, 32, 24)
        lay.setSpacing(14)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("tkProgressLabel")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("tkProgress")
        self.progress.setRange(0, ti.ITEM_COUNT)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(8)
        self.question = _heading(self)
        self.cards = {"A": ChoiceCard("A", self), "B": ChoiceCard("B", self)}
        self.keys = _help(self)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.back = QPushButton(self)
        self.back.setObjectName("tkBack")
        # Tab reaches them, a click does not take the focus: the letter keys keep
        # answering the question after a mouse click on Previous.
        self.back.setFocusPolicy(Qt.TabFocus)
        self.pause = QPushButton(self)
        self.pause.setObjectName("tkPause")
        self.pause.setFocusPolicy(Qt.TabFocus)
        lay.addWidget(self.progress_label)
        lay.addWidget(self.progress)
        lay.addSpacing(8)
        lay.addWidget(self.question)
        for letter in ("A", "B"):
            lay.addWidget(self.cards[letter])
            self.cards[letter].clicked.connect(lambda k=letter: self.page.choose(k))
        lay.addWidget(self.error)
        lay.addWidget(self.keys)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.back)
        row.addStretch(1)
        row.addWidget(self.pause)
        lay.addLayout(row)
        self.back.clicked.connect(self.page.go_back)
        self.pause.clicked.connect(self.page.pause)

    def show_item(self, attempt: store.Attempt, index: int):
        item_id, swapped = attempt.order[index]
        first, second = ti.shown(item_id, swapped)
        chosen = attempt.answers.get(str(item_id))
        for letter, statement in (("A", first), ("B", second)):
            card = self.cards[letter]
            card.text.setText(statement.text.get())
            card.set_chosen(chosen == statement.mode)
        self.progress.setValue(len(attempt.answers))
        self.progress_label.setText(i18n.tr("tk.assess.progress", n=index + 1, total=ti.ITEM_COUNT))
        self.back.setEnabled(index > 0)
        self.error.setVisible(False)
        self.retranslate()
        # The screen holds the focus while answering: it reads out the question and both statements.
        self.setAccessibleName(i18n.tr("a11y.tk_question", progress=self.progress_label.text(),
                                       question=self.question.text()))
        self.setAccessibleDescription(i18n.tr("a11y.tk_choices", a=first.text.get(), b=second.text.get(),
                                              keys=self.keys.text()))

    def show_error(self, text: str):
        self.error.setText(text)
        self.error.setVisible(True)

    def retranslate(self):
        self.question.setText(i18n.tr("tk.assess.question"))
        self.keys.setText(i18n.tr("tk.assess.keys"))
        self.back.setText(i18n.tr("tk.assess.back"))
        self.pause.setText(i18n.tr("tk.assess.pause"))
        self.pause.setToolTip(i18n.tr("tk.assess.pause_tooltip"))

    def keyPressEvent(self, event):
        if event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
            return super().keyPressEvent(event)
        if event.key() in CHOICE_KEYS:
            self.page.choose(CHOICE_KEYS[event.key()])
            return
        if event.key() == Qt.Key_Backspace:
            self.page.go_back()
            return
        super().keyPressEvent(event)


class ResultScreen(QScrollArea):
    def __init__(self, page: "TkAssessmentPage"):
        super().__init__(page)
        self.page = page
        self.attempt: store.Attempt | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        inner = QWidget(self)
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.setSpacing(12)
        self.heading = _heading(inner)
        self.when = _help(inner)
        lay.addWidget(self.heading)
        lay.addWidget(self.when)

        top = self.top = QBoxLayout(QBoxLayout.LeftToRight)
        self.picture = ProfilePicture(inner)
        top.addWidget(self.picture, 0, Qt.AlignTop)
        right = QVBoxLayout()
        self.table = QGridLayout()
        self.table.setHorizontalSpacing(18)
        self.table.setVerticalSpacing(6)
        self.headers = [QLabel(inner) for _ in range(4)]
        for col, h in enumerate(self.headers):
            h.setObjectName("tkTableHeader")
            self.table.addWidget(h, 0, col)
        self.cells: dict[str, list[QLabel]] = {}
        for row, mode in enumerate(ti.MODES, start=1):
            cells = [QLabel(inner) for _ in range(4)]
            for col, c in enumerate(cells):
                c.setObjectName(f"tk_{mode}_{('label', 'score', 'band', 'change')[col]}")
                self.table.addWidget(c, row, col)
            self.cells[mode] = cells
        self.table.setColumnStretch(4, 1)
        right.addLayout(self.table)
        self.axes = QLabel(inner)
        self.axes.setObjectName("tkAxes")
        self.axes.setWordWrap(True)
        self.axes_change = _help(inner)
        self.axes_change.setObjectName("tkAxesChange")
        self.norms = _help(inner)
        right.addWidget(self.axes)
        right.addWidget(self.axes_change)
        right.addWidget(self.norms)
        right.addStretch(1)
        top.addLayout(right, 1)
        self.right = right
        lay.addLayout(top)

        self.compare_box = QGroupBox(inner)
        cl = QVBoxLayout(self.compare_box)
        self.compare_help = _help(self.compare_box)
        self.compare = ModeComparison(self.compare_box)
        self.compare_count = _help(self.compare_box)
        self.compare_count.setObjectName("tkCompareCount")
        cl.addWidget(self.compare_help)
        cl.addWidget(self.compare)
        cl.addWidget(self.compare_count)
        lay.addWidget(self.compare_box)

        self.explain_box = QGroupBox(inner)
        el = QVBoxLayout(self.explain_box)
        self.explain = QLabel(self.explain_box)
        self.explain.setObjectName("tkExplain")
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.RichText)
        el.addWidget(self.explain)
        lay.addWidget(self.explain_box)

        buttons = QHBoxLayout()
        self.log_button = QPushButton(inner)
        self.log_button.setObjectName("tkLogConflict")
        self.retake = QPushButton(inner)
        self.retake.setObjectName("tkRetake")
        self.back_button = QPushButton(inner)
        self.back_button.setObjectName("tkBackToStart")
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.retake)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        lay.addLayout(buttons)
        lay.addStretch(1)
        self.setWidget(inner)
        self.margins = lay.contentsMargins()
        self.log_button.clicked.connect(page.log_conflict)
        self.retake.clicked.connect(page.start_new)
        self.back_button.clicked.connect(page.show_start)

    def resizeEvent(self, event):  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self._arrange()

    def showEvent(self, event):  # noqa: N802 - Qt naming
        super().showEvent(event)
        self._arrange()

    def _arrange(self):
        """The table goes under the picture when both do not fit side by side (a large
        font, 150 % scaling): the page never scrolls sideways or cuts text off."""
        need = (self.picture.minimumWidth() + self.top.spacing() + self.right.minimumSize().width()
                + self.margins.left() + self.margins.right() + self.verticalScrollBar().sizeHint().width())
        wide = self.width() >= need
        self.top.setDirection(QBoxLayout.LeftToRight if wide else QBoxLayout.TopToBottom)

    def show_attempt(self, attempt: store.Attempt):
        self.attempt = attempt
        self.refresh()

    def refresh(self):
        attempt = self.attempt
        if attempt is None:
            return
        previous = store.previous(attempt)
        scores = {m: int(attempt.scores.get(m, 0)) for m in ti.MODES}
        diff = ti.change(scores, previous.scores if previous else None)
        self.heading.setText(i18n.tr("tk.assess.result_heading"))
        self.when.setText(i18n.tr("tk.assess.result_date", when=i18n.format_datetime(attempt.finished_at)))
        for col, key in enumerate(("col_mode", "col_score", "col_band", "col_change")):
            self.headers[col].setText(f"<b>{html.escape(i18n.tr('tk.assess.' + key))}</b>")
        for mode in ti.MODES:
            label, score, band, change = self.cells[mode]
            label.setText(ti.mode_label(mode))
            score.setText(str(scores[mode]))
            band.setText(ti.BANDS[ti.band(scores[mode])].get())
            if diff is None:
                change.setText(i18n.tr("tk.assess.no_previous"))
            else:
                change.setText(f"{diff[mode]:+d}" if diff[mode] else "±0")
        a, c = ti.axes(scores)
        self.axes.setText(i18n.tr("tk.assess.axes", a=a, c=c))
        if previous:
            pa, pc = ti.axes(previous.scores)
            self.axes_change.setText(i18n.tr("tk.assess.axes_change", da=a - pa, dc=c - pc))
        self.axes_change.setVisible(previous is not None)
        self.norms.setText(i18n.tr("tk.assess.norms"))
        self.picture.set_profile(scores, previous.scores if previous else None)
        self.picture.setToolTip(i18n.tr("tk.assess.picture"))

        conflicts = entry_store.completed_data(conflict_log.KEY)
        counts = conflict_log.mode_counts(conflicts)
        total = sum(counts.values())
        self.compare_box.setTitle(i18n.tr("tk.assess.compare"))
        self.compare_help.setText(i18n.tr("tk.assess.compare_help"))
        self.compare.set_data(scores, dict(counts))
        self.compare.setVisible(total > 0)
        self.compare_help.setVisible(total > 0)
        self.compare_count.setText(i18n.tr("tk.assess.compare_count", count=total) if total
                                   else i18n.tr("tk.assess.compare_none"))
        # The two pictures are painted: screen readers get the same facts as text.
        self.picture.setAccessibleName(i18n.tr("tk.assess.picture"))
        self.picture.setAccessibleDescription(self.axes.text())
        self.compare.setAccessibleName(self.compare_box.title())
        self.compare.setAccessibleDescription("; ".join(
            i18n.tr("a11y.tk_compare_line", mode=ti.mode_label(m), score=scores[m],
                    share=i18n.format_percent(self.compare.shares.get(m, 0.0)),
                    count=self.compare.counts.get(m, 0)) for m in ti.MODES))

        self.explain_box.setTitle(i18n.tr("tk.assess.explain"))
        parts = []
        good, over = html.escape(i18n.tr("tk.assess.good_use")), html.escape(i18n.tr("tk.assess.overuse"))
        for mode in ti.MODES:
            info = ti.MODE_INFO[mode]
            parts.append(
                f"<p><b>{html.escape(info.label.get())}</b> ({scores[mode]}) — "
                f"{html.escape(info.summary.get())}<br>"
                f"<i>{good}:</i> {html.escape(info.good_use.get())}<br>"
                f"<i>{over}:</i> {html.escape(info.overuse.get())}</p>")
        self.explain.setText("".join(parts))
        self.log_button.setText(i18n.tr("tk.assess.log_conflict"))
        self.retake.setText(i18n.tr("tk.assess.retake"))
        self.back_button.setText(i18n.tr("tk.assess.done_back"))
        self._arrange()  # the texts (language, previous attempt) change the widths


class TkAssessmentPage(QWidget):
    nav_key = "tk_assessment"

    def __init__(self, ctx=None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("tkAssessmentPage")
        self.attempt: store.Attempt | None = None
        self.index = 0
        self.stack = QStackedWidget(self)
        self.start_screen = StartScreen(self)
        self.question = QuestionScreen(self)
        self.result = ResultScreen(self)
        for w in (self.start_screen, self.question, self.result):
            self.stack.addWidget(w)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)
        self.show_start()

    # screens ------------------------------------------------------------------------
    def show_start(self):
        self.start_screen.refresh()
        self.stack.setCurrentWidget(self.start_screen)
        self.start_screen.refresh()  # focus the primary button once visible

    def _show_question(self, index: int):
        self.index = max(0, min(index, ti.ITEM_COUNT - 1))
        self.question.show_item(self.attempt, self.index)
        self.stack.setCurrentWidget(self.question)
        self.question.setFocus()

    def show_result(self, attempt: store.Attempt):
        self.attempt = None
        self.result.show_attempt(attempt)
        self.stack.setCurrentWidget(self.result)
        self.result.verticalScrollBar().setValue(0)
        self.result.retake.setFocus()

    def show_latest_result(self):
        latest = store.latest_finished()
        if latest:
            self.show_result(latest)

    def current_screen(self) -> str:
        return {self.start_screen: "start", self.question: "question",
                self.result: "result"}[self.stack.currentWidget()]

    # actions -------------------------------------------------------------------------
    def start_new(self):
        if store.unfinished() is not None:
            return self.resume()
        self.attempt = store.start()
        self._show_question(0)

    def resume(self):
        self.attempt = store.unfinished()
        if self.attempt is None:
            return self.show_start()
        self._show_question(self.attempt.position())

    def start_over(self):
        unfinished = store.unfinished()
        if unfinished is not None:
            answer = QMessageBox.question(
                self, i18n.tr("tk.assess.start_over"),
                i18n.tr("tk.assess.start_over_confirm", answered=len(unfinished.answers)),
                QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer != QMessageBox.Yes:
                return
            store.discard(unfinished.uuid)
        self.start_new()

    def choose(self, letter: str):
        if self.attempt is None or self.current_screen() != "question":
            return
        item_id, swapped = self.attempt.order[self.index]
        mode = ti.mode_for_choice(item_id, swapped, letter)
        try:
            self.attempt = store.answer(self.attempt.uuid, item_id, mode)
        except (peewee.PeeweeException, OSError) as exc:
            log.warning("saving a TK answer failed: %s", exc)
            self.question.show_error(i18n.tr("tk.assess.save_failed", error=str(exc)))
            return
        nxt = self.index + 1
        if nxt >= ti.ITEM_COUNT and self.attempt.position() < ti.ITEM_COUNT:
            nxt = self.attempt.position()  # an item was skipped somehow: ask it now
        if nxt >= ti.ITEM_COUNT:
            try:
                done = store.finish(self.attempt.uuid)
            except (peewee.PeeweeException, OSError) as exc:
                log.warning("finishing a TK attempt failed: %s", exc)
                self.question.show_error(i18n.tr("tk.assess.save_failed", error=str(exc)))
                return
            self.show_result(done)
            if self.ctx is not None:
                self.ctx.refresh_home()
            return
        self._show_question(nxt)

    def go_back(self):
        if self.attempt is not None and self.current_screen() == "question" and self.index > 0:
            self._show_question(self.index - 1)

    def pause(self):
        self.attempt = None
        self.show_start()

    def log_conflict(self):
        if self.ctx is not None:
            self.ctx.start_tool(conflict_log.KEY)

    # page protocol ---------------------------------------------------------------------
    def title(self) -> str:
        return i18n.tr("tk.assess.nav")

    def activated(self):
        screen = self.current_screen()
        if screen == "question" and self.attempt is not None:
            self.question.setFocus()
        elif screen == "result":
            self.result.refresh()
        else:
            self.show_start()

    def data_changed(self):
        if self.current_screen() == "result":
            self.result.refresh()
        elif self.current_screen() == "start":
            self.start_screen.refresh()

    def retranslate(self):
        screen = self.current_screen()
        if screen == "start":
            self.start_screen.refresh()
        elif screen == "question" and self.attempt is not None:
            self.question.show_item(self.attempt, self.index)
        else:
            self.result.refresh()


def create_page(ctx):
    return TkAssessmentPage(ctx)
