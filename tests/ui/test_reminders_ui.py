"""Reminders in Settings and on Home."""
from __future__ import annotations

from datetime import datetime

from coach import reminders as rem
from coach.store import settings


def panels(window):
    today = next(p for p in window.home.panels if p.objectName() == "todayPanel")
    config = next(p for p in window.settings_page.panels if hasattr(p, "list")
                  and p.list.objectName() == "reminderList")
    return today, config


def test_add_a_reminder_in_settings_and_see_it_fire_once(qtbot, window):
    today, config = panels(window)
    every_day = rem.new_reminder(list(range(7)), "00:00", "Write one ABCDE")
    config.add_reminder(every_day)
    assert config.list.count() == 1
    assert "Every day at 00:00: Write one ABCDE" == config.list.item(0).text()
    assert [r.text for r in rem.load()] == ["Write one ABCDE"]
    now = datetime.now().replace(hour=23, minute=59)
    assert today.check_due(now) == ["Write one ABCDE"]
    assert "Write one ABCDE" in today.label.text() and today.isVisibleTo(window.home)
    assert today.check_due(now) == []  # once a day
    assert settings.get(rem.SETTING_FIRED)[every_day.id] == now.date().isoformat()


def test_remove_a_reminder(qtbot, window):
    _, config = panels(window)
    config.add_reminder(rem.new_reminder([0], "09:00", "A"))
    config.list.setCurrentRow(0)
    config.remove.click()
    assert rem.load() == [] and config.list.count() == 0


def test_home_today_panel_hides_when_nothing_is_due(qtbot, window):
    today, _ = panels(window)
    today.fired_now = []
    today.refresh()
    assert not today.isVisibleTo(window.home)
