"""ABCDE: spec, validation and figures (pure domain, no Qt)."""
from __future__ import annotations

import pytest

from coach.tools import abcde, get


@pytest.fixture
def spec():
    return get("abcde")


def complete_data():
    return {
        "event": "The report was rejected in the meeting.",
        "emotions": [{"emotion": "anger", "intensity": 80, "after": 30},
                     {"emotion": "other", "emotion_other": "shame", "intensity": 50, "after": 40}],
        "belief": "They never read what we send.",
        "belief_strength": 90,
        "balanced_thought": "They read it and had questions.",
        "belief_strength_after": 40,
    }


def test_form_order_follows_how_people_fill_it(spec):
    assert [s.key for s in spec.sections] == ["a", "c", "b", "d", "e"]
    assert spec.sections[3].context == ("event", "emotions", "belief")
    assert spec.sections[4].context == ("event", "emotions", "belief")


def test_complete_entry_is_valid(spec):
    assert spec.validate(complete_data(), complete=True) == []


def test_drafts_may_be_partial_but_completion_needs_required_fields(spec):
    draft = {"event": "half"}
    assert spec.validate(draft, complete=False) == []
    fields = {p.field for p in spec.validate(draft, complete=True)}
    assert {"emotions", "belief", "belief_strength", "balanced_thought",
            "belief_strength_after"} <= fields


def test_every_emotion_must_be_rerated_before_completion(spec):
    data = complete_data()
    del data["emotions"][1]["after"]
    assert [p.field for p in spec.validate(data, complete=True)] == ["emotions_after"]


def test_other_emotion_needs_a_name(spec):
    data = complete_data()
    del data["emotions"][1]["emotion_other"]
    assert [p.field for p in spec.validate(data, complete=True)] == ["emotions.1.emotion_other"]


@pytest.mark.parametrize("bad,field", [
    ({"belief_strength": 101}, "belief_strength"),
    ({"belief_strength": -1}, "belief_strength"),
    ({"belief_strength": "90"}, "belief_strength"),
    ({"belief_strength": True}, "belief_strength"),
    ({"patterns": ["nonsense"]}, "patterns"),
    ({"helpful": "maybe"}, "helpful"),
    ({"red_light": "yes"}, "red_light"),
    ({"event": 12}, "event"),
    ({"emotions": [{"emotion": "anger", "intensity": 150}]}, "emotions.0.intensity"),
    ({"emotions": "anger"}, "emotions"),
])
def test_wrong_types_and_ranges_are_reported_even_for_drafts(spec, bad, field):
    problems = spec.validate(bad, complete=False)
    assert [p.field for p in problems] == [field]
    assert problems[0].message.en and problems[0].message.zh_CN


def test_examples_are_complete_entries(spec):
    for lang, data in spec.examples.items():
        assert spec.validate(data, complete=True) == [], lang


def test_emotion_and_belief_drop():
    data = complete_data()
    assert abcde.emotion_drop(data) == pytest.approx(((80 - 30) + (50 - 40)) / 2)
    assert abcde.belief_drop(data) == 50
    assert abcde.emotion_drop({"emotions": [{"emotion": "anger", "intensity": 50}]}) is None


def test_figures_hand_computed():
    a = complete_data() | {"red_light": True, "patterns": ["demands", "mind_reading"]}  # drop 30
    b = {"emotions": [{"emotion": "anxiety", "intensity": 40, "after": 30}],  # drop 10
         "belief_strength": 60, "belief_strength_after": 50, "patterns": ["demands"]}
    c = {"event": "no ratings", "red_light": False}
    figs = {f.key: f for f in abcde.figures([a, b, c])}
    assert figs["emotion_drop"].value == pytest.approx(20)
    assert figs["emotion_drop"].count == 2
    assert figs["belief_drop"].value == pytest.approx((50 + 10) / 2)
    assert figs["red_light_share"].value == pytest.approx(1 / 3)
    assert figs["big_drop_share"].value == pytest.approx(0.5)
    assert figs["top_patterns"].text.en.startswith("Demands")
    assert figs["top_patterns"].text.zh_CN.startswith("绝对化要求")


def test_figures_on_no_entries_are_empty_not_errors():
    figs = {f.key: f for f in abcde.figures([])}
    assert figs["emotion_drop"].value is None
    assert figs["red_light_share"].value is None
    assert figs["top_patterns"].text is None


def test_title_and_search_text(spec):
    data = complete_data()
    assert spec.title_of(data) == "The report was rejected in the meeting."
    long = {"event": "x" * 200}
    assert len(spec.title_of(long)) == 60
    text = spec.text_of(data)
    assert "They never read" in text and "shame" in text


def test_spec_json_contract(spec):
    js = spec.to_json()
    keys = [f["key"] for s in js["sections"] for f in s["fields"]]
    assert keys[:3] == ["event", "emotions", "action"]
    emotions = js["sections"][1]["fields"][0]
    assert [c["key"] for c in emotions["fields"][0]["choices"]][:3] == ["anger", "anxiety", "wronged"]
    assert emotions["fields"][1] | {} == {**emotions["fields"][1], "min": 0, "max": 100}
