"""Drive the real TK conflict log: live suggestion, match after saving, Home figures."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from coach import i18n
from coach.store import entries as store
from tests.ui.conftest import type_text


def pick(qtbot, combo_widget, key):
    combo = combo_widget.combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == key:
            break
        qtbot.keyClick(combo, Qt.Key_Down)
    assert combo.currentData() == key
    combo.activated.emit(combo.currentIndex())


def test_log_suggests_live_and_reports_the_match_after_saving(qtbot, window):
    qtbot.mouseClick(window.home.start_buttons["tk_conflict"], Qt.LeftButton)
    page = window.tool_pages["tk_conflict"]
    assert window.stack.currentWidget() is page
    form, w = page.form, page.form.widgets
    suggestion = w["suggestion"]
    assert "Rate what is at stake" in suggestion.text()

    type_text(qtbot, w["topic"].edit, "物流部要求提前截单 before 10:00")
    qtbot.keyClick(form, Qt.Key_PageDown, Qt.ControlModifier)
    assert form.current_step() == 1
    qtbot.keyClick(w["stakes"], "5")
    assert "Rate what is at stake" in suggestion.text()  # relationship still missing
    qtbot.keyClick(w["relationship"], "1")
    assert "Fits best: Competing" in suggestion.text()
    qtbot.keyClick(w["relationship"], "5")
    assert "Fits best: Collaborating" in suggestion.text()
    assert "Collaborating or Compromising" not in suggestion.text()
    qtbot.keyClick(w["time_pressure"], "5")
    assert "Collaborating or Compromising" in suggestion.text()
    assert "Time is short" in suggestion.text()
    i18n.set_language("zh_CN")
    assert "最适合：合作 或 妥协" in suggestion.text()
    i18n.set_language("en")

    qtbot.keyClick(form, Qt.Key_PageDown, Qt.ControlModifier)
    assert form.current_step() == 2
    match = w["match"]
    pick(qtbot, w["mode_used"], "avoiding")
    pick(qtbot, w["method"], "withdraw")
    qtbot.keyClick(form, Qt.Key_PageDown, Qt.ControlModifier)
    qtbot.keyClick(w["outcome_me"], "4")
    qtbot.keyClick(w["outcome_them"], "5")
    pick(qtbot, w["relationship_after"], "same")
    qtbot.keyClick(form, Qt.Key_S, Qt.ControlModifier)
    assert page.record.status == "complete"
    stored = store.get(page.record.uuid).data
    assert stored == {"topic": "物流部要求提前截单 before 10:00", "stakes": 5, "relationship": 5,
                      "time_pressure": 5, "mode_used": "avoiding", "method": "withdraw",
                      "outcome_me": 4, "outcome_them": 5, "relationship_after": "same"}
    assert "Different: you used Avoiding; the suggestion was Collaborating or Compromising" in match.text()

    # change to a matching mode: the verdict follows the saved entry
    form.go_to(2)
    pick(qtbot, w["mode_used"], "collaborating")
    assert "Different" in match.text()  # not saved yet
    qtbot.keyClick(form, Qt.Key_S, Qt.ControlModifier)
    assert "Matched: you used Collaborating" in match.text()

    window.show_page(window.home)
    win_win = window.home.findChild(QLabel, "figure_tk_conflict_win_win")
    assert win_win.text() == "100%"
    used = window.home.findChild(QLabel, "figure_tk_conflict_modes_used")
    assert used.text() == "Collaborating 1"

    # reopening shows the verdict and the suggestion from the stored ratings
    uuid = page.record.uuid
    page.new_entry()
    assert "Rate what is at stake" in w["suggestion"].text()
    assert "After you pick the mode" in w["match"].text()
    page.open_entry(uuid)
    assert "Fits best: Collaborating" in w["suggestion"].text()
    assert "Matched" in w["match"].text()
