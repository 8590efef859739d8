"""Practice points and weekly streaks (团队积分竞赛制, for one person).

Points reward practice done — an entry completed, a follow-up closed — and
never an outcome, a rating or an emotion. A week counts towards the streak
when it has at least one practice.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from . import i18n

POINTS = {"entry": 10, "followup": 5}


@dataclass
class PracticeSummary:
    total: int
    this_week: int
    this_week_count: int
    streak_weeks: int


def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def summarise(events: list[tuple[datetime, str]], today: date | None = None) -> PracticeSummary:
    today = today or date.today()
    current = week_start(today)
    total = 0
    this_week = this_week_count = 0
    weeks: set[date] = set()
    for when, kind in events:
        points = POINTS.get(kind, 0)
        day = i18n.to_local(when).date()
        total += points
        week = week_start(day)
        weeks.add(week)
        if week == current:
            this_week += points
            this_week_count += 1
    # The streak runs back from this week, or from last week while this week is still empty.
    start = current if current in weeks else current - timedelta(weeks=1)
    streak = 0
    while start in weeks:
        streak += 1
        start -= timedelta(weeks=1)
    return PracticeSummary(total, this_week, this_week_count, streak)
