"""Settings → Backups: the list of backups, "Back up now" and restore.

Restoring asks first, saves pending typing, backs the current diary up and
copies the chosen backup into the open diary in one transaction (see
:func:`coach.store.backups.restore`), then tells every page to reload.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ... import i18n, paths
from ...store import StoreError, backups
from ...store import entries as store
from ...store.connection import current_database
from ..jobs import run_job

log = logging.getLogger(__name__)

ORDER = 1010


def human_size(size: int) -> str:
    if size < 1024 * 1024:
        return i18n.tr("backups.size_kb", size=i18n.format_number(max(1, round(size / 1024))))
    return i18n.tr("backups.size_mb", size=i18n.format_number(round(size / 1024 / 1024, 1)))


class BackupsPanel(QGroupBox):
    COLUMNS = ("date", "kind", "size", "entries")

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("backupsPanel")
        self.infos: list[backups.BackupInfo] = []
        lay = QVBoxLayout(self)
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.help.setObjectName("fieldHelp")
        self.help.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.help)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("backupsTable")
        self.table.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(180)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _item: self.restore_selected())
        lay.addWidget(self.table)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self)
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self)
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button = QPushButton(self)
        self.file_button.setObjectName("restoreFromFile")
        self.file_button.clicked.connect(self.restore_from_file)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.file_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.message = QLabel(self)
        self.message.setObjectName("backupsMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self._message: tuple[str, dict] | None = None
        self.retranslate()

    # list ------------------------------------------------------------------------
    def refresh(self):
        self.infos = backups.list_backups(self.ctx.data_dir)
        self.table.setRowCount(len(self.infos))
        for row, info in enumerate(self.infos):
            cells = (
                i18n.format_datetime(info.created.astimezone()),
                i18n.tr(f"backups.reason.{info.reason}") if i18n.has(f"backups.reason.{info.reason}")
                else info.reason,
                human_size(info.size),
                i18n.format_number(info.entries) if info.readable else i18n.tr("backups.unreadable"),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (2, 3):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                item.setToolTip(str(info.path))
                self.table.setItem(row, col, item)
        if self.infos and not self.table.selectedItems():
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self):
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> backups.BackupInfo | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.infos[min(rows)] if rows and min(rows) < len(self.infos) else None

    def showEvent(self, event):
        super().showEvent(event)
        self.refresh()

    # actions -----------------------------------------------------------------------
    def _say(self, key: str | None, error: bool = False, **kw):
        self._message = (key, kw, error) if key else None
        self.message.setText(i18n.tr(key, **kw) if key else "")
        self.message.setStyleSheet("color: #c0392b; font-weight: 600;" if error else "")

    def backup_now(self):
        """Copy and verify the diary off the UI thread (a big diary takes a second
        or more); what is being typed is saved first so the copy has it."""
        window = self.ctx.window
        if window is not None and hasattr(window, "flush_all"):
            window.flush_all()
        database, folder = current_database(), self.ctx.data_dir

        def work(_progress, _cancelled):
            return backups.backup_now(database, folder, reason="manual")

        def done(dest):
            self.refresh()
            self._say("backups.done", name=dest.name)

        def failed(exc):
            log.warning("backup failed: %s", exc)
            self._say("backups.failed", error=True, error_text=str(exc))
            return True

        self._busy(True)
        self._say("backups.working")
        self.job = run_job(self, i18n.tr("backups.working"), work, done, on_error=failed,
                           cancellable=False)
        self.job.ended.connect(lambda *_: self._busy(False))

    def _busy(self, busy: bool) -> None:
        """No second backup or a restore while a backup is being written."""
        self.backup_button.setEnabled(not busy)
        self.file_button.setEnabled(not busy)
        self.table.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.selected() is not None)

    def restore_selected(self):
        info = self.selected()
        if info is not None:
            self.restore(info.path)

    def restore_from_file(self):
        path, _ = QFileDialog.getOpenFileName(
            self, i18n.tr("backups.choose_file"), str(paths.backup_dir(self.ctx.data_dir)),
            i18n.tr("backups.file_filter"))
        if path:
            self.restore(Path(path))

    def restore(self, path: Path, confirm: bool = True) -> bool:
        """Ask, then replace the diary with ``path``; the current one is backed up first."""
        try:
            backups.verify(path)
        except StoreError as exc:
            QMessageBox.warning(self, i18n.tr("backups.restore_title"),
                                i18n.tr(exc.message_key, **exc.args_))
            return False
        info = backups.describe(path)
        if confirm:
            box = QMessageBox(QMessageBox.Question, i18n.tr("backups.restore_title"),
                              i18n.tr("backups.confirm",
                                      when=i18n.format_datetime(info.created.astimezone()),
                                      entries=i18n.format_number(info.entries or 0),
                                      current=i18n.format_number(store.count())),
                              QMessageBox.NoButton, self)
            box.setObjectName("confirmRestore")
            yes = box.addButton(i18n.tr("backups.confirm_yes"), QMessageBox.AcceptRole)
            yes.setObjectName("confirmYes")
            no = box.addButton(i18n.tr("common.cancel"), QMessageBox.RejectRole)
            box.setDefaultButton(no)
            box.exec()
            if box.clickedButton() is not yes:
                return False
        window = self.ctx.window
        if window is not None and hasattr(window, "flush_all"):
            window.flush_all()
            if any(p.dirty for p in window.tool_pages.values()):
                self._say("backups.unsaved_typing", error=True)
                return False
        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            safety = backups.restore(self.ctx.data_dir, path, database=current_database())
        except (StoreError, OSError, Exception) as exc:  # noqa: BLE001 - nothing changed; say why
            log.warning("restore failed: %s", exc)
            self._say("backups.restore_failed", error=True, error_text=str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.ctx.data_changed()
        self.refresh()
        self._say("backups.restored", name=safety.name if safety else "-")
        return True

    def retranslate(self):
        self.setTitle(i18n.tr("backups.title"))
        self.help.setText(i18n.tr("backups.help", folder=str(paths.backup_dir(self.ctx.data_dir))))
        self.table.setHorizontalHeaderLabels([i18n.tr(f"backups.col.{c}") for c in self.COLUMNS])
        self.backup_button.setText(i18n.tr("backups.backup_now"))
        self.restore_button.setText(i18n.tr("backups.restore"))
        self.file_button.setText(i18n.tr("backups.restore_file"))
        if self._message:
            key, kw, error = self._message
            self._say(key, error=error, **kw)
        if self.isVisible():
            self.refresh()


def create_settings_panel(ctx):
    return BackupsPanel(ctx)
