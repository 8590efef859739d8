"""KISS review, value rings, POA and the built-in tags (domain only)."""
from __future__ import annotations

import pytest

from coach.tags import BUILTIN, display_name, is_builtin
from coach.tools import get, kiss, poa, rings


def test_kiss_carries_the_last_reviews_items_over():
    last = get("kiss").examples["en"]
    start = kiss.start_data([last, {"keep": [{"text": "older"}]}])
    texts = [(r["list"], r["text"], r["done"]) for r in start["previous_items"]]
    assert texts == [
        ("keep", "Reminder to the team three days before the deadline", False),
        ("improve", "Explain rejected receipts to colleagues in one message", False),
        ("stop", "Arguing about deadlines in the group chat", False),
        ("start", "15-minute check-in with Wang from Finance every month-end", False),
    ]
    assert kiss.start_data([]) == {}


def test_kiss_figures():
    a = {"rating": 6, "previous_items": [{"text": "x", "done": True}, {"text": "y", "done": False}],
         "keep": [{"text": "k"}], "start": [{"text": "s"}, {"text": " "}]}
    b = {"rating": 8, "previous_items": [{"text": "z", "done": True}]}
    figs = {f.key: f for f in kiss.figures([a, b])}
    assert figs["reviews"].value == 2
    assert figs["rating"].value == 7
    assert figs["completion"].value == pytest.approx((0.5 + 1.0) / 2)
    assert figs["items"].value == pytest.approx((2 + 0) / 2)


def test_rings_weakest_and_figures():
    assert rings.weakest({"skill": 8, "passion": 5, "value": 4}) == ["value"]
    assert rings.weakest({"skill": 3, "passion": 3, "value": 9}) == ["skill", "passion"]
    assert rings.weakest({}) == []
    first = {"skill": 8, "passion": 5, "value": 4}
    last = {"skill": 8, "passion": 6, "value": 7}
    figs = {f.key: f for f in rings.figures([first, last])}
    assert figs["avg_value"].value == pytest.approx(5.5)
    assert figs["weakest"].text.en == "Value to others"
    assert figs["change"].value == 4
    for key in ("skill", "passion", "value"):
        assert get("rings").validate({key: 11}, complete=False)[0].field == key


def test_poa_partners_by_stage_and_figures():
    data = get("poa").examples["en"]
    stages = poa.partners_by_stage(data)
    assert stages == {"unaware": [], "informed": ["Zhou (IT lead)"], "agreed": ["Sales operations"],
                      "active": ["Wang (Finance)"]}
    figs = {f.key: f for f in poa.figures([data])}
    assert figs["committed"].value == pytest.approx(2 / 3)
    assert figs["resonance"].value == pytest.approx(4)
    assert figs["strategies_done"].value == pytest.approx(0.5)
    assert figs["upgraded"].value == 1
    assert poa.partners_by_stage({"partners": [{"name": "X", "commitment": "bogus"}]})["unaware"] == ["X"]


def test_builtin_tags_are_stable_keys_shown_translated():
    assert len(BUILTIN) == 4 + 3 + 6
    assert is_builtin("point:pain") and not is_builtin("pain")
    assert display_name("point:pain", "zh_CN") == "三点论: 痛点"
    assert display_name("level:identity", "en") == "Logical level: Identity"
    assert display_name("my own tag", "en") == "my own tag"
