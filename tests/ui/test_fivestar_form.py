"""Drive the five-star form by keyboard: highlighting, composing, copying, Settings words."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip

from coach import i18n, wording
from coach.store import entries as store
from coach.store import settings
from tests.ui.conftest import type_text


def open_fivestar(qtbot, window):
    qtbot.mouseClick(window.home.start_buttons["fivestar"], Qt.LeftButton)
    page = window.tool_pages["fivestar"]
    assert window.stack.currentWidget() is page
    return page


def marked(edit) -> list[str]:
    """The text of every highlighted range in the editor's document."""
    out = []
    block = edit.document().firstBlock()
    while block.isValid():
        for fmt in block.layout().formats():
            out.append(block.text()[fmt.start:fmt.start + fmt.length])
        block = block.next()
    return out


def rate(qtbot, widget, n):
    widget.setFocus()
    qtbot.keyClick(widget, getattr(Qt, f"Key_{n}"))


def answer_next_box(qtbot, replace: bool):
    """Click a button of the confirmation box once it is shown."""
    def click():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        wanted = box.buttons()[0 if replace else 1]
        assert wanted.text() == (i18n.tr("fivestar.compose") if replace else i18n.tr("common.cancel"))
        qtbot.mouseClick(wanted, Qt.LeftButton)
    QTimer.singleShot(0, click)


def test_fill_by_keyboard_in_chinese_compose_edit_copy(qtbot, window):
    i18n.set_language("zh_CN")
    page = open_fivestar(qtbot, window)
    form, w = page.form, page.form.widgets
    type_text(qtbot, w["subject"].edit, "请采购部周五前确认备选供应商")
    rate(qtbot, w["subject_stars"], 4)
    qtbot.keyClick(form, Qt.Key_PageDown, Qt.ControlModifier)
    type_text(qtbot, w["problem"].edit, "包装材料只有一家供应商")
    type_text(qtbot, w["need"].edit, "一份备选名单")
    rate(qtbot, w["logic_stars"], 3)
    qtbot.keyClick(form, Qt.Key_PageDown, Qt.ControlModifier)
    assert form.current_step() == 2
    wording_edit = w["wording"].edit
    type_text(qtbot, wording_edit, "你们部门总是最后才回")
    # highlighted as typed, with the softer form listed under the editor
    assert marked(wording_edit) == ["你们部门", "总是"]
    assert "最近两次" in w["wording"].checked.flag_list.text()
    form.go_to(5)
    message = w["message"]
    qtbot.mouseClick(message.compose_button, Qt.LeftButton)
    draft = message.edit.toPlainText()
    assert draft.startswith("主题：请采购部周五前确认备选供应商")
    assert "问题：包装材料只有一家供应商" in draft and "需要您支持：一份备选名单" in draft
    assert message.checked.flag_list.text().startswith("有 2 处")
    # the user edits: type 总是 at the end; it is marked at once
    message.edit.moveCursor(QTextCursor.End)
    type_text(qtbot, message.edit, "我们总是很感谢")
    assert marked(message.edit).count("总是") == 2
    # copy with one click
    QApplication.clipboard().clear()
    qtbot.mouseClick(message.copy_button, Qt.LeftButton)
    assert QApplication.clipboard().text() == message.edit.toPlainText()
    assert message.status.text() == "已复制到剪贴板。"
    qtbot.keyClick(form, Qt.Key_S, Qt.ControlModifier)
    assert page.record.status == "complete"
    data = store.get(page.record.uuid).data
    assert data["subject"] == "请采购部周五前确认备选供应商"
    assert data["subject_stars"] == 4 and data["logic_stars"] == 3
    assert data["wording"] == "你们部门总是最后才回"
    assert data["message"] == draft + "我们总是很感谢"
    assert data["message_flags"] == 3


def test_compose_asks_before_replacing_edits_and_undo_restores(qtbot, window):
    page = open_fivestar(qtbot, window)
    w = page.form.widgets
    qtbot.keyClicks(w["subject"].edit, "Backup supplier")
    qtbot.keyClicks(w["need"].edit, "A shortlist")
    page.form.go_to(5)
    message = w["message"]
    qtbot.keyClicks(message.edit, "My own words")
    answer_next_box(qtbot, replace=False)
    message.compose()
    assert message.edit.toPlainText() == "My own words"
    answer_next_box(qtbot, replace=True)
    message.compose()
    assert message.edit.toPlainText().startswith("Subject: Backup supplier")
    qtbot.keyClick(message.edit, Qt.Key_Z, Qt.ControlModifier)
    assert message.edit.toPlainText() == "My own words"
    # an unedited draft is refreshed from the stars without asking
    answer_next_box(qtbot, replace=True)
    message.compose()
    page.form.go_to(0)
    qtbot.keyClicks(w["subject"].edit, " for packaging")
    page.form.go_to(5)
    window.activateWindow()  # the closed message box took the activation with it
    message.edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is message.edit, timeout=1000)
    qtbot.keyClick(message.edit, Qt.Key_M, Qt.ControlModifier | Qt.ShiftModifier)
    assert message.edit.toPlainText().startswith("Subject: Backup supplier for packaging")


def test_copy_shortcut_and_empty_message(qtbot, window):
    page = open_fivestar(qtbot, window)
    page.form.go_to(5)
    message = page.form.widgets["message"]
    message.edit.setFocus()
    qtbot.keyClick(message.edit, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    assert message.status.text() == "The message is empty — nothing to copy."
    qtbot.keyClicks(message.edit, "You never reply")
    assert marked(message.edit) == ["You never"]
    # hovering the flagged words shows the softer form
    cursor = message.edit.textCursor()
    cursor.setPosition(2)
    at = message.edit.cursorRect(cursor).center()
    QApplication.sendEvent(message.edit.viewport(), QHelpEvent(
        QEvent.ToolTip, at, message.edit.viewport().mapToGlobal(at)))
    assert "Say what you need next time" in QToolTip.text()
    qtbot.keyClick(message.edit, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    assert QApplication.clipboard().text() == "You never reply"


def test_words_added_in_settings_take_effect_at_once(qtbot, window):
    page = open_fivestar(qtbot, window)
    page.form.go_to(5)
    message = page.form.widgets["message"]
    qtbot.keyClicks(message.edit, "Send it ASAP please")
    assert marked(message.edit) == []
    window.show_page(window.settings_page)
    panel = window.settings_page.findChild(type(window.settings_page.general), "wordingSettings")
    qtbot.keyClicks(panel.word, "asap")
    panel.kind.setCurrentIndex(panel.kind.findData("absolute"))
    qtbot.keyClicks(panel.suggestion, "give a date")
    qtbot.keyClick(panel.word, Qt.Key_Return)
    assert settings.get(wording.SETTING) == [
        {"word": "asap", "kind": "absolute", "suggestion": "give a date"}]
    assert panel.list.topLevelItemCount() == 1
    assert marked(message.edit) == ["ASAP"]
    assert "give a date" in message.checked.flag_list.text()
    # a duplicate is refused with a message and changes nothing
    qtbot.keyClicks(panel.word, "ASAP")
    qtbot.mouseClick(panel.add_button, Qt.LeftButton)
    assert "already" in panel.message.text()
    assert len(settings.get(wording.SETTING)) == 1
    # removing it by keyboard un-marks it at once
    panel.word.clear()
    panel.list.setFocus()
    panel.list.setCurrentItem(panel.list.topLevelItem(0))
    qtbot.keyClick(panel.list, Qt.Key_Delete)
    assert settings.get(wording.SETTING) == []
    assert marked(message.edit) == []
    # …and Undo puts it back
    qtbot.mouseClick(panel.undo_button, Qt.LeftButton)
    assert [i["word"] for i in settings.get(wording.SETTING)] == ["asap"]
    assert marked(message.edit) == ["ASAP"]
    assert not panel.undo_button.isVisibleTo(panel)


def test_reopened_entry_keeps_data_and_language_switch(qtbot, window):
    page = open_fivestar(qtbot, window)
    example = page.spec.examples["en"]
    rec = store.save(store.EntryRecord(uuid="", tool="fivestar", data=dict(example),
                                       status="complete", spec_version=1))
    page.open_entry(rec.uuid)
    message = page.form.widgets["message"]
    assert message.edit.toPlainText() == example["message"]
    assert page.form.value() == example
    i18n.set_language("zh_CN")
    assert message.copy_button.text() == "复制消息"
    assert message.checked.flag_list.text() == "没有发现绝对化或指责式的用词。"
    window.show_page(window.home)
    label = window.home.findChild(type(window.home.heading), "figure_fivestar_granted")
    assert label.text() == "100%"
