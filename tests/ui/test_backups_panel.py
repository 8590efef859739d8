"""Settings → Backups: list, back up now, restore with confirmation."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from coach import i18n
from coach.store import backups
from coach.store import entries as store
from coach.ui.sections.backups import BackupsPanel


def panel_of(window) -> BackupsPanel:
    window.show_page(window.settings_page)
    return next(p for p in window.settings_page.panels if isinstance(p, BackupsPanel))


def answer_confirm(button_name: str, seen: list):
    def click():
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != "confirmRestore":
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        if button_name == "confirmYes":
            box.findChild(QPushButton, "confirmYes").click()
        else:
            box.reject()

    QTimer.singleShot(0, click)


def add(text):
    return store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": text})).uuid


def test_back_up_now_lists_the_backup_with_its_entry_count(qtbot, window, data_dir):
    add("one")
    add("two")
    panel = panel_of(window)
    assert panel.table.rowCount() == 0
    qtbot.mouseClick(panel.backup_button, Qt.LeftButton)
    assert not panel.backup_button.isEnabled()  # working off the UI thread
    qtbot.waitUntil(lambda: panel.backup_button.isEnabled(), timeout=20000)
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 1).text() == "Manual"
    assert panel.table.item(0, 3).text() == "2"
    assert panel.table.item(0, 2).text().endswith("KB")
    assert "verified" in panel.message.text()
    i18n.set_language("zh_CN")
    assert panel.table.item(0, 1).text() == "手动"
    assert panel.backup_button.text() == "立即备份"
    assert "校验" in panel.message.text()


def test_restore_asks_first_and_keeps_the_replaced_diary(qtbot, window, data_dir):
    kept = add("before the backup")
    panel = panel_of(window)
    qtbot.mouseClick(panel.backup_button, Qt.LeftButton)
    assert not panel.restore_button.isEnabled() and not panel.file_button.isEnabled()
    qtbot.waitUntil(lambda: panel.backup_button.isEnabled(), timeout=20000)
    later = add("after the backup")
    # The user is typing in a form when they restore: that typing is saved first.
    window.start_tool("abcde")
    page = window.tool_pages["abcde"]
    page.form.widgets["event"].edit.insertPlainText("typing in progress")
    panel = panel_of(window)
    panel.table.selectRow(0)
    seen: list = []
    answer_confirm("cancel", seen)
    qtbot.mouseClick(panel.restore_button, Qt.LeftButton)
    assert "1 entries" in seen[0] and "3 entries" in seen[0]
    assert store.count() == 3  # cancelled: nothing changed
    answer_confirm("confirmYes", seen)
    qtbot.mouseClick(panel.restore_button, Qt.LeftButton)
    assert {r.uuid for r in store.query()} == {kept}
    pre = [b for b in backups.list_backups(data_dir) if b.reason == "pre-restore"]
    assert len(pre) == 1 and pre[0].entries == 3  # later entry and the typing are kept there
    assert later in {r[0] for r in __import__("sqlite3").connect(pre[0].path).execute(
        "SELECT uuid FROM entry")}
    assert "Restored" in panel.message.text()
    assert panel.table.rowCount() == 2
    # The pages show the restored diary.
    assert page.list.count() == 1 and page.record is None
    assert page.form.widgets["event"].edit.toPlainText() == ""


def test_restore_refuses_a_file_that_is_not_a_diary(qtbot, window, tmp_path, monkeypatch):
    add("precious")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"nope" * 100)
    assert panel_of(window).restore(junk) is False
    assert "damaged or is not a database" in warnings[0]
    assert store.count() == 1
