"""TK: the instrument's design, scoring, the suggestion rules, figures and attempts."""
from __future__ import annotations

import itertools
import json
import random
from collections import Counter

import pytest

from coach.tools import get, tk
from coach.tools import tk_instrument as ti


# --- instrument design -------------------------------------------------------------

def test_thirty_items_each_pair_three_times_each_mode_twelve_times():
    assert len(ti.ITEMS) == 30
    assert sorted(i.id for i in ti.ITEMS) == list(range(1, 31))
    pairs = Counter(frozenset(i.modes()) for i in ti.ITEMS)
    assert set(pairs) == {frozenset(p) for p in itertools.combinations(ti.MODES, 2)}
    assert set(pairs.values()) == {3}
    modes = Counter(m for i in ti.ITEMS for m in i.modes())
    assert modes == {m: 12 for m in ti.MODES}
    assert all(i.a.mode != i.b.mode for i in ti.ITEMS)


def test_every_mode_is_statement_a_six_times():
    assert Counter(i.a.mode for i in ti.ITEMS) == {m: 6 for m in ti.MODES}


def test_both_languages_and_no_duplicate_statements():
    statements = [s for i in ti.ITEMS for s in (i.a, i.b)]
    assert len(statements) == 60
    for s in statements:
        assert s.text.en.strip() and s.text.zh_CN.strip()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in s.text.zh_CN)
        assert s.text.en.isascii()
    assert len({s.text.en.casefold() for s in statements}) == 60
    assert len({s.text.zh_CN for s in statements}) == 60


def test_modes_explain_good_use_and_overuse_in_both_languages():
    assert list(ti.MODE_INFO) == list(ti.MODES)
    for m in ti.MODE_INFO.values():
        for text in (m.label, m.summary, m.good_use, m.overuse):
            assert text.en.strip() and text.zh_CN.strip()


# --- scoring -------------------------------------------------------------------------

UNSWAPPED = [[i.id, False] for i in ti.ITEMS]


def test_all_a_and_all_b():
    all_a = ti.answers_from_choices(UNSWAPPED, "A" * 30)
    all_b = ti.answers_from_choices(UNSWAPPED, "B" * 30)
    assert ti.score(all_a) == {m: 6 for m in ti.MODES}
    assert ti.score(all_b) == {m: 6 for m in ti.MODES}
    assert ti.axes(ti.score(all_a)) == (0, 0)
    swapped = [[i.id, True] for i in ti.ITEMS]
    assert ti.answers_from_choices(swapped, "A" * 30) == all_b


def test_hand_computed_mixed_set():
    # odd items A, even items B, no swaps - counted by hand from the item table:
    # competing 1,20,27; collaborating 7,10,16,19,23,26; compromising 4,6,13,15,22,30;
    # avoiding 2,5,9,11,14,18,21,25,28; accommodating 3,8,12,17,24,29
    letters = ["A" if n % 2 else "B" for n in range(1, 31)]
    scores = ti.score(ti.answers_from_choices(UNSWAPPED, letters))
    assert scores == {"competing": 3, "collaborating": 6, "compromising": 6,
                      "avoiding": 9, "accommodating": 6}
    assert sum(scores.values()) == 30
    assert ti.axes(scores) == (-6, 0)
    assert [ti.band(scores[m]) for m in ti.MODES] == ["low", "middle", "middle", "high", "middle"]


def test_extreme_profiles_reach_the_axis_limits():
    # always prefer the earlier mode in MODES: 12, 9, 6, 3, 0
    answers = {str(i.id): min(i.modes(), key=ti.MODES.index) for i in ti.ITEMS}
    s = ti.score(answers)
    assert [s[m] for m in ti.MODES] == [12, 9, 6, 3, 0]
    assert ti.axes(s) == (12 + 9 - 3 - 0, 9 + 0 - 12 - 3)
    assert ti.axes({"competing": 12, "collaborating": 12}) == (24, 0)
    assert ti.axes({"collaborating": 12, "accommodating": 12}) == (0, 24)
    assert ti.axes({"avoiding": 12, "accommodating": 12}) == (-24, 0)


def test_bands_edges():
    assert [ti.band(v) for v in (0, 3, 4, 8, 9, 12)] == ["low", "low", "middle", "middle", "high", "high"]


def test_scoring_rejects_answers_that_do_not_belong_to_the_item():
    with pytest.raises(ti.ScoringError):
        ti.score({"1": "avoiding"})  # item 1 is competing vs collaborating
    with pytest.raises(ti.ScoringError):
        ti.score({"31": "avoiding"})


def test_shuffle_swaps_sides_and_keeps_every_item():
    order = ti.new_order(random.Random(4))
    assert ti.valid_order(order)
    assert 5 < sum(1 for _, s in order if s) < 25
    first, second = ti.shown(order[0][0], True)
    assert first == ti.ITEMS_BY_ID[order[0][0]].b


def test_change_against_previous():
    assert ti.change({"competing": 5}, None) is None
    diff = ti.change({m: 6 for m in ti.MODES}, {**{m: 6 for m in ti.MODES}, "competing": 8})
    assert diff["competing"] == -2 and diff["avoiding"] == 0


# --- conflict log -----------------------------------------------------------------------

@pytest.mark.parametrize("stakes,relationship,expected", [
    (5, 5, ("collaborating",)),
    (4, 1, ("competing",)),
    (1, 4, ("accommodating",)),
    (2, 2, ("avoiding",)),
    (3, 3, ("compromising",)),
    (5, 3, ("collaborating", "competing")),
    (1, 3, ("accommodating", "avoiding")),
])
def test_suggestion_follows_stakes_and_relationship(stakes, relationship, expected):
    s = tk.suggest(stakes, relationship)
    assert s.modes == expected
    assert len(s.why) == 2 and all(w.en and w.zh_CN for w in s.why)


def test_time_pressure_adds_compromise_where_collaboration_fits():
    s = tk.suggest(5, 5, 5)
    assert s.modes == ("collaborating", "compromising")
    assert tk.TIME_WHY in s.why
    assert tk.suggest(5, 1, 5).modes == ("competing",)


def test_no_suggestion_until_both_are_rated():
    assert tk.suggest(None, 4) is None
    assert tk.suggest(3, 0) is None
    assert tk.matched({"stakes": 5, "mode_used": "competing"}) is None


def test_matched_and_win_win():
    assert tk.matched({"stakes": 5, "relationship": 5, "mode_used": "collaborating"}) is True
    assert tk.matched({"stakes": 5, "relationship": 5, "mode_used": "avoiding"}) is False
    assert tk.win_win({"outcome_me": 4, "outcome_them": 5}) is True
    assert tk.win_win({"outcome_me": 5, "outcome_them": 3}) is False
    assert tk.win_win({"outcome_me": 5}) is None


def test_figures():
    entries = [
        {"mode_used": "avoiding", "stakes": 1, "relationship": 1, "outcome_me": 2, "outcome_them": 4},
        {"mode_used": "avoiding", "stakes": 5, "relationship": 5, "outcome_me": 4, "outcome_them": 4},
        {"mode_used": "collaborating", "stakes": 5, "relationship": 5, "outcome_me": 5, "outcome_them": 4},
        {"mode_used": "competing"},
    ]
    figs = {f.key: f for f in tk.figures(entries)}
    assert figs["modes_used"].text.en == "Avoiding 2, Competing 1, Collaborating 1"
    assert figs["modes_used"].text.zh_CN == "回避 2、竞争 1、合作 1"
    assert figs["win_win"].value == pytest.approx(2 / 3) and figs["win_win"].count == 3
    assert figs["suggestion_match"].value == pytest.approx(2 / 3)
    assert figs["modes_earlier"].value is None and figs["modes_earlier"].text is None
    many = [{"mode_used": "avoiding"}] * 3 + [{"mode_used": "collaborating"}] * 5
    figs = {f.key: f for f in tk.figures(many)}
    assert figs["modes_recent"].text.en == "Collaborating 5"
    assert figs["modes_earlier"].text.en == "Avoiding 3"
    assert tk.used_shares(many)["collaborating"] == pytest.approx(5 / 8)


def test_examples_are_complete_and_spec_is_registered():
    spec = get("tk_conflict")
    assert spec.order == 30
    for data in spec.examples.values():
        assert spec.validate(data, complete=True) == []
    problems = {p.field for p in spec.validate({"topic": "x"}, complete=True)}
    assert {"stakes", "relationship", "mode_used", "outcome_me", "outcome_them",
            "relationship_after"} <= problems
    assert [c.key for c in spec.field("method").choices] == [
        "withdraw", "smooth", "compromise", "force", "collaborate", "confront"]


# --- attempts in the store --------------------------------------------------------------

def test_attempt_answers_are_stored_at_once_and_finish_scores(db):
    from coach.store import tk as attempts

    a = attempts.start(ti.new_order(random.Random(1)))
    assert attempts.unfinished().uuid == a.uuid
    for item_id, swapped in a.order[:10]:
        attempts.answer(a.uuid, item_id, ti.mode_for_choice(item_id, swapped, "A"))
    again = attempts.unfinished()
    assert again.position() == 10 and len(again.answers) == 10
    with pytest.raises(attempts.AttemptError):
        attempts.finish(a.uuid)
    with pytest.raises(attempts.AttemptError):
        attempts.answer(a.uuid, 1, "avoiding")
    for item_id, swapped in a.order[10:]:
        attempts.answer(a.uuid, item_id, ti.mode_for_choice(item_id, swapped, "B"))
    done = attempts.finish(a.uuid)
    assert done.finished and sum(done.scores.values()) == 30
    assert attempts.unfinished() is None
    assert attempts.latest_finished().uuid == a.uuid
    with pytest.raises(attempts.AttemptError):
        attempts.answer(a.uuid, 1, "competing")


def _finished_dict(letter: str, uuid: str) -> dict:
    order = [[i.id, i.id % 3 == 0] for i in ti.ITEMS]
    answers = ti.answers_from_choices(order, letter * 30)
    return {"uuid": uuid, "started_at": "2026-01-05T09:00:00+00:00",
            "finished_at": "2026-01-05T09:10:00+00:00", "order": order,
            "answers": answers, "scores": ti.score(answers)}


def test_export_import_round_trip(db):
    from coach.store import tk as attempts

    added = attempts.import_attempts([_finished_dict("A", "u-1"), _finished_dict("B", "u-2")])
    assert added == (2, 0)
    a = attempts.start()
    attempts.answer(a.uuid, 5, "avoiding")
    exported = attempts.export_attempts()
    assert [e["uuid"] for e in exported][:2] == ["u-1", "u-2"]
    json.dumps(exported)  # plain data
    assert exported[0]["order"] == _finished_dict("A", "u-1")["order"]
    assert exported[2]["answers"] == {"5": "avoiding"} and exported[2]["finished_at"] is None
    assert attempts.import_attempts(exported) == (0, 3)
    assert attempts.previous(attempts.get("u-2")).uuid == "u-1"


def test_import_rejects_bad_attempts_and_writes_nothing(db):
    from coach.store import tk as attempts

    bad = _finished_dict("A", "u-bad")
    bad["scores"] = {**bad["scores"], "competing": 12}
    with pytest.raises(attempts.AttemptError):
        attempts.import_attempts([_finished_dict("A", "u-ok"), bad])
    assert attempts.export_attempts() == []
    half = _finished_dict("A", "u-half")
    half["answers"].pop("7")
    with pytest.raises(attempts.AttemptError):
        attempts.import_attempts([half])
    with pytest.raises(attempts.AttemptError):
        attempts.import_attempts([{**_finished_dict("A", "u-x"), "order": [[1, False]]}])


def test_cli_lists_assessment_and_conflict_log(data_dir):
    from tests.conftest import run_coach

    result = run_coach("tools", "--format", "json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    tools = {t["key"]: t for t in out["tools"]}
    fields = [f["key"] for s in tools["tk_conflict"]["sections"] for f in s["fields"]]
    assert {"topic", "stakes", "time_pressure", "relationship", "mode_used", "method",
            "outcome_me", "outcome_them", "relationship_after"} <= set(fields)
    (assessment,) = out["assessments"]
    assert len(assessment["items"]) == 30
    assert set(assessment["items"][0]["a"]["text"]) == {"en", "zh_CN"}
    assert [m["key"] for m in assessment["modes"]] == list(ti.MODES)
