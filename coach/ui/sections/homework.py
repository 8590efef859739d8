"""Homework (sidebar 350): the open pack's assignments, progress and hand-in.

Without a pack the page says what a pack is and offers to open one (or, for
trainers, to write one). Starting an assignment opens its tool with the
trainer's prompt shown above the form. Hand-in writes a PDF and a JSON file
the trainee chose, after they reviewed which entries go in; nothing is sent.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ... import homework, i18n
from ...tools import registry
from ..layouts import resize_within

ORDER = 350


class AssignmentCard(QFrame):
    def __init__(self, ctx, prog: homework.Progress, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.prog = prog
        self.setObjectName("assignmentCard")
        self.setFrameShape(QFrame.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        self.name = QLabel(self)
        self.name.setObjectName("assignmentTool")
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, prog.required)
        self.bar.setValue(min(prog.done, prog.required))
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.count = QLabel(self)
        self.count.setObjectName("assignmentCount")
        self.due = QLabel(self)
        self.due.setObjectName("fieldError" if prog.overdue else "fieldHelp")
        self.start = QPushButton(self)
        self.start.setObjectName("startAssignment")
        self.start.clicked.connect(self.start_tool)
        self.link = QPushButton(self)
        self.link.setObjectName("linkAssignment")
        self.link.clicked.connect(self.choose_entries)
        grid.addWidget(self.name, 0, 0)
        grid.addWidget(self.due, 0, 1, Qt.AlignRight)
        grid.addWidget(self.prompt, 1, 0, 1, 2)
        grid.addWidget(self.bar, 2, 0)
        grid.addWidget(self.count, 2, 1, Qt.AlignRight)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.link)
        actions.addWidget(self.start)
        grid.addLayout(actions, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self.retranslate()

    def start_tool(self):
        a = self.prog.assignment
        self.ctx.start_tool(a.tool, prompt=a.prompt.get() or None)

    def choose_entries(self) -> None:
        from ..homework_links import LinkEntriesDialog

        op = homework.current()
        if op is None:
            return
        dialog = LinkEntriesDialog(op, self.prog.assignment, self.window())
        self.dialog = dialog  # reachable while open (tests, screenshots)
        if dialog.exec() == LinkEntriesDialog.Accepted:
            self.ctx.data_changed()  # the Homework page and Home recount

    def retranslate(self):
        p = self.prog
        spec = registry().get(p.assignment.tool)
        self.name.setText(f"<b>{spec.name.get() if spec else p.assignment.tool}</b>")
        self.prompt.setText(p.assignment.prompt.get() or i18n.tr("homework.ui.no_prompt"))
        mark = " ✓" if p.complete else ""
        self.count.setText(i18n.tr("homework.ui.progress", done=p.done, required=p.required) + mark)
        due = i18n.tr("homework.due", date=i18n.format_date(p.assignment.due)) \
            if p.assignment.due else i18n.tr("homework.ui.no_due")
        if p.overdue:
            due += " · " + i18n.tr("homework.overdue")
        self.due.setText(due)
        self.start.setText(i18n.tr("homework.ui.start"))
        self.link.setText(i18n.tr("homework.ui.link"))
        # one card per assignment: say which one each button acts on
        tool = spec.name.get() if spec else p.assignment.tool
        for button in (self.start, self.link):
            button.setAccessibleName(i18n.tr("a11y.action_for", action=button.text().rstrip("…").rstrip("."),
                                             what=tool))


class HomeworkPage(QWidget):
    nav_key = "homework"

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("homeworkPage")
        self.op: homework.OpenPack | None = None
        self.cards: list[AssignmentCard] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)
        self.sub = QLabel(self)
        self.sub.setObjectName("sectionHelp")
        self.sub.setWordWrap(True)
        outer.addWidget(self.sub)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.inner = QWidget(self.scroll)
        self.list_layout = QVBoxLayout(self.inner)
        self.list_layout.setContentsMargins(4, 8, 4, 8)  # clear of the focus ring
        self.scroll.setWidget(self.inner)
        outer.addWidget(self.scroll, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openPack")
        self.open_button.clicked.connect(self.open_pack_dialog)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newPack")
        self.new_button.clicked.connect(self.new_pack_dialog)
        self.handin_button = QPushButton(self)
        self.handin_button.setObjectName("handIn")
        self.handin_button.clicked.connect(self.handin_dialog)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("closePack")
        self.close_button.clicked.connect(self.close_pack)
        for b in (self.handin_button, self.open_button, self.new_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)
        self.refresh()

    def title(self) -> str:
        return i18n.tr("homework.nav")

    def activated(self):
        self.refresh()

    def data_changed(self):
        self.refresh()

    def refresh(self):
        self.op = homework.current()
        self.cards = []
        while self.list_layout.count():
            item = self.list_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:  # hidden at once: deleteLater only runs in the event loop
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        if self.op is not None:
            for prog in homework.progress(self.op):
                card = AssignmentCard(self.ctx, prog, self.inner)
                self.list_layout.addWidget(card)
                self.cards.append(card)
        else:
            self.empty = QLabel(self.inner)
            self.empty.setObjectName("homeworkEmpty")
            self.empty.setWordWrap(True)
            self.list_layout.addWidget(self.empty)
        self.list_layout.addStretch(1)
        self.handin_button.setVisible(self.op is not None)
        self.close_button.setVisible(self.op is not None)
        self.retranslate()

    def retranslate(self):
        if self.op is None:
            self.heading.setText(i18n.tr("homework.nav"))
            self.sub.setText("")
            self.sub.setVisible(False)
            self.empty.setText(i18n.tr("homework.ui.empty"))
            self.open_button.setText(i18n.tr("homework.ui.open"))
        else:
            pack = self.op.pack
            self.heading.setText(pack.title.get())
            parts = [p for p in (pack.course, pack.session) if p]
            if pack.trainer:
                parts.append(i18n.tr("homework.ui.trainer", name=pack.trainer))
            parts.append(i18n.tr("homework.ui.opened", date=i18n.format_date(self.op.opened_at)))
            self.sub.setText(" · ".join(parts))
            self.sub.setVisible(True)
            self.open_button.setText(i18n.tr("homework.ui.open_other"))
        self.new_button.setText(i18n.tr("homework.ui.new"))
        self.handin_button.setText(i18n.tr("homework.ui.handin"))
        self.close_button.setText(i18n.tr("homework.ui.close"))
        for card in self.cards:
            card.retranslate()

    # --- actions -------------------------------------------------------------------
    def show_me(self):
        window = self.ctx.window
        if window is not None and hasattr(window, "show_page"):
            window.show_page(self)

    def open_pack_dialog(self):
        name, _ = QFileDialog.getOpenFileName(self, i18n.tr("homework.ui.open"), str(Path.home()),
                                              i18n.tr("homework.ui.filter") + " (*.toml *.json)")
        if name:
            self.open_pack_file(Path(name))

    def open_pack_file(self, path: Path) -> bool:
        try:
            pack = homework.load(path)
        except homework.PackError as exc:
            QMessageBox.warning(self, i18n.tr("app.name"), exc.report())
            return False
        if self.op is not None:
            answer = QMessageBox.question(self, i18n.tr("app.name"), i18n.tr(
                "homework.ui.replace", title=self.op.pack.title.get()))
            if answer != QMessageBox.Yes:
                return False
        homework.open_pack(pack)
        self.refresh()
        self.show_me()
        return True

    def close_pack(self):
        if self.op is None:
            return
        answer = QMessageBox.question(self, i18n.tr("app.name"), i18n.tr("homework.ui.close_ask"))
        if answer == QMessageBox.Yes:
            homework.close_pack()
            self.refresh()

    def new_pack_dialog(self):
        dialog = PackEditor(self)
        self._editor = dialog
        dialog.open()
        return dialog

    def handin_dialog(self):
        self.refresh()
        if self.op is None:
            QMessageBox.information(self, i18n.tr("app.name"), i18n.tr("homework.cli.none_open"))
            return None
        dialog = HandinDialog(self.ctx, self.op, self)
        self._handin = dialog
        dialog.open()
        return dialog


class HandinDialog(QDialog):
    """Review the entries, name yourself, choose a folder: writes PDF + JSON."""

    def __init__(self, ctx, op: homework.OpenPack, parent=None):
        from ...store import settings
        from ...store.transfer import select_entries

        super().__init__(parent)
        self.ctx = ctx
        self.op = op
        self.written: tuple[Path, Path] | None = None
        self.setObjectName("handinDialog")
        resize_within(self, 620, 520)
        lay = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        form = QFormLayout()
        self.name = QLineEdit(settings.get(homework.SETTING_NAME) or "", self)
        self.name.setObjectName("traineeName")
        self.name_label = QLabel(self)
        self.name_label.setBuddy(self.name)
        form.addRow(self.name_label, self.name)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(str(Path.home()), self)
        self.folder.setObjectName("handinFolder")
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        self.folder_label = QLabel(self)
        self.folder_label.setBuddy(self.folder)
        form.addRow(self.folder_label, folder_row)
        lay.addLayout(form)
        self.list_label = QLabel(self)
        lay.addWidget(self.list_label)
        self.entries = QListWidget(self)
        self.entries.setObjectName("handinEntries")
        records = select_entries(uuids=homework.answering_uuids(op))
        tools = registry()
        for rec in records:
            item = QListWidgetItem(self.entries)
            item.setData(Qt.UserRole, rec.uuid)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            item.setText(f"{i18n.format_date(rec.created_at)} · {tools[rec.tool].name.get()} · "
                         f"{rec.display_title() or i18n.tr('entry.untitled')}")
        lay.addWidget(self.entries, 1)
        from ..transfer_dialogs import note_and_buttons

        self.note, self.buttons = note_and_buttons(self, lay, "fieldHelp", self.write)
        self.retranslate()

    def retranslate(self):
        self.setWindowTitle(i18n.tr("homework.ui.handin"))
        self.intro.setText(i18n.tr("homework.ui.handin_intro", title=self.op.pack.title.get()))
        self.name_label.setText(i18n.tr("homework.ui.your_name"))
        self.folder_label.setText(i18n.tr("homework.ui.folder"))
        self.browse.setText(i18n.tr("homework.ui.browse"))
        self.list_label.setText(i18n.tr("homework.ui.review"))
        self.entries.setAccessibleName(i18n.tr("a11y.handin_entries"))
        self.note.setText(i18n.tr("homework.ui.handin_note"))
        self.buttons.button(QDialogButtonBox.Ok).setText(i18n.tr("homework.ui.write"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(i18n.tr("common.cancel"))

    def _browse(self):
        name = QFileDialog.getExistingDirectory(self, i18n.tr("homework.ui.folder"), self.folder.text())
        if name:
            self.folder.setText(name)

    def chosen(self) -> list[str]:
        return [self.entries.item(i).data(Qt.UserRole) for i in range(self.entries.count())
                if self.entries.item(i).checkState() == Qt.Checked]

    def write(self):
        from ...store import settings
        from ..jobs import run_job
        from ..pdf import write_pdf
        from ..transfer_dialogs import confirm_private

        name = self.name.text().strip()
        if not name:
            QMessageBox.warning(self, i18n.tr("app.name"), i18n.tr("homework.need_name"))
            self.name.setFocus()
            return
        uuids = self.chosen()
        if not uuids:
            QMessageBox.warning(self, i18n.tr("app.name"), i18n.tr("homework.nothing_to_hand_in"))
            return
        folder = Path(self.folder.text().strip() or Path.home()).expanduser()
        if not confirm_private(self):
            return
        settings.set(homework.SETTING_NAME, name)
        lang = i18n.current()

        def work(progress, cancelled):
            return homework.handin(self.op, name, uuids, folder, lang, pdf_writer=write_pdf,
                                   progress_fn=progress, cancelled=cancelled)

        def done(paths):
            self.written = paths
            QMessageBox.information(self, i18n.tr("app.name"), i18n.tr(
                "homework.handed_in", pdf=str(paths[0]), json=str(paths[1]), count=len(uuids)))
            self.accept()

        self.job = run_job(self, i18n.tr("transfer.ui.exporting"), work, done)


class PackEditor(QDialog):
    """A simple editor for trainers: pack details and a table of assignments."""

    COLS = ("tool", "count", "due", "prompt_en", "prompt_zh")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("packEditor")
        resize_within(self, 900, 480)
        self.saved: Path | None = None
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.title_en = QLineEdit(self)
        self.title_en.setObjectName("packTitleEn")
        self.title_zh = QLineEdit(self)
        self.title_zh.setObjectName("packTitleZh")
        self.course = QLineEdit(self)
        self.session = QLineEdit(self)
        self.session.setObjectName("packSession")
        self.trainer = QLineEdit(self)
        self.labels = {k: QLabel(self) for k in ("title_en", "title_zh", "course", "session", "trainer")}
        for key in ("title_en", "title_zh", "course", "session", "trainer"):
            self.labels[key].setBuddy(getattr(self, key))
            form.addRow(self.labels[key], getattr(self, key))
        lay.addLayout(form)
        self.table = QTableWidget(0, len(self.COLS), self)
        self.table.setObjectName("packAssignments")
        # Every cell is an editor of its own, reached with Tab; the table itself is no stop.
        self.table.setFocusPolicy(Qt.NoFocus)
        self.table.setProperty("a11y_no_tab", "every cell holds an editor reached with Tab")
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        header.setSectionResizeMode(4, QHeaderView.Stretch)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addAssignment")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_row)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.save_dialog)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.add_row()
        self.retranslate()

    def add_row(self, tool: str | None = None, count: int = 1, due: date | None = None,
                en: str = "", zh: str = ""):
        r = self.table.rowCount()
        self.table.insertRow(r)
        combo = QComboBox(self.table)
        for spec in registry().values():
            combo.addItem(spec.name.get(), spec.key)
        if tool:
            combo.setCurrentIndex(combo.findData(tool))
        spin = QSpinBox(self.table)
        spin.setRange(1, 100)
        spin.setValue(count)
        when = QDateEdit(QDate(due) if due else QDate.currentDate().addDays(7), self.table)
        when.setCalendarPopup(True)
        when.setDisplayFormat("yyyy-MM-dd")
        for c, w in enumerate((combo, spin, when, QLineEdit(en, self.table), QLineEdit(zh, self.table))):
            self.table.setCellWidget(r, c, w)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        self._name_cells()

    def _name_cells(self):
        """Each editor in the table is announced as its column and row."""
        for r in range(self.table.rowCount()):
            for c, key in enumerate(self.COLS):
                widget = self.table.cellWidget(r, c)
                if widget is not None:
                    widget.setAccessibleName(i18n.tr("a11y.cell", column=i18n.tr(f"homework.ui.col_{key}"),
                                                     row=r + 1))

    def _focused_row(self) -> int | None:
        focus = QApplication.focusWidget()
        for r in range(self.table.rowCount()):
            for c in range(len(self.COLS)):
                cell = self.table.cellWidget(r, c)
                if cell is not None and focus is not None and (focus is cell or cell.isAncestorOf(focus)):
                    return r
        return None

    def remove_row(self):
        focused = self._focused_row()
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True) or \
            ([focused] if focused is not None else [self.table.rowCount() - 1])
        for r in rows:
            if r >= 0 and self.table.rowCount() > 1:
                self.table.removeRow(r)
        self._name_cells()

    def retranslate(self):
        self.setWindowTitle(i18n.tr("homework.ui.new"))
        for key, label in self.labels.items():
            label.setText(i18n.tr(f"homework.ui.field_{key}"))
        self.table.setHorizontalHeaderLabels([i18n.tr(f"homework.ui.col_{c}") for c in self.COLS])
        self._name_cells()
        self.table.setAccessibleName(i18n.tr("a11y.pack_assignments"))
        self.add_button.setText(i18n.tr("homework.ui.add"))
        self.remove_button.setText(i18n.tr("homework.ui.remove"))
        self.buttons.button(QDialogButtonBox.Save).setText(i18n.tr("homework.ui.save"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(i18n.tr("common.cancel"))

    def pack(self) -> homework.Pack:
        """The pack as typed (raises PackError with every problem)."""
        title = {k: v for k, v in (("en", self.title_en.text().strip()),
                                   ("zh_CN", self.title_zh.text().strip())) if v}
        items = []
        for r in range(self.table.rowCount()):
            en = self.table.cellWidget(r, 3).text().strip()
            zh = self.table.cellWidget(r, 4).text().strip()
            prompt = {k: v for k, v in (("en", en), ("zh_CN", zh)) if v} or ""
            items.append({"id": str(r + 1), "tool": self.table.cellWidget(r, 0).currentData(),
                          "min_count": self.table.cellWidget(r, 1).value(),
                          "due": self.table.cellWidget(r, 2).date().toPython().isoformat(),
                          "prompt": prompt})
        return homework.from_dict({"title": title or "", "course": self.course.text().strip(),
                                   "session": self.session.text().strip(),
                                   "trainer": self.trainer.text().strip(), "assignments": items})

    def save_dialog(self):
        try:
            pack = self.pack()
        except homework.PackError as exc:
            QMessageBox.warning(self, i18n.tr("app.name"), exc.report())
            return
        name, _ = QFileDialog.getSaveFileName(
            self, i18n.tr("homework.ui.save"), str(Path.home() / "homework.toml"),
            i18n.tr("homework.ui.filter") + " (*.toml *.json)")
        if name:
            self.save_to(Path(name), pack)

    def save_to(self, path: Path, pack: homework.Pack | None = None) -> Path:
        if path.suffix.lower() not in (".toml", ".json"):
            path = path.with_suffix(".toml")
        self.saved = homework.save(pack or self.pack(), path)
        QMessageBox.information(self, i18n.tr("app.name"), i18n.tr(
            "homework.cli.written", path=str(self.saved), count=self.table.rowCount()))
        self.accept()
        return self.saved


def create_page(ctx) -> HomeworkPage:
    return HomeworkPage(ctx)

