"""KISS carry-over, the value-rings picture, built-in tags and practice points in the UI."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coach import i18n
from coach.store import entries as store
from coach.store import settings


def test_a_new_kiss_review_pulls_in_last_times_items(qtbot, window):
    store.save(store.EntryRecord(uuid="", tool="kiss", status="complete",
                                 data={"scope": "period", "subject": "Q3", "rating": 7,
                                       "start": [{"text": "Weekly check-in", "owner": "me"}]}))
    page = window.tool_pages["kiss"]
    window.show_page(page)
    page.new_entry()
    rows = page.form.widgets["previous_items"].rows
    assert [r.value()["text"] for r in rows] == ["Weekly check-in"]
    assert store.count(tool="kiss") == 1  # nothing stored until the user edits
    page.form.go_to(1)
    done = rows[0].widgets[-1].box
    done.setFocus()
    qtbot.keyClick(done, Qt.Key_Space)
    qtbot.waitUntil(lambda: page.record is not None and not page.dirty, timeout=2000)
    stored = store.get(page.record.uuid).data
    assert stored["previous_items"] == [{"list": "start", "text": "Weekly check-in", "owner": "me",
                                         "done": True}]


def test_value_rings_picture_names_the_weakest_ring(qtbot, window):
    page = window.tool_pages["rings"]
    window.show_page(page)
    page.new_entry()
    w = page.form.widgets
    for key, value in (("skill", "8"), ("passion", "6"), ("value", "3")):
        w[key].spin.selectAll()
        qtbot.keyClicks(w[key].spin, value)
    picture = w["picture"]
    assert "Weakest: Value to others" in picture.accessibleDescription()
    i18n.set_language("zh_CN")
    picture._update()
    assert "对他人的价值" in picture.accessibleDescription()


def test_builtin_tags_are_stored_as_keys(qtbot, window):
    page = window.tool_pages["abcde"]
    window.show_page(page)
    page.new_entry()
    qtbot.keyClicks(page.form.widgets["event"].edit, "x")
    qtbot.keyClicks(page.form.tags_edit, "finance")
    page.form.builtin_tags.toggle("point:pain", True)
    page.flush()
    assert store.get(page.record.uuid).tags == ["finance", "point:pain"]
    page.open_entry(page.record.uuid)
    assert page.form.tags_edit.text() == "finance"
    assert page.form.builtin_tags.selected() == ["point:pain"]


def test_points_line_on_home_and_switch_in_settings(qtbot, window):
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "x"}, status="complete"))
    window.show_page(window.home)
    panel = window.home.findChild(type(window.home), "pointsPanel") or next(
        p for p in window.home.panels if p.objectName() == "pointsPanel")
    window.home.refresh()
    assert panel.isVisibleTo(window.home)
    assert "1 (10 points)" in panel.label.text()
    window.show_page(window.settings_page)
    box = next(p for p in window.settings_page.panels if hasattr(p, "box")).box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Space)
    assert settings.get("points_enabled") is False
    window.show_page(window.home)  # Home refreshes when it is shown
    QApplication.processEvents()
    assert not panel.isVisibleTo(window.home)
