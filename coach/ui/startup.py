"""Start-up safety: one app per data folder, a damaged diary, daily backups.

- The app holds the data folder's writer lock (:mod:`coach.store.lock`) for
  its whole session. A second start on the same folder does not open the
  diary: it asks the running app, through a local socket named after the
  folder (QLocalServer, never a network port), to come to the front, and
  exits. If the holder is not the app (a CLI restore or import), it says so.
- A diary that is damaged or is not a Coach database is never written to. The
  app explains, offers to restore the newest sound backup or to start with an
  empty diary, and only after the user agrees moves the damaged file aside
  (renamed with a time stamp, never deleted).
"""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import i18n, paths
from ..store import (
    CorruptDatabaseError,
    NotCoachDatabaseError,
    StoreError,
    backups,
    crypt,
    open_database,
)
from ..store.lock import DataLock, FolderLocked

log = logging.getLogger(__name__)


def server_name(folder: Path) -> str:
    digest = hashlib.sha1(str(Path(folder).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"coach-{digest}"


class InstanceServer(QObject):
    """Listens for later starts on the same folder and brings the window forward."""

    activated = Signal()

    def __init__(self, folder: Path, parent=None):
        super().__init__(parent)
        self.window: QWidget | None = None
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.UserAccessOption)
        name = server_name(folder)
        QLocalServer.removeServer(name)  # a stale socket of a crashed run (we hold the lock)
        if not self.server.listen(name):
            log.warning("single-instance server not listening: %s", self.server.errorString())
        self.server.newConnection.connect(self._connection)

    def _connection(self):
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.disconnected.connect(sock.deleteLater)
            sock.write(b"ok\n")
            sock.flush()
            sock.disconnectFromServer()
        win = self.window
        if win is not None:
            if win.isMinimized():
                win.showNormal()
            win.show()
            win.raise_()
            win.activateWindow()
        self.activated.emit()

    def close(self):
        self.server.close()


def activate_running(folder: Path, timeout_ms: int = 2000) -> bool:
    """Ask the app already running on ``folder`` to come to the front."""
    sock = QLocalSocket()
    sock.connectToServer(server_name(folder))
    if not sock.waitForConnected(timeout_ms):
        return False
    sock.write(b"activate\n")
    sock.flush()
    sock.waitForBytesWritten(timeout_ms)
    sock.waitForReadyRead(timeout_ms)
    sock.disconnectFromServer()
    return True


def acquire_lock(folder: Path) -> DataLock | None:
    """The folder's lock, or None after handing over to the running app or
    telling the user who holds it."""
    lock = DataLock(folder, role="app")
    try:
        return lock.acquire()
    except FolderLocked as exc:
        if exc.role == "app" and activate_running(folder):
            log.info("Coach already runs on %s (pid %s): brought it to the front", folder, exc.pid)
            return None
        key = "startup.locked_app" if exc.role == "app" else "startup.locked_other"
        QMessageBox.information(None, i18n.tr("app.name"),
                                i18n.tr(key, folder=str(folder), pid=str(exc.pid or "?")))
        return None


class DamagedDialog(QMessageBox):
    """Explains a damaged diary and asks what to do; changes nothing by itself."""

    def __init__(self, exc: StoreError, latest: "backups.BackupInfo | None", parent=None):
        super().__init__(parent)
        self.setObjectName("damagedDialog")
        self.setIcon(QMessageBox.Warning)
        self.setWindowTitle(i18n.tr("app.name"))
        self.setText(i18n.tr(exc.message_key, **exc.args_))
        if latest is not None:
            info = i18n.tr("startup.damaged_offer", when=i18n.format_datetime(latest.created.astimezone()),
                           entries=str(latest.entries))
        else:
            info = i18n.tr("startup.damaged_no_backup")
        self.setInformativeText(info + "\n\n" + i18n.tr("startup.damaged_kept"))
        self.restore_button = None
        if latest is not None:
            self.restore_button = self.addButton(i18n.tr("startup.restore_latest"),
                                                 QMessageBox.AcceptRole)
            self.restore_button.setObjectName("restoreLatest")
        self.empty_button = self.addButton(i18n.tr("startup.start_empty"),
                                           QMessageBox.DestructiveRole)
        self.empty_button.setObjectName("startEmpty")
        self.quit_button = self.addButton(i18n.tr("startup.quit"), QMessageBox.RejectRole)
        self.quit_button.setObjectName("quitButton")
        self.setDefaultButton(self.restore_button or self.quit_button)
        self.setEscapeButton(self.quit_button)


def open_or_recover(folder: Path):
    """Open the diary; on a damaged one ask the user (see the module doc).

    Returns the open database, or None when the app should not start.
    """
    path = paths.db_path(folder)
    crypt.remove_leftovers(path)  # we hold the folder's lock: no conversion runs
    try:
        return open_database(path)
    except (CorruptDatabaseError, NotCoachDatabaseError) as exc:
        log.error("damaged diary: %s", exc)
        latest = backups.latest_sound_backup(folder)
        dialog = DamagedDialog(exc, latest)
        dialog.exec()
        clicked = dialog.clickedButton()
        if clicked is None or clicked is dialog.quit_button:
            return None
        chosen = latest.path if clicked is dialog.restore_button and latest else None
        moved = backups.recover(folder, chosen)
        log.warning("damaged diary moved to %s; restored %s", moved, chosen)
        database = open_database(path)
        QMessageBox.information(None, i18n.tr("app.name"),
                                i18n.tr("startup.recovered", path=str(moved)))
        return database
    except StoreError as exc:
        log.error("cannot open database: %s", exc)
        QMessageBox.critical(None, i18n.tr("app.name"), i18n.tr(exc.message_key, **exc.args_))
        return None
