"""Drive the empathy triangle form by keyboard; the picture follows the typing."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from coach import i18n
from coach.store import entries as store
from tests.ui.conftest import type_text


def open_triangle(qtbot, window):
    qtbot.mouseClick(window.home.start_buttons["triangle"], Qt.LeftButton)
    page = window.tool_pages["triangle"]
    assert window.stack.currentWidget() is page
    return page


def tick(qtbot, box):
    qtbot.mouseClick(box, Qt.LeftButton, pos=box.rect().topLeft() + QPoint(8, box.height() // 2))


def corners(widget):
    check = widget.picture.check
    return {c.key: (c.filled, c.touched) for c in check.corners}


def test_fill_in_chinese_by_keyboard_and_the_triangle_follows(qtbot, window):
    i18n.set_language("zh_CN")
    page = open_triangle(qtbot, window)
    form = page.form
    w = form.widgets
    reply = w["reply"]
    assert corners(reply) == {"facts": (False, False), "feelings": (False, False),
                              "needs": (False, False)}
    type_text(qtbot, w["facts"].edit, "财务部王姐说报销单连续三个月晚交")
    tick(qtbot, w["feelings"].boxes["wronged"])
    type_text(qtbot, w["task_need"].edit, "月底前收齐报销单")
    tick(qtbot, w["emotional_needs"].boxes["respected"])
    assert corners(reply) == {"facts": (True, False), "feelings": (True, False),
                              "needs": (True, False)}
    qtbot.keyClick(form, Qt.Key_PageDown, Qt.ControlModifier)
    assert form.current_step() == 1
    type_text(qtbot, reply.edit, "王姐，报销单晚交了三个月")
    assert corners(reply)["facts"] == (True, True)
    assert corners(reply)["feelings"] == (True, False)
    assert reply.advice["facts"].text().startswith("✓ 事实")
    assert reply.advice["feelings"].text().startswith("○ 感受")
    type_text(qtbot, reply.edit, "，让你很委屈。我来提醒团队，月底前交齐。")
    assert corners(reply) == {"facts": (True, True), "feelings": (True, True),
                              "needs": (True, True)}
    assert "委屈" in reply.advice["feelings"].text()
    assert "王姐" in reply.picture.reply
    w["balance"].setFocus()
    qtbot.keyClick(w["balance"], Qt.Key_4)
    form.go_to(2)
    combo = w["guess_confirmed"].combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Down)
    qtbot.keyClick(combo, Qt.Key_Down)
    combo.activated.emit(combo.currentIndex())
    qtbot.keyClick(form, Qt.Key_S, Qt.ControlModifier)
    assert page.record.status == "complete"
    data = store.get(page.record.uuid).data
    assert data == {
        "facts": "财务部王姐说报销单连续三个月晚交",
        "feelings": ["wronged"],
        "task_need": "月底前收齐报销单",
        "emotional_needs": ["respected"],
        "reply": "王姐，报销单晚交了三个月，让你很委屈。我来提醒团队，月底前交齐。",
        "balance": 4,
        "guess_confirmed": "partly",
    }
    # Home shows the figures
    window.show_page(window.home)
    label = window.home.findChild(type(window.home.heading), "figure_triangle_completeness")
    assert label.text() == "100%"
    label = window.home.findChild(type(window.home.heading), "figure_triangle_confirmed")
    assert label.text() == "50%"


def test_checker_advises_but_never_blocks_saving(qtbot, window):
    page = open_triangle(qtbot, window)
    w = page.form.widgets
    qtbot.keyClicks(w["facts"].edit, "He shouted in the corridor")
    page.form.go_to(1)
    qtbot.keyClicks(w["reply"].edit, "Noted.")
    assert w["reply"].picture.check.touched_count == 0
    assert "Acknowledge a feeling" not in w["reply"].advice["feelings"].text()  # corner empty
    assert "empty" in w["reply"].advice["feelings"].text()
    w["balance"].setFocus()
    qtbot.keyClick(w["balance"], Qt.Key_1)
    qtbot.keyClick(page.form, Qt.Key_S, Qt.ControlModifier)
    assert store.get(page.record.uuid).status == "complete"


def test_reopened_entry_redraws_the_triangle_and_follows_language(qtbot, window):
    page = open_triangle(qtbot, window)
    example = page.spec.examples["en"]
    rec = store.save(store.EntryRecord(uuid="", tool="triangle", data=dict(example),
                                       status="complete", spec_version=1))
    page.open_entry(rec.uuid)
    reply = page.form.widgets["reply"]
    assert reply.picture.check.touched_count == 3
    assert reply.picture.summaries["feelings"].startswith("Anxiety, Frustration")
    assert "touches 3 of 3" in reply.picture.accessibleDescription()
    i18n.set_language("zh_CN")
    assert reply.picture.summaries["feelings"].startswith("焦虑、挫败")
    assert reply.advice["needs"].text().startswith("✓ 需求")
    # the picture reacts to edits of a sibling field on another step
    page.form.go_to(0)
    page.form.widgets["facts"].edit.selectAll()
    qtbot.keyClick(page.form.widgets["facts"].edit, Qt.Key_Delete)
    assert reply.picture.check.facts.filled is False


def test_clicking_a_corner_opens_its_field(qtbot, window):
    page = open_triangle(qtbot, window)
    page.form.go_to(1)
    picture = page.form.widgets["reply"].picture
    needs = picture.corner_points()["needs"].toPoint()
    qtbot.mouseClick(picture, Qt.LeftButton, pos=needs)
    assert page.form.current_step() == 0
    task = page.form.widgets["task_need"].edit
    qtbot.waitUntil(lambda: task.hasFocus(), timeout=1000)
    qtbot.keyClicks(task, "Fix the order")
    page.form.go_to(1)
    assert picture.check.needs.filled
    assert picture.corner_at(picture.reply_rect().center().toPoint()) is None


def test_hovering_a_corner_shows_what_is_in_it(qtbot, window):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    page = open_triangle(qtbot, window)
    qtbot.keyClicks(page.form.widgets["facts"].edit, "Chen called about 12 orders")
    page.form.go_to(1)
    picture = page.form.widgets["reply"].picture
    at = picture.corner_points()["facts"].toPoint()
    QApplication.sendEvent(picture, QHelpEvent(QEvent.ToolTip, at, picture.mapToGlobal(at)))
    assert "Chen called about 12 orders" in QToolTip.text()
    assert "Click to fill in this corner." in QToolTip.text()
