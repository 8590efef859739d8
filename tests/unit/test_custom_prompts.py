"""Your own prompts: added items, hidden built-ins, extra questions."""
from __future__ import annotations

from coach import custom
from coach.tools import get


def test_added_and_hidden_emotions_reach_every_form_that_uses_them():
    p = custom.empty()
    key = custom.add_item(p, "emotions", "Overwhelmed")
    p["vocabularies"]["emotions"]["hidden"] = ["guilt"]
    spec = custom.customise(get("abcde"), p)
    emotion = spec.field("emotions").fields[0]
    keys = [c.key for c in emotion.choices]
    assert keys[-2:] == [key, "other"]  # "Other…" stays last
    assert next(c for c in emotion.choices if c.key == "guilt").hidden
    # a hidden built-in stays valid for old entries; the new item validates too
    assert spec.validate({"emotions": [{"emotion": "guilt", "intensity": 5},
                                       {"emotion": key, "intensity": 7}]}, complete=False) == []
    # the stock spec is untouched
    assert key not in [c.key for c in get("abcde").field("emotions").fields[0].choices]


def test_patterns_and_extra_questions():
    p = custom.empty()
    pkey = custom.add_item(p, "patterns", "Comparing myself")
    qkey = custom.add_question(p, "abcde", "What did my body feel?")
    spec = custom.customise(get("abcde"), p)
    assert pkey in [c.key for c in spec.field("patterns").choices]
    assert spec.sections[-1].fields[-1].key == qkey
    assert spec.sections[-1].fields[-1].kind == "longtext"
    assert "What did my body feel" in spec.text_of({qkey: "What did my body feel: tense"})


def test_damaged_or_foreign_prompts_are_ignored():
    raw = {"vocabularies": {"emotions": {"added": [{"key": "anger", "label": "x"}, "junk",
                                                   {"key": "my-ok", "label": "  fine "}],
                                         "hidden": ["not-a-builtin", "anxiety"]}},
           "questions": {"abcde": [{"key": "event", "label": "overwrite me"}]}}
    p = custom.normalise(raw)
    assert p["vocabularies"]["emotions"]["added"] == [{"key": "my-ok", "label": "  fine "}]
    assert p["vocabularies"]["emotions"]["hidden"] == ["anxiety"]
    assert p["questions"] == {}
    assert custom.normalise("nonsense") == custom.empty()


def test_prompts_are_stored(db):
    p = custom.load()
    custom.add_item(p, "emotions", "Tired")
    custom.save(p)
    assert [a["label"] for a in custom.load()["vocabularies"]["emotions"]["added"]] == ["Tired"]
