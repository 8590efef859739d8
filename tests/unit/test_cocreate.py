"""Team co-creation: the board model, undo/redo, votes, actions, summary."""
from __future__ import annotations

import pytest

from coach.tools.cocreate import SPEC, Board, BoardError, followups, summary_text


def board_with_cards(n=4):
    b = Board()
    b.set_question("How can we hand over faster?")
    for p in ("Ann", "Bo", "Cy"):
        b.add_participant(p)
    ids = [b.add_card(f"idea {i}", "Ann") for i in range(n)]
    return b, ids


def test_cards_start_in_the_pool_and_move_between_groups():
    b, ids = board_with_cards()
    assert b.pool == ids
    g1 = b.create_group([ids[0], ids[1]], "Share one checklist")
    assert b.pool == ids[2:]
    assert b.group(g1).cards == ids[:2]
    b.move_card(ids[2], g1, index=0)
    assert b.group(g1).cards == [ids[2], ids[0], ids[1]]
    b.move_card(ids[0], None)
    assert b.location(ids[0]) is None and ids[0] in b.pool


def test_every_operation_can_be_undone_and_redone_in_order():
    b, ids = board_with_cards(3)
    states = [b.to_dict()]
    g = b.create_group([ids[0]])
    states.append(b.to_dict())
    b.move_card(ids[1], g)
    states.append(b.to_dict())
    b.rename_group(g, "Agree the form")
    states.append(b.to_dict())
    b.vote("Ann", g)
    states.append(b.to_dict())
    for expected in reversed(states[:-1]):
        assert b.undo()
        assert {k: v for k, v in b.to_dict().items() if k != "step"} == \
            {k: v for k, v in expected.items() if k != "step"}
    for expected in states[1:]:
        assert b.redo()
        assert b.to_dict()["groups"] == expected["groups"]
        assert b.to_dict()["votes"] == expected["votes"]
    assert not b.redo()


def test_a_new_change_after_undo_clears_redo():
    b, ids = board_with_cards(2)
    b.create_group([ids[0]])
    b.undo()
    assert b.can_redo()
    b.add_card("another")
    assert not b.can_redo()


def test_merge_moves_cards_votes_and_actions():
    b, ids = board_with_cards(4)
    g1 = b.create_group(ids[:2], "Keep")
    g2 = b.create_group(ids[2:], "Other")
    b.vote("Ann", g2)
    b.vote("Bo", g1)
    aid = b.add_action(g2, "call IT")
    b.merge_groups(g1, g2)
    assert [g.id for g in b.groups] == [g1]
    assert b.group(g1).cards == ids
    assert b.totals() == {g1: 2}
    assert b.actions[0].id == aid and b.actions[0].group == g1
    with pytest.raises(BoardError):
        b.merge_groups(g1, g1)


def test_split_and_dissolve():
    b, ids = board_with_cards(4)
    g = b.create_group(ids)
    new = b.split_group(g, [ids[1], ids[3]])
    assert b.group(g).cards == [ids[0], ids[2]]
    assert b.group(new).cards == [ids[1], ids[3]]
    assert [x.id for x in b.groups] == [g, new]
    b.delete_group(new)
    assert b.pool == [ids[1], ids[3]]
    with pytest.raises(BoardError):
        b.split_group(g, [ids[1]])  # not in that group


def test_dots_are_limited_per_participant():
    b, ids = board_with_cards(2)
    g1 = b.create_group([ids[0]], "A")
    g2 = b.create_group([ids[1]], "B")
    b.set_dots(2)
    b.vote("Ann", g1)
    b.vote("Ann", g1)
    with pytest.raises(BoardError) as info:
        b.vote("Ann", g2)
    assert info.value.key == "err_no_dots_left"
    b.vote("Ann", g1, -1)
    b.vote("Ann", g2)
    b.vote("Bo", g2)
    assert [(g.title, n) for g, n in b.ranking()] == [("B", 2), ("A", 1)]
    with pytest.raises(BoardError):
        b.vote("Zed", g1)
    b.set_dots(1)  # shrinking the budget trims votes
    assert b.dots_used("Ann") == 1


def test_removing_a_participant_removes_their_votes():
    b, ids = board_with_cards(1)
    g = b.create_group(ids, "A")
    b.vote("Cy", g)
    b.remove_participant("Cy")
    assert b.totals() == {g: 0}


@pytest.mark.parametrize("text", ["", "   ", "x" * 141])
def test_bad_cards_are_refused_and_change_nothing(text):
    b, _ = board_with_cards(1)
    before = b.to_dict()
    with pytest.raises(BoardError):
        b.add_card(text)
    assert b.to_dict() == before
    assert b.undo() and len(b.cards) == 0  # only the earlier add is in the history


def test_round_trip_and_unknown_cards_are_never_lost():
    b, ids = board_with_cards(3)
    g = b.create_group([ids[0]], "A")
    b.add_action(g, "Write the checklist", "Bo", "2026-12-01", "Draft on Monday")
    data = b.to_dict()
    again = Board(data)
    assert again.to_dict() == data
    # a card referenced nowhere (e.g. a hand-edited file) is put back in the pool
    data["pool"] = []
    assert set(Board(data).pool) == set(ids[1:])


def test_actions_become_followups_with_stable_keys():
    b, ids = board_with_cards(1)
    g = b.create_group(ids, "A")
    a1 = b.add_action(g, "Book the room", "Ann", "2026-12-01", "Email facilities")
    b.add_action(g, "")  # empty actions are not follow-ups yet
    items = followups(b.to_dict())
    assert [(i.key, i.text, i.owner, i.due_date) for i in items] == [
        (f"action:{a1}", "Book the room — Email facilities", "Ann", "2026-12-01")]
    with pytest.raises(ValueError):
        b.add_action(g, "x", due="31-12-2026")


def test_summary_in_both_languages():
    zh = summary_text(SPEC.examples["zh_CN"], "zh_CN")
    assert "如何让跨部门需求交接不再反复返工？" in zh
    assert "1. 统一需求模板（5 点）" in zh
    assert "行动计划" in zh and "负责人：小林" in zh
    en = summary_text(SPEC.examples["en"], "en")
    assert "1. Standardise the request form (5 dots)" in en
    assert "Publish request template 1.0" in en


def test_examples_are_valid_and_complete():
    for lang, data in SPEC.examples.items():
        assert SPEC.validate(data, complete=True) == [], lang
        assert Board(data).problems() == []
