"""Start-up safety: a damaged diary is never overwritten; one app per folder; daily backups."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coach import paths
from coach.store import backups, close_database, open_database
from coach.store import entries as store
from coach.store.lock import DataLock
from coach.ui import startup
from coach.ui.app import make_application
from tests.conftest import ROOT, run_coach

GARBAGE = b"this is not a database, it was overwritten by something\n" * 200


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def diary_with_backup(data_dir, n=3):
    database = open_database(paths.db_path(data_dir))
    ids = {store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": f"e{i}"})).uuid
           for i in range(n)}
    backups.backup_now(database, data_dir, reason="auto")
    close_database(database)
    paths.db_path(data_dir).write_bytes(GARBAGE)  # then the file is destroyed
    return ids


def answer_dialog(qtbot, button_name, seen):
    def click():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, startup.DamagedDialog):
            QTimer.singleShot(20, click)
            return
        seen.append(dialog.text() + "\n" + dialog.informativeText())
        dialog.findChild(QWidget, button_name).click()

    QTimer.singleShot(0, click)


@pytest.fixture
def quiet_info(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    return shown


def test_damaged_diary_restores_the_latest_backup_after_asking(qtbot, data_dir, quiet_info):
    make_application()
    ids = diary_with_backup(data_dir)
    seen = []
    answer_dialog(qtbot, "restoreLatest", seen)
    database = startup.open_or_recover(data_dir)
    try:
        assert database is not None
        assert "damaged" in seen[0] and "3 entries" in seen[0]
        assert {r.uuid for r in store.query()} == ids
    finally:
        close_database(database)
    [moved] = data_dir.glob("coach.sqlite3.damaged-*")
    assert moved.read_bytes() == GARBAGE  # kept byte for byte
    assert str(moved) in quiet_info[-1]


def test_damaged_diary_is_left_untouched_when_the_user_quits(qtbot, data_dir, quiet_info):
    make_application()
    diary_with_backup(data_dir)
    before = digest(paths.db_path(data_dir))
    answer_dialog(qtbot, "quitButton", [])
    assert startup.open_or_recover(data_dir) is None
    assert digest(paths.db_path(data_dir)) == before
    assert not list(data_dir.glob("coach.sqlite3.damaged-*"))


def test_without_a_backup_the_user_may_start_empty_and_the_file_is_kept(qtbot, data_dir, quiet_info):
    make_application()
    paths.db_path(data_dir).write_bytes(GARBAGE)
    seen = []
    answer_dialog(qtbot, "startEmpty", seen)
    database = startup.open_or_recover(data_dir)
    try:
        assert "no sound backup" in seen[0]
        assert store.count() == 0
    finally:
        close_database(database)
    [moved] = data_dir.glob("coach.sqlite3.damaged-*")
    assert moved.read_bytes() == GARBAGE


def test_a_second_start_brings_the_first_window_forward(qtbot, data_dir):
    make_application()
    lock = DataLock(data_dir, role="app").acquire()
    server = startup.InstanceServer(data_dir)
    window = QWidget()
    qtbot.addWidget(window)
    server.window = window
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
        proc = subprocess.Popen([sys.executable, "-m", "coach", "--data-dir", str(data_dir)],
                                env=env, cwd=str(ROOT), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        with qtbot.waitSignal(server.activated, timeout=30000):
            pass
        assert proc.wait(30) == 0
        assert window.isVisible()
        assert not paths.db_path(data_dir).exists()  # the second start never opened the diary
    finally:
        server.close()
        lock.release()


def test_a_running_cli_writer_keeps_the_app_out_with_a_message(qtbot, data_dir, quiet_info):
    make_application()
    with DataLock(data_dir, role="restore"):
        assert startup.acquire_lock(data_dir) is None
    assert "Another Coach command" in quiet_info[0]
    lock = startup.acquire_lock(data_dir)
    assert lock is not None and lock.held
    lock.release()


def test_the_app_writes_one_verified_backup_a_day(data_dir):
    for _ in range(2):
        result = run_coach(data_dir=data_dir, env={"COACH_EXIT_AFTER_SHOW": "200"})
        assert result.returncode == 0, result.stderr
    autos = [b for b in backups.list_backups(data_dir) if b.reason == "auto"]
    assert len(autos) == 1
    assert backups.verify(autos[0].path) >= 1
    assert not DataLock(data_dir).acquire().release()  # released at quit
