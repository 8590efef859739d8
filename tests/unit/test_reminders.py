"""Reminders: weekly ones fire once on their days; the diary adds what is due."""
from __future__ import annotations

from datetime import datetime

import pytest

from coach import reminders as rem


def test_weekly_reminder_fires_once_on_its_days_after_its_time():
    r = rem.new_reminder([0, 1, 2, 3, 4], "18:30", "Reflect")
    monday_evening = datetime(2026, 11, 23, 18, 31)
    assert rem.due_now([r], datetime(2026, 11, 23, 18, 29), {}) == []
    assert rem.due_now([r], monday_evening, {}) == [r]
    assert rem.due_now([r], monday_evening, {r.id: "2026-11-23"}) == []  # already fired today
    assert rem.due_now([r], datetime(2026, 11, 28, 19, 0), {}) == []  # Saturday
    assert rem.later_today([r], datetime(2026, 11, 23, 9, 0)) == [r]


@pytest.mark.parametrize("days,at", [([], "18:00"), ([1], "25:00"), ([1], "evening")])
def test_bad_reminders_are_refused(days, at):
    with pytest.raises(ValueError):
        rem.new_reminder(days, at, "x")


def test_stored_reminders_round_trip_and_skip_damaged_ones(db):
    from coach.store import settings

    r = rem.new_reminder([2], "08:00", "")
    rem.save_all([r])
    settings.set(rem.SETTING, settings.get(rem.SETTING) + [{"weekdays": [9], "at": "x"}, "junk"])
    assert [x.to_dict() for x in rem.load()] == [r.to_dict()]
    assert rem.reminder_text(r, "zh_CN") == "回顾一下今天的沟通"


def test_today_lists_weekly_followups_and_plans(db):
    from coach.store import entries as store

    rem.save_all([rem.new_reminder([3], "20:00", "Journal")])
    store.save(store.EntryRecord(uuid="", tool="precomm", status="complete",
                                 data={"followup_date": "2026-11-27", "goal": "Delivery date"},
                                 title="Delivery date"))
    now = datetime(2026, 11, 26, 9, 0)  # Thursday
    texts = [i.text for i in rem.today_items(now, "en")]
    assert texts[0] == "20:00 — Journal"
    assert "Follow up tomorrow on the plan “Delivery date”" in texts
