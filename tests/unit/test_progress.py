"""Progress data: periods, one-pass aggregation, streaks, insights (no Qt, no matplotlib)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from coach import progress
from coach.progress import Period, dashboard, streaks
from coach.store import entries as store
from coach.store.models import Entry, db as db_proxy
from coach.tools import abcde

TODAY = date(2026, 11, 26)  # a Thursday


def at(d: date, hour: int = 12) -> datetime:
    return datetime.combine(d, datetime.min.time()).replace(hour=hour).astimezone()


def abcde_data(before: list[int], after: list[int], belief=(80, 40), red=False,
               patterns=("mind_reading",)) -> dict:
    return {
        "event": "meeting", "belief": "they always", "balanced_thought": "fixable",
        "emotions": [{"emotion": "anger", "intensity": b, "after": a}
                     for b, a in zip(before, after)],
        "belief_strength": belief[0], "belief_strength_after": belief[1],
        "red_light": red, "patterns": list(patterns),
    }


def add(data: dict, when: date, tool="abcde", status="complete", people=(), hour=12):
    rec = store.save(store.EntryRecord(uuid="", tool=tool, data=data, status=status,
                                       created_at=at(when, hour), people=list(people)))
    return rec


# --- periods -------------------------------------------------------------------------

def test_periods_cover_whole_local_days():
    assert Period("4w").days(TODAY) == (date(2026, 10, 30), date(2026, 11, 27))
    assert Period("3m").days(TODAY) == (date(2026, 8, 27), date(2026, 11, 27))
    assert Period("12m").days(TODAY) == (date(2025, 11, 27), date(2026, 11, 27))
    assert Period("all").days(TODAY) == (None, None)
    custom = Period.custom(date(2026, 1, 1), date(2026, 1, 31))
    assert custom.days(TODAY) == (date(2026, 1, 1), date(2026, 2, 1))
    assert custom.previous_days(TODAY) == (date(2025, 12, 1), date(2026, 1, 1))
    assert Period("all").previous_days(TODAY) is None
    since, until = custom.bounds(TODAY)
    assert since.tzinfo is not None and since.date() == date(2026, 1, 1) and since.hour == 0
    assert Period("3m").to_json(TODAY) == {"kind": "3m", "since": "2026-08-27",
                                           "until": "2026-11-26"}


def test_month_arithmetic_clamps_to_month_end():
    assert progress.add_months(date(2026, 5, 31), -3) == date(2026, 2, 28)
    assert progress.add_months(date(2026, 1, 15), -12) == date(2025, 1, 15)


def test_bad_periods_are_refused():
    with pytest.raises(ValueError):
        Period("5y")
    with pytest.raises(ValueError):
        Period.custom(date(2026, 2, 1), date(2026, 1, 1))


# --- streaks and buckets ----------------------------------------------------------------

def test_streaks_count_consecutive_weeks_and_survive_an_empty_current_week():
    monday = date(2026, 11, 23)
    weeks = {monday - timedelta(weeks=i) for i in (1, 2, 3, 6, 7)}
    assert streaks(weeks, monday) == (3, 3)  # this week has nothing yet: still alive
    assert streaks(weeks | {monday}, monday) == (4, 4)
    assert streaks({monday - timedelta(weeks=3)}, monday) == (0, 1)
    assert streaks(set(), monday) == (0, 0)


def test_bucket_choice_follows_count_and_span():
    assert progress.choose_bucket(30, 365) == "entry"
    assert progress.choose_bucket(31, 28) == "day"
    assert progress.choose_bucket(31, 92) == "week"
    assert progress.choose_bucket(500, 365) == "month"


# --- the dashboard ----------------------------------------------------------------------

def test_abcde_figures_match_the_tools_own_figures(db):
    datas = [abcde_data([70, 60], [30, 20], (80, 30), red=True, patterns=["demands"]),
             abcde_data([50], [45], (60, 55), patterns=["demands", "mind_reading"]),
             abcde_data([90], [40], (90, 20))]
    for i, d in enumerate(datas):
        add(d, TODAY - timedelta(days=10 - i))
    add(abcde_data([100], [0]), TODAY - timedelta(days=3), status="draft")  # not counted
    gone = add(abcde_data([100], [0]), TODAY - timedelta(days=2))
    store.trash(gone.uuid)  # not counted
    data = dashboard(Period("4w"), today=TODAY)
    tool = data["tools"]["abcde"]
    assert tool["count"] == 3
    own = {f.key: f.value for f in abcde.figures(datas)}
    assert tool["summary"]["emotion_drop"] == pytest.approx(own["emotion_drop"], abs=1e-3)
    assert tool["summary"]["belief_drop"] == pytest.approx(own["belief_drop"], abs=1e-3)
    assert tool["summary"]["red_light"] == pytest.approx(own["red_light_share"], abs=1e-3)
    assert tool["summary"]["big_drop"] == pytest.approx(own["big_drop_share"], abs=1e-3)
    assert tool["counts"]["patterns"] == {"demands": 2, "mind_reading": 2}
    series = tool["series"]
    assert series["bucket"] == "entry"
    assert [x[:10] for x in series["x"]] == [(TODAY - timedelta(days=10 - i)).isoformat()
                                             for i in range(3)]
    assert series["emotion_before"] == [65.0, 50.0, 90.0]
    assert series["emotion_after"] == [25.0, 45.0, 40.0]
    assert series["belief_drop"] == [50, 5, 70]
    assert series["red_light"] == [1.0, 0.0, 0.0]


def test_many_entries_are_bucketed_by_week_with_means(db):
    # 40 entries over ~10 weeks inside the 3-month window: weekly buckets
    start = TODAY - timedelta(days=70)
    for i in range(40):
        add(abcde_data([60], [60 - i]), start + timedelta(days=i + i // 2 % 2))
    series = dashboard(Period("3m"), today=TODAY)["tools"]["abcde"]["series"]
    assert series["bucket"] == "week"
    assert all(date.fromisoformat(x).weekday() == 0 for x in series["x"])
    assert sum(series["n"]) == 40
    # each bucket's mean equals the mean of its entries' drops
    drops = {}
    for i in range(40):
        day = start + timedelta(days=i + i // 2 % 2)
        drops.setdefault(progress.week_start(day).isoformat(), []).append(i)
    expected = [sum(v) / len(v) for _, v in sorted(drops.items())]
    assert series["emotion_drop"] == pytest.approx(expected, abs=1e-3)


def test_overview_counts_entries_per_week_per_tool_and_the_streak(db):
    for weeks_ago in (0, 1, 1, 2, 5):
        add(abcde_data([50], [20]), TODAY - timedelta(weeks=weeks_ago))
    ov = dashboard(Period("4w"), today=TODAY)["overview"]
    assert ov["bucket"] == "week"
    assert ov["x"][0] == "2026-10-26" and ov["x"][-1] == "2026-11-23"
    assert ov["tools"]["abcde"] == [0, 0, 1, 2, 1]
    assert ov["total"] == 4
    assert ov["streak_weeks"] == 3 and ov["longest_streak_weeks"] == 3
    assert ov["previous_total"] == 1  # the entry five weeks ago


def test_period_excludes_entries_outside_it_and_compares_with_the_span_before(db):
    add(abcde_data([80], [60]), TODAY - timedelta(days=40))  # previous 4 weeks: drop 20
    add(abcde_data([80], [60]), TODAY - timedelta(days=45))
    add(abcde_data([80], [40]), TODAY - timedelta(days=5))  # this period: drop 40
    add(abcde_data([80], [40]), TODAY - timedelta(days=4))
    data = dashboard(Period("4w"), today=TODAY)
    tool = data["tools"]["abcde"]
    assert tool["count"] == 2
    assert tool["previous"]["count"] == 2
    assert tool["previous"]["summary"]["emotion_drop"] == 20
    drop = next(i for i in data["insights"] if i["key"] == "abcde.emotion_drop")
    assert drop["en"] == ("After reframing, your emotions eased by 40 points on average in this "
                          "period, up from 20 in the period before.")
    assert "40" in drop["zh_CN"] and "20" in drop["zh_CN"]


def test_insights_are_in_both_languages_and_at_most_five(db):
    for i in range(12):
        add(abcde_data([70], [30], red=i % 3 == 0, patterns=["catastrophising"]),
            TODAY - timedelta(days=i * 3))
    insights = dashboard(Period("3m"), today=TODAY)["insights"]
    assert 3 <= len(insights) <= 5
    for item in insights:
        assert item["en"] and item["zh_CN"] and item["en"] != item["zh_CN"]
    pattern = next(i for i in insights if i["key"] == "abcde.top_pattern")
    assert "Catastrophising" in pattern["en"] and "糟糕至极" in pattern["zh_CN"]
    assert "12 of 12" in pattern["en"]


def test_tool_filter_and_unknown_tools(db):
    add(abcde_data([70], [30]), TODAY)
    assert list(dashboard(Period("4w"), ["abcde"], today=TODAY)["tools"]) == ["abcde"]
    empty = dashboard(Period("4w"), ["no-such-tool"], today=TODAY)
    assert empty["tools"] == {} and empty["overview"]["total"] == 0


def test_empty_diary_gives_empty_but_complete_data(db):
    data = dashboard(Period("all"), today=TODAY)
    tool = data["tools"]["abcde"]
    assert tool["count"] == 0
    assert tool["summary"]["emotion_drop"] is None
    assert tool["series"]["x"] == []
    assert data["overview"]["total"] == 0 and data["overview"]["x"] == []
    assert data["insights"] == []


def test_damaged_json_falls_back_and_skips_only_that_row(db):
    add(abcde_data([70], [30]), TODAY)
    add(abcde_data([60], [50]), TODAY)
    Entry.update(data="{not json").where(Entry.id == 2).execute()
    tool = dashboard(Period("4w"), today=TODAY)["tools"]["abcde"]
    assert tool["summary"]["emotion_drop"] == 40


def test_departments_of_linked_people(db):
    from coach.store import stats

    fin = store.save_person(store.PersonRecord(None, "Wang", "财务部"))
    nobody = store.save_person(store.PersonRecord(None, "Li", ""))
    rec = add(abcde_data([70], [30]), TODAY, people=[fin.id, nobody.id])
    add(abcde_data([70], [30]), TODAY)
    entry_id = Entry.get(Entry.uuid == rec.uuid).id
    assert stats.departments("abcde") == {entry_id: ["财务部"]}


def test_one_read_transaction_is_enough(db):
    add(abcde_data([70], [30]), TODAY)
    with db_proxy.atomic():
        data = dashboard(Period("4w"), today=TODAY)
    assert data["overview"]["total"] == 1


def test_cached_results_follow_every_change(db):
    rec = add(abcde_data([70], [30]), TODAY)
    first = dashboard(Period("4w"), today=TODAY)
    assert dashboard(Period("4w"), today=TODAY) == first  # unchanged: served from the cache
    add(abcde_data([70], [60]), TODAY)
    assert dashboard(Period("4w"), today=TODAY)["tools"]["abcde"]["count"] == 2
    store.trash(rec.uuid)
    assert dashboard(Period("4w"), today=TODAY)["tools"]["abcde"]["summary"]["emotion_drop"] == 10
    data = dashboard(Period("4w"), today=TODAY)
    data["tools"]["abcde"]["summary"]["emotion_drop"] = -1  # callers may change what they get
    assert dashboard(Period("4w"), today=TODAY)["tools"]["abcde"]["summary"]["emotion_drop"] == 10
    assert dashboard(Period("4w"), today=TODAY, cache=False) == dashboard(Period("4w"), today=TODAY)
