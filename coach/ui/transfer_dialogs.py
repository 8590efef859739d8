"""Export… and Import… dialogs (File menu, Journal, Homework).

Export: choose a format and which entries (everything, a filter, the Journal's
selection or what the Journal shows), say that the file will hold private
text, pick a file, write it off the UI thread with progress and Cancel.

Import: pick a file, check it completely off the UI thread, show the preview
(new / updated / unchanged / conflicting, and what to do with conflicts),
then back up and apply it in one transaction; every page reloads.
"""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..export.selection import Selection
from ..tools import registry
from .jobs import run_job
from .layouts import resize_within

log = logging.getLogger(__name__)

SKIP_PRIVATE_WARNING = "export.skip_private_warning"


def confirm_private(parent: QWidget) -> bool:
    """Say that an unencrypted file will hold private text; True to go on."""
    from ..store import settings

    if settings.get(SKIP_PRIVATE_WARNING):
        return True
    box = QMessageBox(QMessageBox.Warning, i18n.tr("app.name"), i18n.tr("export.private_note"),
                      QMessageBox.NoButton, parent)
    box.setObjectName("privateWarning")
    go = box.addButton(i18n.tr("transfer.ui.write_anyway"), QMessageBox.AcceptRole)
    box.addButton(QMessageBox.Cancel)
    box.setDefaultButton(go)
    again = QCheckBox(i18n.tr("transfer.ui.dont_remind"), box)
    box.setCheckBox(again)
    box.exec()
    if box.clickedButton() is not go:
        return False
    if again.isChecked():
        settings.set(SKIP_PRIVATE_WARNING, True)
    return True


def note_and_buttons(dialog: QDialog, lay: QVBoxLayout, note_name: str, on_ok,
                     ok=QDialogButtonBox.Ok) -> tuple[QLabel, QDialogButtonBox]:
    """The note line and the OK / Cancel row at the foot of these dialogs."""
    note = QLabel(dialog)
    note.setObjectName(note_name)
    note.setWordWrap(True)
    lay.addWidget(note)
    buttons = QDialogButtonBox(ok | QDialogButtonBox.Cancel, dialog)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    lay.addWidget(buttons)
    return note, buttons


def journal_page(ctx):
    window = getattr(ctx, "window", None)
    return window.page("journal") if window is not None and hasattr(window, "page") else None


def journal_shown_uuids(page) -> list[str]:
    from ..store import search

    flt = search.Filter.from_dict(page.current_filter())
    return [row.uuid for row in search.find(flt)]


class ExportDialog(QDialog):
    """Choose format and entries; writes the file off the UI thread."""

    def __init__(self, ctx, parent=None, *, uuids: list[str] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("exportDialog")
        self.setMinimumWidth(560)
        self.written: Path | None = None
        page = journal_page(ctx)
        self.selected = list(uuids) if uuids is not None else (
            page.selected_uuids() if page is not None and page.isVisible() else [])
        self.journal = page
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.format_label = QLabel(self)
        self.format = QComboBox(self)
        self.format.setObjectName("exportFormat")
        for fmt in ("pdf", "html", "md", "csv", "json"):
            self.format.addItem("", fmt)
        self.format_label.setBuddy(self.format)
        form.addRow(self.format_label, self.format)
        lay.addLayout(form)

        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("sectionHelp")
        lay.addWidget(self.scope_label)
        self.scope = QButtonGroup(self)
        self.scope_all = QRadioButton(self)
        self.scope_all.setObjectName("scopeFilter")
        self.scope_selected = QRadioButton(self)
        self.scope_selected.setObjectName("scopeSelected")
        self.scope_journal = QRadioButton(self)
        self.scope_journal.setObjectName("scopeJournal")
        for i, b in enumerate((self.scope_all, self.scope_selected, self.scope_journal)):
            self.scope.addButton(b, i)
            lay.addWidget(b)
        self.scope_selected.setEnabled(bool(self.selected))
        self.scope_journal.setVisible(page is not None)
        (self.scope_selected if self.selected else self.scope_all).setChecked(True)

        self.filter_box = QWidget(self)
        fl = QFormLayout(self.filter_box)
        fl.setContentsMargins(24, 0, 0, 0)
        self.tools = QListWidget(self.filter_box)
        self.tools.setObjectName("exportTools")
        self.tools.setMaximumHeight(120)
        for spec in registry().values():
            item = QListWidgetItem(self.tools)
            item.setData(Qt.UserRole, spec.key)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
        self.tools_label = QLabel(self.filter_box)
        fl.addRow(self.tools_label, self.tools)
        period = QHBoxLayout()
        self.use_period = QCheckBox(self.filter_box)
        self.use_period.setObjectName("exportUsePeriod")
        today = QDate.currentDate()
        self.since = QDateEdit(today.addMonths(-1), self.filter_box)
        self.until = QDateEdit(today, self.filter_box)
        for d in (self.since, self.until):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.setEnabled(False)
        self.to_label = QLabel(self.filter_box)
        period.addWidget(self.use_period)
        period.addWidget(self.since)
        period.addWidget(self.to_label)
        period.addWidget(self.until)
        period.addStretch(1)
        self.period_label = QLabel(self.filter_box)
        fl.addRow(self.period_label, period)
        self.trash = QCheckBox(self.filter_box)
        fl.addRow("", self.trash)
        lay.addWidget(self.filter_box)
        self.use_period.toggled.connect(self.since.setEnabled)
        self.use_period.toggled.connect(self.until.setEnabled)
        self.scope.idToggled.connect(lambda *_: self._update())

        self.note, self.buttons = note_and_buttons(self, lay, "fieldError", self.choose_and_export)
        self.retranslate()
        self._update()

    def _update(self):
        self.filter_box.setEnabled(self.scope_all.isChecked())

    def retranslate(self):
        self.setWindowTitle(i18n.tr("transfer.ui.export_title"))
        self.format_label.setText(i18n.tr("transfer.ui.format"))
        for i in range(self.format.count()):
            self.format.setItemText(i, i18n.tr(f"transfer.ui.fmt_{self.format.itemData(i)}"))
        self.scope_label.setText(i18n.tr("transfer.ui.which"))
        self.scope_all.setText(i18n.tr("transfer.ui.scope_filter"))
        self.scope_selected.setText(i18n.tr("transfer.ui.scope_selected", count=len(self.selected)))
        self.scope_journal.setText(i18n.tr("transfer.ui.scope_journal"))
        self.tools_label.setText(i18n.tr("transfer.ui.tools"))
        self.tools.setAccessibleName(i18n.tr("a11y.export_tools"))
        self.since.setAccessibleName(i18n.tr("transfer.ui.only_from"))
        self.until.setAccessibleName(i18n.tr("transfer.ui.to"))
        for i in range(self.tools.count()):
            item = self.tools.item(i)
            item.setText(registry()[item.data(Qt.UserRole)].name.get())
        self.period_label.setText(i18n.tr("transfer.ui.period"))
        self.use_period.setText(i18n.tr("transfer.ui.only_from"))
        self.to_label.setText(i18n.tr("transfer.ui.to"))
        self.trash.setText(i18n.tr("transfer.ui.include_trash"))
        self.note.setText(i18n.tr("export.private_note"))
        self.buttons.button(QDialogButtonBox.Ok).setText(i18n.tr("transfer.ui.export_button"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(i18n.tr("common.cancel"))

    # --- what to export ------------------------------------------------------------
    def fmt(self) -> str:
        return self.format.currentData()

    def set_format(self, fmt: str) -> None:
        self.format.setCurrentIndex(self.format.findData(fmt))

    def selection(self) -> Selection:
        if self.scope_selected.isChecked():
            return Selection(uuids=list(self.selected), include_deleted=True)
        if self.scope_journal.isChecked() and self.journal is not None:
            flt = self.journal.current_filter()
            return Selection(uuids=journal_shown_uuids(self.journal),
                             include_deleted=bool(flt.get("trash")))
        tools = [self.tools.item(i).data(Qt.UserRole) for i in range(self.tools.count())
                 if self.tools.item(i).checkState() == Qt.Checked]
        sel = Selection(tools=tools if len(tools) < self.tools.count() else [],
                        include_deleted=self.trash.isChecked())
        if self.use_period.isChecked():
            sel.since = self.since.date().toPython()
            sel.until = self.until.date().toPython()
        if self.tools.count() and not tools:
            sel.tools = ["-"]  # nothing ticked: nothing matches
        return sel

    def default_name(self) -> str:
        from ..export.service import SUFFIX

        return f"coach-{date.today().isoformat()}{SUFFIX[self.fmt()]}"

    def choose_and_export(self):
        from ..export.service import SUFFIX

        if self.use_period.isChecked() and self.since.date() > self.until.date():
            QMessageBox.warning(self, i18n.tr("app.name"), i18n.tr("export.bad_period"))
            return
        if not confirm_private(self):
            return
        start = str(Path.home() / self.default_name())
        fmt = self.fmt()
        pattern = i18n.tr(f"transfer.ui.filter_{fmt}") + f" (*{SUFFIX[fmt]})"
        path, _ = QFileDialog.getSaveFileName(self, i18n.tr("transfer.ui.export_title"), start, pattern)
        if path:
            self.export_to(Path(path))

    def export_to(self, target: Path):
        """Write ``target`` off the UI thread (the file dialog and warning are done)."""
        from ..export.service import SUFFIX, ExportRequest, run_export

        fmt = self.fmt()
        if not target.suffix:
            target = target.with_suffix(SUFFIX[fmt])
        if self.ctx.window is not None and hasattr(self.ctx.window, "flush_all"):
            self.ctx.window.flush_all()
        req = ExportRequest(fmt, target, self.selection(), i18n.current())
        writer = None
        if fmt == "pdf":
            from .pdf import write_pdf as writer

        def work(progress, cancelled):
            return run_export(req, pdf_writer=writer, progress=progress, cancelled=cancelled)

        def done(path):
            self.written = path
            QMessageBox.information(self, i18n.tr("app.name"), i18n.tr("export.done", path=str(path)))
            self.accept()

        self.job = run_job(self, i18n.tr("transfer.ui.exporting"), work, done)


# --- import ------------------------------------------------------------------------

STATE_ORDER = ("conflict", "new", "updated", "unchanged")


class ImportPreview(QDialog):
    """What an import will do; Import applies it (backup first, one transaction)."""

    def __init__(self, ctx, path: Path, the_plan, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path(path)
        self.plan = the_plan
        self.result = None
        self.setObjectName("importPreview")
        resize_within(self, 920, 540)
        lay = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("importTable")
        self.table.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.conflict_label = QLabel(self)
        self.conflicts = QComboBox(self)
        self.conflicts.setObjectName("conflictChoice")
        for key in ("copy", "skip", "overwrite"):
            self.conflicts.addItem("", key)
        self.conflict_label.setBuddy(self.conflicts)
        row.addWidget(self.conflict_label)
        row.addWidget(self.conflicts, 1)
        lay.addLayout(row)
        has_conflicts = the_plan.count("conflict") > 0 or bool(the_plan.tk_conflicts)
        self.conflict_label.setVisible(has_conflicts)
        self.conflicts.setVisible(has_conflicts)
        self.backup_note, self.buttons = note_and_buttons(self, lay, "fieldHelp", self.apply)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(the_plan.changes_anything)
        self.retranslate()

    def retranslate(self):
        from ..export import importer

        p = self.plan
        self.setWindowTitle(i18n.tr("transfer.ui.import_title"))
        self.table.setAccessibleName(i18n.tr("a11y.import_table"))
        text = "\n".join([i18n.tr("transfer.ui.preview_file", name=self.path.name),
                          *importer.summary_lines(p)])
        if not p.changes_anything:
            text += "\n" + i18n.tr("import.nothing")
        self.summary.setText(text)
        self.table.setHorizontalHeaderLabels([i18n.tr(f"transfer.ui.col_{c}") for c in
                                              ("state", "tool", "title", "file", "local")])
        items = sorted(p.items, key=lambda it: (STATE_ORDER.index(it.state), it.record.created_at))
        self.table.setRowCount(len(items))
        tools = registry()
        for r, item in enumerate(items):
            rec = item.record
            cells = [i18n.tr(f"transfer.ui.state_{item.state}"), tools[rec.tool].name.get(),
                     rec.display_title() or i18n.tr("entry.untitled"),
                     i18n.format_datetime(rec.updated_at),
                     i18n.format_datetime(item.local_updated_at) if item.local_updated_at else "—"]
            for c, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                if item.state == "conflict":
                    cell.setForeground(Qt.darkRed)
                self.table.setItem(r, c, cell)
        for column in (0, 1, 3, 4):
            self.table.resizeColumnToContents(column)
        self.conflict_label.setText(i18n.tr("transfer.ui.conflicts"))
        for i in range(self.conflicts.count()):
            self.conflicts.setItemText(i, i18n.tr(f"transfer.ui.conflict_{self.conflicts.itemData(i)}"))
        self.backup_note.setText(i18n.tr("transfer.ui.backup_note"))
        self.buttons.button(QDialogButtonBox.Ok).setText(i18n.tr("transfer.ui.import_button"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(i18n.tr("common.cancel"))

    def apply(self):
        from ..export import importer
        from ..export.safety import backup_before_import
        from ..store.connection import current_database

        resolution = self.conflicts.currentData()
        folder = self.ctx.data_dir
        database = current_database()

        def work(progress, cancelled):
            return importer.apply(self.plan, resolution=resolution,
                                  backup=lambda: backup_before_import(database, folder),
                                  progress=progress, cancelled=cancelled)

        def done(result):
            self.result = result
            if self.plan.settings and self.ctx.window is not None:
                self.ctx.window.prompts_changed()  # the file brought prompts of its own
            self.ctx.data_changed()
            QMessageBox.information(self, i18n.tr("app.name"), i18n.tr(
                "import.done", added=result.added, updated=result.updated, copies=result.copies,
                skipped=result.skipped, unchanged=result.unchanged))
            self.accept()

        self.buttons.setEnabled(False)
        self.job = run_job(self, i18n.tr("transfer.ui.importing"), work, done)
        self.job.ended.connect(lambda *_: self.buttons.setEnabled(True))


def show_import_error(parent: QWidget, error) -> None:
    box = QMessageBox(QMessageBox.Warning, i18n.tr("app.name"), error.report(limit=8),
                      QMessageBox.Ok, parent)
    box.setObjectName("importError")
    if len(error.issues) > 8:
        box.setDetailedText(error.report(limit=len(error.issues)))
    box.exec()


def check_import(ctx, parent: QWidget, path: Path, on_ready) -> None:
    """Read, validate and plan off the UI thread; then ``on_ready(plan)`` or an error box."""
    from ..export import importer

    if ctx.window is not None and hasattr(ctx.window, "flush_all"):
        ctx.window.flush_all()

    def work(progress, cancelled):
        parsed = importer.validate(importer.read(path))
        return importer.plan(parsed)

    def on_error(error):
        if isinstance(error, importer.ImportFileError):
            show_import_error(parent, error)
            return True
        return False

    run_job(parent, i18n.tr("transfer.ui.checking"), work, on_ready, on_error=on_error)


def start_import(ctx, parent: QWidget, path: Path | None = None) -> None:
    if path is None:
        name, _ = QFileDialog.getOpenFileName(parent, i18n.tr("transfer.ui.import_title"),
                                              str(Path.home()),
                                              i18n.tr("transfer.ui.filter_json") + " (*.json)")
        if not name:
            return
        path = Path(name)

    def ready(the_plan):
        dialog = ImportPreview(ctx, path, the_plan, parent)
        parent._coach_import_preview = dialog
        dialog.open()

    check_import(ctx, parent, path, ready)

