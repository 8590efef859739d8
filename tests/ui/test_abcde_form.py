"""Drive the real ABCDE form with keyboard and mouse; check what is stored."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from coach import i18n
from coach.store import entries as store
from coach.store import settings
from tests.ui.conftest import type_text


def open_abcde(qtbot, window):
    qtbot.mouseClick(window.home.start_buttons["abcde"], Qt.LeftButton)
    page = window.tool_pages["abcde"]
    assert window.stack.currentWidget() is page
    return page


def fill_complete_entry(qtbot, page):
    form = page.form
    w = form.widgets
    # A: event (typed)
    type_text(qtbot, w["event"].edit, "会议上被点名批评 in the weekly meeting")
    # C: one emotion with intensity, via keyboard
    qtbot.keyClick(form, Qt.Key_PageDown, Qt.ControlModifier)
    assert form.current_step() == 1
    qtbot.mouseClick(w["emotions"].add, Qt.LeftButton)
    row = w["emotions"].rows[0]
    combo = row.widgets[0].combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Down)  # "—" -> anger
    qtbot.keyClick(combo, Qt.Key_Down)  # anger -> anxiety
    row.widgets[0].combo.activated.emit(combo.currentIndex())
    spin = row.widgets[1].spin
    spin.selectAll()
    qtbot.keyClicks(spin, "80")
    # B: belief + strength
    form.go_to(2)
    qtbot.keyClicks(w["belief"].edit, "They think I am careless")
    w["belief_strength"].spin.selectAll()
    qtbot.keyClicks(w["belief_strength"].spin, "90")
    box = w["patterns"].boxes["mind_reading"]
    qtbot.mouseClick(box, Qt.LeftButton, pos=box.rect().topLeft() + QPoint(8, box.height() // 2))
    w["red_light"].box.setFocus()
    qtbot.keyClick(w["red_light"].box, Qt.Key_Space)
    # E: balanced thought + re-ratings
    form.go_to(4)
    qtbot.keyClicks(w["balanced_thought"].edit, "One remark is not a verdict")
    rerate = w["emotions_after"]
    assert len(rerate.items) == 1
    rerate.items[0][1].spin.selectAll()
    qtbot.keyClicks(rerate.items[0][1].spin, "30")
    w["belief_strength_after"].spin.selectAll()
    qtbot.keyClicks(w["belief_strength_after"].spin, "40")


def test_fill_complete_and_reopen(qtbot, window):
    page = open_abcde(qtbot, window)
    fill_complete_entry(qtbot, page)
    qtbot.keyClick(page.form, Qt.Key_S, Qt.ControlModifier)
    assert page.record is not None and page.record.status == "complete"
    stored = store.get(page.record.uuid)
    assert stored.data["event"] == "会议上被点名批评 in the weekly meeting"
    assert stored.data["emotions"] == [{"emotion": "anxiety", "intensity": 80, "after": 30}]
    assert stored.data["belief_strength"] == 90
    assert stored.data["belief_strength_after"] == 40
    assert stored.data["patterns"] == ["mind_reading"]
    assert stored.data["red_light"] is True
    # Home lists it and shows the figures
    window.show_page(window.home)
    assert window.home.recent.count() == 1
    assert "会议上被点名批评" in window.home.recent.item(0).text()
    drop = window.home.findChild(type(window.home.heading), "figure_abcde_emotion_drop")
    assert drop.text() == "50 points"
    # reopen from Home and edit
    item = window.home.recent.item(0)
    window.home.recent.setCurrentItem(item)
    qtbot.keyClick(window.home.recent, Qt.Key_Return)
    assert window.stack.currentWidget() is page
    assert page.form.widgets["belief"].edit.toPlainText() == "They think I am careless"
    page.form.go_to(3)
    qtbot.keyClicks(page.form.widgets["evidence_against"].edit, "She praised me last week")
    qtbot.waitUntil(lambda: store.get(stored.uuid).data.get("evidence_against")
                    == "She praised me last week", timeout=2000)
    assert store.get(stored.uuid).status == "complete"


def test_missing_required_fields_get_inline_messages(qtbot, window):
    page = open_abcde(qtbot, window)
    qtbot.keyClicks(page.form.widgets["event"].edit, "Only the event so far")
    qtbot.keyClick(page.form, Qt.Key_S, Qt.ControlModifier)
    assert page.record.status == "draft"
    assert store.get(page.record.uuid).data == {"event": "Only the event so far"}
    # it jumps to the first missing field (emotions in step C) and says why
    assert page.form.current_step() == 1
    block = page.form.pages[1].blocks[0]
    assert block.error.isVisibleTo(page) and "Please add at least one row" in block.error.text()
    assert "still need an answer" in page.form.status.text()


def test_typing_autosaves_a_draft_within_two_seconds(qtbot, window):
    page = open_abcde(qtbot, window)
    qtbot.keyClicks(page.form.widgets["event"].edit, "autosave me")
    qtbot.waitUntil(lambda: page.record is not None and not page.dirty, timeout=2000)
    assert store.get(page.record.uuid).data == {"event": "autosave me"}
    assert store.get(page.record.uuid).status == "draft"
    window.show_page(window.home)
    assert window.home.drafts.count() == 1


def test_empty_new_entry_is_not_stored(qtbot, window):
    page = open_abcde(qtbot, window)
    page.flush()
    page.new_entry()
    assert store.count() == 0


def test_context_stays_visible_while_disputing(qtbot, window):
    page = open_abcde(qtbot, window)
    fill_complete_entry(qtbot, page)
    page.form.go_to(3)
    card = page.form.pages[3].context
    assert card.isVisibleTo(page)
    assert "会议上被点名批评" in card.text()
    assert "They think I am careless" in card.text()
    assert "Anxiety" in card.text()


def test_example_opens_beside_form_and_is_not_saved(qtbot, window):
    page = open_abcde(qtbot, window)
    qtbot.mouseClick(page.form.example_button, Qt.LeftButton)
    assert page.form.example.isVisibleTo(page)
    assert "Wang from Finance" in page.form.example.toPlainText()
    i18n.set_language("zh_CN")
    assert "财务部的王姐" in page.form.example.toPlainText()
    page.flush()
    assert store.count() == 0


def test_language_switch_changes_ui_at_once_and_keeps_data(qtbot, window):
    page = open_abcde(qtbot, window)
    fill_complete_entry(qtbot, page)
    qtbot.keyClick(page.form, Qt.Key_S, Qt.ControlModifier)
    before = store.get(page.record.uuid)
    window.show_page(window.settings_page)
    combo = window.settings_page.language
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("zh_CN"))
    combo.activated.emit(combo.currentIndex())
    assert i18n.current() == "zh_CN"
    assert window.nav.item(0).text() == "首页"
    assert page.form.step_buttons[0].text() == "A · 诱发事件"
    assert page.form.widgets["emotions"].rows[0].widgets[0].combo.currentText() == "焦虑"
    assert settings.get("language") == "zh_CN"
    page.flush()
    after = store.get(page.record.uuid)
    assert after.data == before.data


def test_keyboard_tab_order_moves_through_the_step(qtbot, window):
    page = open_abcde(qtbot, window)
    page.form.go_to(2)
    belief = page.form.widgets["belief"].edit
    belief.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is belief, timeout=1000)
    qtbot.keyClick(belief, Qt.Key_Tab)
    assert QApplication.focusWidget() is page.form.widgets["belief_strength"].slider
