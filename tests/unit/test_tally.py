"""The daily tally of the three weapons: per day, never negative, 7-day summary."""
from __future__ import annotations

from datetime import date

import pytest

from coach.store import tally


def test_counts_per_day_and_kind(db):
    day = date(2026, 11, 26)
    assert tally.counts(day) == {"smile": 0, "praise": 0, "question": 0}
    assert tally.add(day, "smile") == 1
    assert tally.add(day, "smile") == 2
    assert tally.add(day, "question", 3) == 3
    assert tally.add(date(2026, 11, 25), "praise") == 1
    assert tally.counts(day) == {"smile": 2, "praise": 0, "question": 3}


def test_counts_never_go_below_zero_and_zero_rows_are_removed(db):
    day = date(2026, 11, 26)
    assert tally.add(day, "praise", -1) == 0
    tally.add(day, "praise")
    assert tally.add(day, "praise", -5) == 0
    assert db.execute_sql("SELECT COUNT(*) FROM daily_tally").fetchone()[0] == 0


def test_unknown_kind_is_refused(db):
    with pytest.raises(ValueError):
        tally.add(date(2026, 11, 26), "frown")


def test_seven_day_summary(db):
    end = date(2026, 11, 26)
    tally.add(end, "smile", 2)
    tally.add(date(2026, 11, 20), "praise", 1)  # first day of the window
    tally.add(date(2026, 11, 19), "question", 9)  # outside the window
    tally.add(date(2026, 11, 27), "question", 9)  # after the end
    window = tally.days(end, 7)
    assert [d.isoformat() for d, _ in window][0] == "2026-11-20"
    assert window[-1] == (end, {"smile": 2, "praise": 0, "question": 0})
    assert tally.summary(end) == {"totals": {"smile": 2, "praise": 1, "question": 0},
                                  "active_days": 2, "days": 7}
