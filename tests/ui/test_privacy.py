"""Privacy: setting a passphrase in Settings encrypts the open diary, the
start prompt refuses a wrong passphrase, the idle lock hides and restores."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from coach.store import crypt
from coach.store import entries as store
from coach.ui.lock import LockScreen, StartPassphraseDialog
from coach.ui.sections import privacy
from tests.ui.conftest import type_text

KEY = "tea at 5 下午"


@pytest.fixture(autouse=True)
def _no_passphrase_left():
    crypt.set_passphrase(None)
    yield
    crypt.set_passphrase(None)


def panel_of(window) -> privacy.PrivacyPanel:
    return window.settings_page.findChild(privacy.PrivacyPanel)


def test_set_passphrase_in_settings_encrypts_the_open_diary(qtbot, window, data_dir, monkeypatch):
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "before"}))
    told = []
    monkeypatch.setattr(privacy.QMessageBox, "information",
                        lambda parent, title, text: told.append(text))
    panel = panel_of(window)
    window.show_page(window.settings_page)
    assert panel.set_button.isVisible() and not panel.remove_button.isVisible()

    def fill_dialog():
        dialog = QApplication.activeModalWidget()
        assert dialog.windowTitle() == "Encrypt the diary"
        assert "no recovery" in dialog.warning.text()
        type_text(qtbot, dialog.new, KEY)
        type_text(qtbot, dialog.again, KEY + "x")
        qtbot.keyClick(dialog.again, Qt.Key_Return)  # mismatch: refused, dialog stays
        assert dialog.isVisible() and "differ" in dialog.error.text()
        qtbot.keyClick(dialog.again, Qt.Key_Backspace)
        qtbot.keyClick(dialog.again, Qt.Key_Return)

    QTimer.singleShot(0, fill_dialog)
    qtbot.mouseClick(panel.set_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert "are encrypted" in told[0]
    path = data_dir / "coach.sqlite3"
    assert crypt.is_encrypted(path) and crypt.passphrase() == KEY
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError):
        con.execute("SELECT COUNT(*) FROM entry").fetchone()
    con.close()
    # the open diary carries on, now through SQLCipher
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "after"}))
    assert sorted(e.data["event"] for e in store.query()) == ["after", "before"]
    assert panel.change_button.isVisible() and panel.minutes.isEnabled()
    assert window.idle_lock.timer.isActive()
    assert "encrypted with your passphrase" in panel.status.text()


def test_start_prompt_wrong_then_right(qtbot, data_dir):
    from coach.store import close_database, open_database

    path = data_dir / "coach.sqlite3"
    close_database(open_database(path))
    crypt.convert_diary(path, old=None, new=KEY)
    crypt.set_passphrase(None)
    dialog = StartPassphraseDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.edit, "guess")
    qtbot.keyClick(dialog.edit, Qt.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert "does not open this diary" in dialog.error.text()
    assert crypt.passphrase() is None
    dialog.edit.clear()
    type_text(qtbot, dialog.edit, KEY)
    qtbot.keyClick(dialog.edit, Qt.Key_Return)
    assert not dialog.isVisible() and dialog.result() == 1
    assert crypt.passphrase() == KEY


def test_idle_lock_hides_content_and_unlock_restores_it(qtbot, window):
    crypt.set_passphrase(KEY)  # as after the start prompt
    lock = window.idle_lock
    lock.reconfigure()
    assert lock.timer.isActive() and lock.timer.interval() == 10 * 60_000
    qtbot.mouseClick(window.home.start_buttons["abcde"], Qt.LeftButton)
    page = window.tool_pages["abcde"]
    type_text(qtbot, page.form.widgets["event"].edit, "half-typed 想法")
    content = window.centralWidget()

    lock.timer.timeout.emit()  # ten idle minutes, driven
    assert isinstance(window.centralWidget(), LockScreen)
    assert not content.isVisible() and not page.isVisible()
    assert not window.menuBar().isEnabled()
    texts = [w.text() for w in window.findChildren(QLineEdit) if w.isVisible()]
    assert texts == [""]  # only the passphrase field is on screen
    [draft] = store.drafts()  # the pending autosave was flushed before locking
    assert draft.data["event"] == "half-typed 想法"

    screen = window.centralWidget()
    type_text(qtbot, screen.edit, "nope")
    qtbot.keyClick(screen.edit, Qt.Key_Return)
    assert screen.error.isVisible() and isinstance(window.centralWidget(), LockScreen)
    screen.edit.clear()
    type_text(qtbot, screen.edit, KEY)
    qtbot.keyClick(screen.edit, Qt.Key_Return)
    assert window.centralWidget() is content and page.isVisible()
    assert window.stack.currentWidget() is page
    edit = page.form.widgets["event"].edit
    assert (edit.toPlainText() if hasattr(edit, "toPlainText") else edit.text()) \
        == "half-typed 想法"
    assert window.menuBar().isEnabled() and lock.timer.isActive()


def test_damaged_encrypted_diary_reaches_the_restore_offer_and_stays_encrypted(
        qtbot, data_dir, monkeypatch):
    """A damaged first page reads like a wrong key: the right passphrase is
    still accepted (a backup with the diary's key confirms it), the damaged
    dialog follows, and the empty diary started instead is encrypted."""
    from PySide6.QtWidgets import QMessageBox

    from coach.store import backups, close_database, open_database
    from coach.ui import startup
    from tests.ui.test_startup import answer_dialog

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    path = data_dir / "coach.sqlite3"
    database = open_database(path)
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "secret-old-entry"}))
    backups.backup_now(database, data_dir)
    close_database(database)
    crypt.convert_diary(path, old=None, new=KEY)
    crypt.set_passphrase(None)
    raw = bytearray(path.read_bytes())
    raw[100:2000] = bytes(1900)
    path.write_bytes(bytes(raw))

    dialog = StartPassphraseDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.edit, "guess")
    qtbot.keyClick(dialog.edit, Qt.Key_Return)
    assert "does not open this diary" in dialog.error.text()
    dialog.edit.clear()
    type_text(qtbot, dialog.edit, KEY)
    qtbot.keyClick(dialog.edit, Qt.Key_Return)
    assert dialog.result() == 1 and crypt.passphrase() == KEY

    seen = []
    answer_dialog(qtbot, "startEmpty", seen)
    database = startup.open_or_recover(data_dir)
    assert database is not None and "damaged" in seen[0]
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "secret-new-entry"}))
    close_database(database)
    assert crypt.is_encrypted(path)
    leaked = [p.name for p in data_dir.rglob("*") if p.is_file()
              and (b"secret-new-entry" in p.read_bytes() or b"secret-old-entry" in p.read_bytes())]
    assert leaked == []


def test_start_removes_the_plaintext_left_by_a_decryption_cut_short(qtbot, data_dir):
    """A crash between writing the decrypted copy and the rename leaves the
    diary encrypted and a plaintext ``.convert`` beside it: the next start
    (holding the folder's lock) removes it; the diary is untouched."""
    from coach.store import close_database, open_database
    from coach.ui import startup

    path = data_dir / "coach.sqlite3"
    database = open_database(path)
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "secret-cut-short"}))
    close_database(database)
    crypt.convert_diary(path, old=None, new=KEY)
    crypt.export_file(path, data_dir / "coach.sqlite3.convert", from_key=KEY, to_key=None)
    (data_dir / "backups").mkdir(exist_ok=True)
    (data_dir / "backups" / "coach-20260101-080000-auto.sqlite3.unseal").write_bytes(b"x")
    keep = data_dir / "backups" / "coach-20260101-080000-auto.sqlite3"
    keep.write_bytes(b"not ours to remove")
    assert b"secret-cut-short" in (data_dir / "coach.sqlite3.convert").read_bytes()

    database = startup.open_or_recover(data_dir)
    try:
        assert [e.data["event"] for e in store.query()] == ["secret-cut-short"]
    finally:
        close_database(database)
    assert sorted(p.name for p in data_dir.rglob("*") if p.is_file()) == [
        "coach-20260101-080000-auto.sqlite3", "coach.encrypted", "coach.sqlite3"]
    assert keep.read_bytes() == b"not ours to remove"
