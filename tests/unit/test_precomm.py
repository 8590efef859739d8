"""Conversation plan: spec, rules, follow-ups and figures (pure domain, no Qt)."""
from __future__ import annotations

import copy

import pytest

from coach.store import entries as store
from coach.tools import get, precomm
from coach.tools.base import FOLLOWUPS_DONE_KEY


@pytest.fixture
def spec():
    return get("precomm")


def debriefed(**over):
    data = {
        "my_goal": "Agree a delivery date",
        "temp_before": 2,
        "predicted_outcome": 2,
        "actual_outcome": 4,
        "temp_after": 4,
        "worry": 70,
    }
    data.update(over)
    return data


def test_walks_through_before_plan_during_after(spec):
    assert [s.key for s in spec.sections] == ["before", "ready", "plan", "during", "after"]
    assert [c.key for c in spec.field("checklist").choices] == [
        "goal", "their_goals", "their_gain", "relationship", "facts", "channel",
        "objections", "give_take", "emotion"]
    plan_keys = [f.key for f in spec.sections[2].fields]
    assert plan_keys[:7] == ["why", "what", "who", "when", "where", "how", "how_much"]
    assert spec.order == 40 and spec.followups is precomm.followups


def test_examples_are_complete_and_realistic(spec):
    for lang, data in spec.examples.items():
        assert spec.validate(data, complete=True) == [], lang
        assert len(precomm.followups(data)) == 4


def test_completion_needs_goal_prediction_and_debrief(spec):
    assert spec.validate({"my_goal": "x"}, complete=False) == []
    fields = {p.field for p in spec.validate({"my_goal": "x"}, complete=True)}
    assert fields == {"temp_before", "predicted_outcome", "actual_outcome", "temp_after"}
    assert spec.validate(debriefed(), complete=True) == []


@pytest.mark.parametrize("bad,field", [
    ({"my_emotion": 101}, "my_emotion"),
    ({"worry": -1}, "worry"),
    ({"predicted_outcome": 6}, "predicted_outcome"),
    ({"checklist": {"goal": "maybe"}}, "checklist"),
    ({"checklist": {"nonsense": "done"}}, "checklist"),
    ({"followup_date": "next week"}, "followup_date"),
    ({"recap_actions": [{"text": "x", "owner": "me", "due": "31.12."}]}, "recap_actions.0.due"),
])
def test_bad_values_are_rejected_even_in_drafts(spec, bad, field):
    assert field in {p.field for p in spec.validate(debriefed(**bad), complete=False)}


def test_every_recap_action_needs_owner_and_due_date(spec):
    data = debriefed(recap_actions=[
        {"id": "a", "text": "Send the quantity", "owner": "Me", "due": "2026-06-09"},
        {"id": "b", "text": "Book line 3", "owner": " ", "due": "2026-06-09"},
        {"id": "c", "text": "Tell the customer", "owner": "Liu"},
        {"id": "d", "text": "  ", "owner": ""},  # the rule skips a row without text…
    ])
    assert [p.field for p in precomm.rules(data)] == ["recap_actions.1.owner", "recap_actions.2.due"]
    # …which the generic check asks to fill in (or remove) before completing
    assert [p.field for p in spec.validate(data, complete=True)] == [
        "recap_actions.3.text", "recap_actions.1.owner", "recap_actions.2.due"]


@pytest.mark.parametrize("emotion,gate", [(None, False), (0, False), (59, False), (60, True),
                                          (100, True), (True, False), ("80", False)])
def test_emotion_gate_opens_at_sixty(emotion, gate):
    assert precomm.GATE_THRESHOLD == 60
    assert precomm.needs_abcde({"my_emotion": emotion}) is gate


def test_followups_are_recap_actions_and_the_followup_date():
    data = {
        "recap_actions": [
            {"id": "r1", "text": "  Send   the quantity ", "owner": "Me", "due": "2026-06-09"},
            {"text": "Book line 3", "owner": "Zhou", "due": "bad"},
            {"id": "r3", "text": "", "owner": "Liu"},
            "junk",
        ],
        "followup_date": "2026-06-16",
    }
    items = precomm.followups(data)
    assert [(i.key, i.text, i.owner, i.due_date) for i in items] == [
        ("action:r1", "Send the quantity", "Me", "2026-06-09"),
        ("action:#1", "Book line 3", "Zhou", None),
        ("followup_date", "", "", "2026-06-16"),
    ]


def test_followup_key_is_stable_when_text_changes_or_rows_move():
    a = {"recap_actions": [{"id": "x1", "text": "A"}, {"id": "x2", "text": "B"}]}
    b = {"recap_actions": [{"id": "x2", "text": "B, edited"}]}
    assert precomm.followups(a)[1].key == precomm.followups(b)[0].key == "action:x2"


def test_preparation_counts_done_and_not_needed():
    assert precomm.preparation({}) == 0
    marks = {"goal": "done", "facts": "not_needed", "channel": "open"}
    assert precomm.preparation({"checklist": marks}) == pytest.approx(2 / 9)
    all_done = {c.key: "done" for c in precomm.CHECKLIST}
    assert precomm.preparation({"checklist": all_done}) == 1


def test_loop_closed_needs_recap_sent_and_every_action_done():
    data = {"recap_sent": True, "recap_actions": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
            "followup_date": "2026-06-01"}
    assert not precomm.loop_closed({**data, FOLLOWUPS_DONE_KEY: {"action:a": True}})
    closed = {"action:a": True, "action:b": True}  # the follow-up date itself does not count
    assert precomm.loop_closed({**data, FOLLOWUPS_DONE_KEY: closed})
    assert not precomm.loop_closed({**data, "recap_sent": False, FOLLOWUPS_DONE_KEY: closed})
    assert precomm.loop_closed({"recap_sent": True})  # nothing to do: the recap closes it


def test_worry_overestimated_only_counts_worried_debriefed_meetings():
    assert precomm.worry_overestimated(debriefed(worry=70, predicted_outcome=2, actual_outcome=2))
    assert precomm.worry_overestimated(debriefed(worry=50, predicted_outcome=2, actual_outcome=4))
    assert precomm.worry_overestimated(debriefed(worry=90, predicted_outcome=3,
                                                 actual_outcome=2)) is False
    assert precomm.worry_overestimated(debriefed(worry=49)) is None
    assert precomm.worry_overestimated(debriefed(actual_outcome=None)) is None


def test_figures(spec):
    entries = [
        debriefed(checklist={c.key: "done" for c in precomm.CHECKLIST}, recap_sent=True,
                  recap_actions=[{"id": "a", "text": "A"}], **{FOLLOWUPS_DONE_KEY: {"action:a": True}}),
        debriefed(worry=80, predicted_outcome=4, actual_outcome=2, temp_before=3, temp_after=2,
                  recap_sent=True, recap_actions=[{"id": "a", "text": "A"}],
                  **{FOLLOWUPS_DONE_KEY: {"action:a": False}}),
        debriefed(worry=10, predicted_outcome=3, actual_outcome=3, temp_before=3, temp_after=3,
                  checklist={"goal": "not_needed", "facts": "done", "emotion": "done"}),
    ]
    figs = {f.key: f for f in spec.compute_figures(entries)}
    assert figs["preparation"].value == pytest.approx((1 + 0 + 3 / 9) / 3)
    assert figs["loop_closed"].value == pytest.approx(1 / 3)
    assert figs["outcome"].value == pytest.approx(3)
    assert figs["outcome_gap"].value == pytest.approx((2 - 2 + 0) / 3)
    assert figs["temperature_change"].value == pytest.approx((2 - 1 + 0) / 3)
    # worried meetings: #1 (70, went better) and #2 (80, went worse); #3 was not worrying
    assert figs["worry_overestimated"].value == pytest.approx(1 / 2)
    assert figs["worry_overestimated"].count == 2
    assert "50" in figs["worry_overestimated"].label.en and "50" in figs["worry_overestimated"].label.zh_CN
    assert all(f.value is None for f in spec.compute_figures([]))


def test_debrief_sentence():
    assert precomm.debrief({"predicted_outcome": 3}) is None
    text = precomm.debrief(debriefed())
    assert "better" in text.en and "70" in text.en and "比你预想的好" in text.zh_CN
    assert "worse" in precomm.debrief(debriefed(actual_outcome=1)).en
    same = precomm.debrief(debriefed(worry=20, actual_outcome=2))
    assert "as you expected" in same.en and "worry" not in same.en


def test_agenda_text_has_plan_agenda_and_opening():
    text = precomm.agenda_text(precomm.EXAMPLE_EN, lang="en")
    lines = text.splitlines()
    assert lines[0] == precomm.EXAMPLE_EN["what"]
    assert "  Why (the purpose): Give the customer a date we can keep." in lines
    assert "  1. Where line 2 stands for the next four weeks" in lines
    assert "  4. Agree date, owners, recap" in lines
    assert any(precomm.EXAMPLE_EN["opening"] in ln for ln in lines)
    zh = precomm.agenda_text(precomm.EXAMPLE_ZH, title="交期沟通", lang="zh_CN")
    assert zh.splitlines()[0] == "交期沟通"
    assert "  Why 为什么（目的）：给客户一个我们守得住的交期。" in zh.splitlines()
    assert precomm.agenda_text({}, lang="en").startswith("Conversation plan\n")


# --- with the store -----------------------------------------------------------------------

def save_plan(data, status="complete"):
    return store.save(store.EntryRecord(uuid="", tool="precomm", data=data, status=status))


def test_done_marks_reach_the_figures_and_survive_edits(db, spec):
    data = debriefed(recap_sent=True, recap_actions=[
        {"id": "a", "text": "Send the quantity", "owner": "Me", "due": "2026-06-09"},
        {"id": "b", "text": "Book line 3", "owner": "Zhou", "due": "2026-06-11"}],
        followup_date="2026-06-16")
    rec = save_plan(copy.deepcopy(data))
    items = store.followups(entry_uuid=rec.uuid)
    assert [(i.key, i.done) for i in items] == [("action:a", False), ("action:b", False),
                                                ("followup_date", False)]
    for item in items[:2]:
        store.set_followup_done(item.id)
    (loaded,) = store.completed_data("precomm")
    assert loaded[FOLLOWUPS_DONE_KEY] == {"action:a": True, "action:b": True, "followup_date": False}
    figs = {f.key: f for f in spec.compute_figures(store.completed_data("precomm"))}
    assert figs["loop_closed"].value == 1
    # editing an action's text keeps its done mark; a removed action disappears
    rec.data["recap_actions"] = [{"id": "b", "text": "Book line 3 (day shift)", "owner": "Zhou",
                                  "due": "2026-06-12"}]
    store.save(rec)
    items = store.followups(include_done=True, entry_uuid=rec.uuid)
    assert [(i.key, i.text, i.due_date, i.done) for i in items] == [
        ("followup_date", "", "2026-06-16", False),
        ("action:b", "Book line 3 (day shift)", "2026-06-12", True)]
    # other tools' data is returned untouched
    assert all(FOLLOWUPS_DONE_KEY not in d for d in store.completed_data("abcde"))


def test_followers_lists_linked_entries(db):
    plan = save_plan({"my_goal": "g"}, status="draft")
    other = save_plan({"my_goal": "h"}, status="draft")
    linked = store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "e"},
                                          follows=plan.uuid))
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "f"}, follows=other.uuid))
    assert [r.uuid for r in store.followers(plan.uuid)] == [linked.uuid]
    assert store.followers(plan.uuid, tool="precomm") == []
    store.trash(linked.uuid)
    assert store.followers(plan.uuid) == []
    assert store.followers("no-such-uuid") == []


def test_row_ids_are_not_shown_or_searched(spec):
    from coach.tools.view import describe

    lines = [line.value for _, block in describe(spec, precomm.EXAMPLE_EN, lang="en") for line in block]
    actions = next(v for v in lines if "Send the frozen quantity" in v)
    assert "a1" not in actions and "2026-06-09" in actions
    assert "a1" not in spec.text_of(precomm.EXAMPLE_EN).split()
