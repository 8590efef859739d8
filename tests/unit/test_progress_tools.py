"""Progress figures of the other tools equal each tool's own figures; their charts plot them."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from coach.progress import Period, dashboard
from coach.store import entries as store
from coach.tools import registry

TODAY = date(2026, 11, 26)


def _save(tool: str, data: dict, days_ago: int, people=()):
    when = datetime.combine(TODAY - timedelta(days=days_ago),
                            datetime.min.time()).replace(hour=12).astimezone()
    return store.save(store.EntryRecord(uuid="", tool=tool, data=data, status="complete",
                                        created_at=when, people=list(people)))


def _sample(tool: str, n: int, seed: int = 3) -> list[dict]:
    from benchmarks.sample_data import SAMPLERS

    rng = random.Random(seed)
    return [SAMPLERS[tool](rng, i / max(n - 1, 1), "en") for i in range(n)]


def _figures(tool: str) -> dict:
    spec = registry()[tool]
    return {f.key: f.value for f in spec.compute_figures(store.completed_data(tool))}


@pytest.mark.parametrize("tool, pairs", [
    ("triangle", {"complete": "completeness", "confirmed": "confirmed", "balance": "balance"}),
    ("tk_conflict", {"win_win": "win_win", "matched": "suggestion_match"}),
    ("precomm", {"preparation": "preparation", "loop_closed": "loop_closed",
                 "actual": "outcome", "outcome_gap": "outcome_gap",
                 "temp_change": "temperature_change"}),
    ("fivestar", {"stars": "stars", "granted": "granted", "reply_hours": "reply_hours"}),
])
def test_dashboard_figures_equal_the_tools_own(db, tool, pairs):
    if tool not in registry():
        pytest.skip(f"{tool} is not installed")
    for i, data in enumerate(_sample(tool, 9)):
        _save(tool, data, 20 - 2 * i)
    summary = dashboard(Period("4w"), [tool], today=TODAY)["tools"][tool]["summary"]
    own = _figures(tool)
    for ours, theirs in pairs.items():
        assert summary[ours] == pytest.approx(own[theirs], abs=1e-3), ours


def test_precomm_loop_closed_follows_the_done_marks_on_home(db):
    if "precomm" not in registry():
        pytest.skip("precomm is not installed")
    data = {**_sample("precomm", 1)[0], "recap_sent": True,
            "recap_actions": [{"id": "a1", "text": "Send the list", "owner": "me",
                               "due": "2026-12-01"}]}
    rec = _save("precomm", data, 1)
    loop = lambda: dashboard(Period("4w"), ["precomm"], today=TODAY)["tools"]["precomm"][  # noqa: E731
        "summary"]["loop_closed"]
    assert loop() == 0.0
    item = next(f for f in store.followups(entry_uuid=rec.uuid) if f.text == "Send the list")
    store.set_followup_done(item.id, True)
    assert loop() == 1.0 == _figures("precomm")["loop_closed"]


def test_tk_modes_by_department_give_the_insight(db):
    if "tk_conflict" not in registry():
        pytest.skip("tk is not installed")
    fin = store.save_person(store.PersonRecord(None, "Wang", "财务部"))
    sales = store.save_person(store.PersonRecord(None, "Li", "Sales"))
    base = _sample("tk_conflict", 1)[0]
    for i, (mode, who) in enumerate([("avoiding", fin), ("avoiding", fin), ("avoiding", fin),
                                     ("competing", fin), ("avoiding", fin), ("collaborating", fin),
                                     ("competing", sales)]):
        _save("tk_conflict", {**base, "mode_used": mode}, i + 1, people=[who.id])
    data = dashboard(Period("4w"), ["tk_conflict"], today=TODAY)
    tool = data["tools"]["tk_conflict"]
    assert tool["counts"]["modes"] == {"avoiding": 4, "competing": 2, "collaborating": 1}
    assert tool["counts"]["modes_by_dept"]["财务部\x1favoiding"] == 4
    found = next(i for i in data["insights"] if i["key"] == "tk_conflict.department")
    assert found["en"] == "You used Avoiding in 4 of 6 conflicts with 财务部."
    assert found["zh_CN"] == "在与财务部的 6 次冲突中，你有 4 次用了「回避」。"


def test_tk_profile_comes_from_finished_attempts(db):
    if "tk_conflict" not in registry():
        pytest.skip("tk is not installed")
    import json

    from coach.store.models import TkAttempt

    for i, scores in enumerate(({"competing": 9, "collaborating": 6, "compromising": 7,
                                 "avoiding": 5, "accommodating": 3},
                                {"competing": 8, "collaborating": 9, "compromising": 6,
                                 "avoiding": 4, "accommodating": 3})):
        when = datetime(2026, 6 + 3 * i, 1, 9).astimezone()
        TkAttempt.create(uuid=f"a{i}", started_at=when, finished_at=when,
                         scores=json.dumps(scores))
    TkAttempt.create(uuid="unfinished", started_at=datetime(2026, 11, 1).astimezone())
    tool = dashboard(Period("4w"), ["tk_conflict"], today=TODAY)["tools"]["tk_conflict"]
    assert [a["scores"]["collaborating"] for a in tool["attempts"]] == [6, 9]

    from coach.charts import build_charts

    chart = next(c for c in build_charts(dashboard(Period("4w"), ["tk_conflict"], today=TODAY),
                                         "zh_CN") if c.key == "tk_conflict.profile")
    lines = {l.get_gid(): l for l in chart.figure.axes[0].get_lines()}
    assert list(lines["collaborating"].get_ydata()) == [6, 9]
    assert [t.get_text() for t in chart.figure.axes[0].get_legend().get_texts()][1] == "合作"


def test_every_installed_tool_with_an_adapter_has_charts_that_plot_its_data(db):
    from coach import charts, progress

    for tool in progress.ADAPTERS:
        for i, data in enumerate(_sample(tool, 12)):
            _save(tool, data, 25 - 2 * i)
    built = charts.build_charts(dashboard(Period("4w"), today=TODAY), "en")
    keys = {c.key for c in built}
    for tool in progress.ADAPTERS:
        assert tool in charts.TOOL_CHARTS
        mine = [c for c in built if c.tool == tool]
        assert mine and all(c.key in keys for c in mine)
        shown = [c for c in mine if not c.empty]
        assert shown, f"{tool}: every chart is empty with 12 entries"
        for c in shown:
            assert c.figure.axes and (c.figure.axes[0].get_lines() or c.figure.axes[0].patches)
    stars = next(c for c in built if c.key == "fivestar.per_star") if "fivestar" in keys or any(
        c.key == "fivestar.per_star" for c in built) else None
    if stars is not None:
        summary = dashboard(Period("4w"), ["fivestar"], today=TODAY)["tools"]["fivestar"]["summary"]
        widths = [p.get_width() for p in stars.figure.axes[0].containers[0]]
        assert widths[::-1] == pytest.approx([summary[k] for k in progress.FIVESTAR_STARS], abs=1e-6)
