"""`coach stats` prints the dashboard's figures per tool."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from tests.conftest import run_coach


def _add(store, day: date, before: int, after: int):
    store.save(store.EntryRecord(uuid="", tool="abcde", status="complete", data={
        "emotions": [{"emotion": "anxiety", "intensity": before, "after": after}],
        "belief_strength": 90, "belief_strength_after": 50, "red_light": True,
        "patterns": ["catastrophising"]},
        created_at=datetime.combine(day, datetime.min.time()).replace(hour=12).astimezone()))


def test_stats_json_matches_the_dashboard_for_a_date_range(db, data_dir):
    from coach.progress import Period, dashboard
    from coach.store import entries as store

    _add(store, date(2026, 3, 2), 80, 40)
    _add(store, date(2026, 3, 20), 60, 50)
    _add(store, date(2026, 5, 1), 90, 10)  # outside the range
    out = run_coach("stats", "--format", "json", "--since", "2026-03-01", "--until",
                    "2026-03-31", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    printed = json.loads(out.stdout)
    tool = printed["tools"]["abcde"]
    assert tool["count"] == 2
    assert tool["summary"]["emotion_drop"] == 25
    assert tool["counts"]["patterns"] == {"catastrophising": 2}
    assert printed["period"] == {"kind": "custom", "since": "2026-03-01", "until": "2026-03-31"}
    expected = dashboard(Period.custom(date(2026, 3, 1), date(2026, 3, 31)))
    assert printed["tools"] == json.loads(json.dumps(expected["tools"]))
    assert printed["overview"] == expected["overview"]


def test_stats_text_and_errors(db, data_dir):
    from coach.store import entries as store

    _add(store, date.today() - timedelta(days=1), 70, 30)
    out = run_coach("--lang", "zh_CN", "stats", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    assert "ABCDE 情绪转变 (1)" in out.stdout and "emotion_drop: 40" in out.stdout
    bad = run_coach("stats", "--since", "2026-02-30", data_dir=data_dir)
    assert bad.returncode == 2 and "Not a date: 2026-02-30" in bad.stderr
    backwards = run_coach("stats", "--since", "2026-03-02", "--until", "2026-03-01",
                          data_dir=data_dir)
    assert backwards.returncode == 2 and "is after" in backwards.stderr
    unknown = run_coach("stats", "--tool", "nope", data_dir=data_dir)
    assert unknown.returncode == 2 and "Unknown tool nope" in unknown.stderr
