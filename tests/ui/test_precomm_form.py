"""Drive the conversation plan with the keyboard; check what is stored, the gate,
the one-page agenda and what Home shows."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from coach.store import entries as store
from coach.tools import precomm
from tests.ui.conftest import type_text


def open_plan(qtbot, window):
    qtbot.mouseClick(window.home.start_buttons["precomm"], Qt.LeftButton)
    page = window.tool_pages["precomm"]
    assert window.stack.currentWidget() is page
    return page


def set_spin(qtbot, widget, text):
    widget.spin.setFocus()
    widget.spin.selectAll()
    qtbot.keyClicks(widget.spin, text)


def test_fill_the_plan_by_keyboard(qtbot, window):
    page = open_plan(qtbot, window)
    form, w = page.form, page.form.widgets
    # 1 Before · goals
    set_spin(qtbot, w["my_emotion"], "40")
    gate = w["emotion_gate"]
    assert not gate.banner.isVisible() and gate.calm.isVisible()
    type_text(qtbot, w["my_goal"].edit, "和生产部确认交期 for order 4711")
    qtbot.keyClicks(w["min_result"].edit, "600 units first")
    w["temp_before"].setFocus()
    qtbot.keyClick(w["temp_before"], Qt.Key_2)
    # 2 Before · readiness
    qtbot.keyClick(form, Qt.Key_PageDown, Qt.ControlModifier)
    assert form.current_step() == 1
    w["predicted_outcome"].setFocus()
    qtbot.keyClick(w["predicted_outcome"], Qt.Key_2)
    set_spin(qtbot, w["worry"], "70")
    checklist = w["checklist"]
    for key, state in (("goal", "done"), ("facts", "done"), ("channel", "not_needed")):
        rb = checklist.radios[key][state]
        rb.setFocus()
        qtbot.keyClick(rb, Qt.Key_Space)
    # 3 Plan
    form.go_to(2)
    qtbot.keyClicks(w["why"].edit, "A date we can keep")
    qtbot.keyClicks(w["what"].edit, "Delivery date for 4711")
    w["agenda"].edit.setFocus()
    qtbot.keyClicks(w["agenda"].edit, "Line load")
    qtbot.keyClick(w["agenda"].edit, Qt.Key_Return)
    qtbot.keyClicks(w["agenda"].edit, "Options")
    qtbot.keyClicks(w["opening"].edit, "We both want 4711 out on time")
    # 4 During: pick a habit from the combo by keyboard
    form.go_to(3)
    combo = w["habit"].combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Down)
    qtbot.keyClick(combo, Qt.Key_Down)
    combo.activated.emit(combo.currentIndex())
    # 5 After: recap, one action with owner and due date, outcome, temperature
    form.go_to(4)
    w["recap_sent"].box.setFocus()
    qtbot.keyClick(w["recap_sent"].box, Qt.Key_Space)
    actions = w["recap_actions"]
    actions.add.setFocus()
    qtbot.keyClick(actions.add, Qt.Key_Space)
    text, owner, due = actions.rows[0].widgets
    qtbot.keyClicks(text.edit, "Book line 3")
    qtbot.keyClicks(owner.edit, "Zhou")
    due.enabled.setFocus()
    qtbot.keyClick(due.enabled, Qt.Key_Space)
    due.edit.setDate(due.edit.date().addDays(3))
    w["actual_outcome"].setFocus()
    qtbot.keyClick(w["actual_outcome"], Qt.Key_4)
    assert "better than you expected" in w["debrief"].label.text()
    w["temp_after"].setFocus()
    qtbot.keyClick(w["temp_after"], Qt.Key_4)
    qtbot.keyClick(form, Qt.Key_S, Qt.ControlModifier)

    assert page.record is not None and page.record.status == "complete", form.status.text()
    data = store.get(page.record.uuid).data
    assert data["my_emotion"] == 40 and data["worry"] == 70
    assert data["my_goal"] == "和生产部确认交期 for order 4711"
    assert (data["temp_before"], data["predicted_outcome"]) == (2, 2)
    assert (data["actual_outcome"], data["temp_after"]) == (4, 4)
    assert data["checklist"] == {"goal": "done", "facts": "done", "channel": "not_needed"}
    assert data["agenda"] == "Line load\nOptions"
    assert data["habit"] == "arguing_back"
    assert data["recap_sent"] is True
    (action,) = data["recap_actions"]
    due_iso = date.today().toordinal() + 3
    assert action["text"] == "Book line 3" and action["owner"] == "Zhou"
    assert date.fromisoformat(action["due"]).toordinal() == due_iso
    assert len(action["id"]) == 12  # the hidden, stable row id
    # the custom widgets store nothing of their own
    assert not {"emotion_gate", "agenda_tools", "debrief"} & set(data)
    (item,) = store.followups(entry_uuid=page.record.uuid)
    assert (item.key, item.text, item.owner) == (f"action:{action['id']}", "Book line 3", "Zhou")


def test_marking_done_on_home_survives_editing_the_action(qtbot, window):
    page = open_plan(qtbot, window)
    w = page.form.widgets
    page.form.go_to(4)
    qtbot.mouseClick(w["recap_actions"].add, Qt.LeftButton)
    row = w["recap_actions"].rows[0]
    qtbot.keyClicks(row.widgets[0].edit, "Send recap")
    page.flush()
    panel = window.home.panels[0]
    window.show_page(window.home)
    (home_row,) = panel.rows
    qtbot.mouseClick(home_row.done_button, Qt.LeftButton)
    assert store.followups() == []
    # edit the text in the plan: still done
    window.show_page(page)
    qtbot.keyClicks(row.widgets[0].edit, " to Zhou")
    page.flush()
    (item,) = store.followups(include_done=True)
    assert item.text == "Send recap to Zhou" and item.done


def test_emotion_gate_offers_and_opens_a_linked_abcde(qtbot, window):
    page = open_plan(qtbot, window)
    w = page.form.widgets
    gate = w["emotion_gate"]
    set_spin(qtbot, w["my_emotion"], "75")
    assert gate.banner.isVisible()
    assert "75" in gate.message.text()
    assert page.record is None or page.dirty  # not necessarily saved yet
    qtbot.waitUntil(lambda: gate.start.height() > 0, timeout=1000)  # banner laid out
    qtbot.mouseClick(gate.start, Qt.LeftButton)
    abcde = window.tool_pages["abcde"]
    assert window.stack.currentWidget() is abcde
    plan = store.get(page.record.uuid)
    assert plan.data["my_emotion"] == 75
    assert abcde.record is not None and abcde.record.follows == plan.uuid
    assert abcde.form.prompt.isVisible()
    type_text(qtbot, abcde.form.widgets["event"].edit, "周会上被催交期")
    abcde.flush()
    # back to the plan: the linked entry is listed and opens on click
    window.show_page(page)
    assert [b.text() for b in gate.linked_buttons][0].startswith("ABCDE: 周会上被催交期")
    assert gate.linked_label.isVisible()
    qtbot.mouseClick(gate.linked_buttons[0], Qt.LeftButton)
    assert window.stack.currentWidget() is abcde
    assert abcde.record.uuid == store.followers(plan.uuid)[0].uuid
    # below the threshold the banner goes away (it never blocks anything)
    window.show_page(page)
    set_spin(qtbot, w["my_emotion"], "59")
    assert not gate.banner.isVisible()


def test_agenda_copies_to_clipboard_and_saves_a_pdf(qtbot, window, tmp_path):
    page = open_plan(qtbot, window)
    page.form.set_value(dict(precomm.EXAMPLE_ZH))
    page.form.go_to(2)
    tools = page.form.widgets["agenda_tools"]
    qtbot.mouseClick(tools.copy, Qt.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied == precomm.agenda_text(precomm.EXAMPLE_ZH, lang="en")
    assert "  1. 2 号线未来四周的情况" in copied.splitlines()
    assert tools.feedback.text() == "Agenda copied to the clipboard."
    target = tmp_path / "议程.pdf"
    assert tools.write_pdf(target)
    raw = target.read_bytes()
    assert raw.startswith(b"%PDF") and b"NotoSans" in raw
    assert not (tmp_path / "议程.pdf.part").exists()


def test_home_shows_followups_highlights_overdue_and_marks_done(qtbot, window):
    data = dict(precomm.EXAMPLE_EN)
    data["recap_actions"] = [
        {"id": "late", "text": "Send the frozen quantity", "owner": "Me", "due": "2020-01-02"},
        {"id": "soon", "text": "Book line 3", "owner": "Zhou", "due": "2999-01-01"},
    ]
    data["followup_date"] = "2999-02-01"
    rec = store.save(store.EntryRecord(uuid="", tool="precomm", data=data, status="complete"))
    window.home.refresh()
    panel = next(p for p in window.home.panels if p.objectName() == "followupsPanel")
    texts = [r.text_button.text() for r in panel.rows]
    assert texts == ["Send the frozen quantity", "Book line 3",
                     f"Follow up on “{rec.display_title()}”"]
    late, soon, check_in = panel.rows
    assert late.overdue and late.property("overdue") == "true"
    assert "Overdue since 2 Jan 2020" == late.due.text()
    assert not soon.overdue and soon.due.text() == "Due 1 Jan 2999"
    assert "Owner: Zhou" == soon.meta.text()
    assert "1 overdue" in panel.summary.text()
    # one click marks done; Undo brings it back
    qtbot.mouseClick(late.done_button, Qt.LeftButton)
    assert [f.key for f in store.followups()] == ["action:soon", "followup_date"]
    assert panel.undo_bar.isVisible() and "Send the frozen quantity" in panel.undo_text.text()
    qtbot.mouseClick(panel.undo_button, Qt.LeftButton)
    assert [f.key for f in store.followups()] == ["action:late", "action:soon", "followup_date"]
    # mark done by keyboard, then un-mark from the visible done list
    panel.rows[0].done_button.setFocus()
    qtbot.keyClick(panel.rows[0].done_button, Qt.Key_Space)
    assert len(panel.rows) == 2
    qtbot.mouseClick(panel.done_toggle, Qt.LeftButton)
    (done_row,) = panel.done_rows
    assert done_row.text_button.text() == "Send the frozen quantity"
    qtbot.mouseClick(done_row.done_button, Qt.LeftButton)
    assert len(panel.rows) == 3
    # Home's loop-closed figure follows the done marks
    for key in ("action:late", "action:soon"):
        item = next(f for f in store.followups() if f.key == key)
        store.set_followup_done(item.id)
    window.home.refresh()
    fig = window.home.findChild(QLabel, "figure_precomm_loop_closed")
    assert fig.text() == "100%"
    # clicking the text opens the entry
    qtbot.mouseClick(panel.rows[0].text_button, Qt.LeftButton)
    page = window.tool_pages["precomm"]
    assert window.stack.currentWidget() is page and page.record.uuid == rec.uuid


def test_tally_buttons_store_counts(qtbot, window):
    from coach.store import tally

    panel = next(p for p in window.home.panels if p.objectName() == "tallyPanel")
    today = date.today()
    assert not panel.minus["smile"].isEnabled()
    qtbot.mouseClick(panel.plus["smile"], Qt.LeftButton)
    qtbot.mouseClick(panel.plus["smile"], Qt.LeftButton)
    qtbot.mouseClick(panel.minus["smile"], Qt.LeftButton)
    panel.plus["question"].setFocus()
    qtbot.keyClick(panel.plus["question"], Qt.Key_Space)
    qtbot.keyClick(panel.plus["question"], Qt.Key_Space)
    assert tally.counts(today) == {"smile": 1, "praise": 0, "question": 2}
    assert panel.counts["smile"].text() == "1" and panel.counts["question"].text() == "2"
    assert panel.week.text() == ("Last 7 days — smiles: 1, praise: 0, questions: 2 · "
                                 "on 1 of 7 days")
    assert panel.day_labels[-1].text().endswith("\n3")


def test_panels_and_gate_follow_a_language_switch(qtbot, window):
    from coach import i18n

    data = dict(precomm.EXAMPLE_ZH)
    data["recap_actions"] = [{"id": "late", "text": "书面发出数量", "owner": "我", "due": "2020-01-02"}]
    data.pop("followup_date")
    store.save(store.EntryRecord(uuid="", tool="precomm", data=data, status="complete"))
    window.home.refresh()
    followups = next(p for p in window.home.panels if p.objectName() == "followupsPanel")
    tally_panel = next(p for p in window.home.panels if p.objectName() == "tallyPanel")
    page = window.tool_pages["precomm"]
    page.form.widgets["my_emotion"].set_value(80)
    page.form.widgets["emotion_gate"].update_gate()
    i18n.set_language("zh_CN")
    assert followups.title() == "待跟进事项"
    assert followups.rows[0].due.text() == "已逾期（截止 2020年1月2日）"
    assert tally_panel.labels["question"].text() == "建设性质疑"
    assert page.form.widgets["emotion_gate"].start.text() == "先做一次 ABCDE"
    assert "80" in page.form.widgets["emotion_gate"].message.text()
    assert "情绪强度是 80" in page.form.widgets["emotion_gate"].message.text()
