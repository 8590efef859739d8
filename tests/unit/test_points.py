"""Practice points and streaks count practice, never outcomes."""
from __future__ import annotations

from datetime import date, datetime, timezone

from coach.points import summarise


def at(y, m, d):
    return datetime(y, m, d, 12, tzinfo=timezone.utc)


def test_points_and_a_streak_that_includes_this_week():
    events = [(at(2026, 11, 10), "entry"), (at(2026, 11, 17), "entry"), (at(2026, 11, 18), "followup"),
              (at(2026, 11, 24), "entry")]
    s = summarise(events, today=date(2026, 11, 26))  # Thursday; weeks of 9, 16 and 23 Nov
    assert s.total == 35
    assert (s.this_week, s.this_week_count) == (10, 1)
    assert s.streak_weeks == 3


def test_an_empty_current_week_does_not_break_the_streak_yet():
    events = [(at(2026, 11, 10), "entry"), (at(2026, 11, 17), "entry")]
    s = summarise(events, today=date(2026, 11, 24))
    assert s.this_week == 0 and s.streak_weeks == 2


def test_a_missed_week_ends_the_streak():
    events = [(at(2026, 11, 3), "entry"), (at(2026, 11, 17), "entry")]
    assert summarise(events, today=date(2026, 11, 18)).streak_weeks == 1
    assert summarise([], today=date(2026, 11, 18)).streak_weeks == 0


def test_only_practice_is_counted(db):
    from coach.store import entries as store
    from coach.store.activity import practice_events

    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "x"}, status="complete"))
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "draft"}))
    gone = store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "y"}, status="complete"))
    store.trash(gone.uuid)
    assert [kind for _, kind in practice_events()] == ["entry"]
