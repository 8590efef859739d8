"""Empathy triangle: the reply checker's rules, validation and figures (no Qt)."""
from __future__ import annotations

import pytest

from coach.textmatch import content_terms, find_phrases, shared_phrases
from coach.tools import get, triangle
from coach.tools.abcde import EMOTIONS


def check(**data):
    return triangle.check_reply(data)


def touched(result):
    return {c.key for c in result.corners if c.touched}


# --- text matching ------------------------------------------------------------------

def test_english_phrases_match_whole_words_case_insensitively():
    found = find_phrases("Sounds like I CAN help. Scandal!", ["i can", "can", "sounds like"])
    assert [(m.phrase, m.surface("Sounds like I CAN help. Scandal!")) for m in found] == [
        ("sounds like", "Sounds like"), ("i can", "I CAN")]


def test_overlapping_matches_keep_the_longest():
    text = "你总是最后才交"
    assert [m.phrase for m in find_phrases(text, ["总是", "你总是"])] == ["你总是"]


def test_curly_apostrophes_match_straight_ones():
    assert find_phrases("I\u2019ll send it", ["i'll"])[0].surface("I\u2019ll send it") == "I\u2019ll"


def test_chinese_content_terms_are_bigrams_without_function_words():
    keys = {t.key for t in content_terms("我们的报销单")}
    assert "报销" in keys and "销单" in keys
    assert "我们" not in keys and "们的" not in keys


def test_english_content_terms_drop_stopwords_and_stem():
    keys = {t.key for t in content_terms("The orders were saved")}
    assert keys == {"order", "sav"}


def test_shared_chinese_bigrams_merge_into_phrases():
    assert shared_phrases("报销单的事我来处理", "财务说报销单晚交了") == ["报销单"]


# --- facts corner ----------------------------------------------------------------

@pytest.mark.parametrize("facts,reply,hit", [
    ("Chen said 12 purchase orders were lost", "About the lost orders: I'll look now.", True),
    ("Chen said 12 purchase orders were lost", "I'll look into it now.", False),
    ("采购部说系统卡死了，订单没保存", "订单的事我现在就查", True),
    ("采购部说系统卡死了，订单没保存", "我们现在就去看看", False),
])
def test_facts_corner_needs_shared_meaningful_words(facts, reply, hit):
    result = check(facts=facts, reply=reply)
    assert result.facts.filled
    assert result.facts.touched is hit


def test_facts_corner_counts_english_inflections():
    result = check(facts="The system froze and the order failed", reply="Your order fails again?")
    assert result.facts.touched and result.facts.evidence == ("order", "fails")


# --- feelings corner ----------------------------------------------------------------

def test_chosen_feeling_label_or_synonym_counts():
    assert check(feelings=["anxiety"], reply="I know you're worried").feelings.touched
    assert check(feelings=["anxiety"], reply="你一定很着急").feelings.touched
    assert check(feelings=["anger"], reply="这件事让你很生气").feelings.evidence == ("生气",)
    assert check(feelings=["wronged"], reply="觉得委屈很正常").feelings.touched


def test_unchosen_feeling_word_does_not_count_without_acknowledgement():
    assert not check(feelings=["anger"], reply="Report worried managers").feelings.touched


@pytest.mark.parametrize("reply", ["It sounds like a long day", "I can see why", "我理解你",
                                   "听起来这件事不简单", "换作是我也会这样"])
def test_acknowledgement_phrases_count_even_without_a_chosen_feeling(reply):
    result = check(reply=reply)
    assert result.feelings.touched
    assert not result.feelings.filled


def test_own_words_for_another_feeling_count():
    result = check(feelings_other="忙不过来、压力大", reply="这周你们确实忙不过来")
    assert result.feelings.filled and result.feelings.evidence == ("忙不过来",)


# --- needs corner ------------------------------------------------------------------

@pytest.mark.parametrize("reply", ["I can re-enter them", "Let me call the supplier",
                                   "How about we meet at 3?", "我可以帮你录", "我们一起看一下",
                                   "要不我先发个邮件？"])
def test_offer_phrases_touch_needs(reply):
    assert check(reply=reply).needs.touched


def test_i_can_see_acknowledges_but_is_no_offer():
    result = check(reply="I can see this is hard")
    assert result.feelings.touched
    assert not result.needs.touched


def test_chosen_emotional_need_words_and_task_need_overlap_count():
    assert check(emotional_needs=["recognition"], reply="Thanks for flagging it early").needs.touched
    assert check(emotional_needs=["safe"], reply="放心，不是你的错").needs.touched
    result = check(task_need="12 张订单在截单前录进系统", reply="截单前这些订单必须进去")
    assert result.needs.filled and "订单" in result.needs.evidence


def test_needs_word_of_unchosen_need_does_not_count():
    assert not check(emotional_needs=["fairness"], reply="Thanks for flagging it").needs.touched


# --- whole checks -------------------------------------------------------------------

def test_examples_touch_all_three_corners():
    for lang, data in triangle.SPEC.examples.items():
        result = triangle.check_reply(data)
        assert touched(result) == {"facts", "feelings", "needs"}, lang
        assert result.all_filled


def test_empty_reply_touches_nothing_and_advice_says_what_to_do():
    result = check(facts="x happened")
    assert result.touched_count == 0
    assert result.advice(result.facts) is triangle.ADVICE["facts"]
    assert result.advice(result.feelings) is triangle.EMPTY_CORNER["feelings"]
    good = check(facts="the 12 orders", reply="the 12 orders")
    assert "{words}" in good.advice(good.facts).en


def test_feelings_reuse_the_abcde_emotion_keys():
    assert [c.key for c in triangle.FEELINGS] == [c.key for c in EMOTIONS if c.key != "other"]


# --- spec and figures -------------------------------------------------------------

def test_checker_never_blocks_saving():
    spec = get("triangle")
    data = {"facts": "They shouted", "reply": "ok", "balance": 1}
    assert spec.validate(data, complete=True) == []


def test_examples_are_complete_entries():
    spec = get("triangle")
    for lang, data in spec.examples.items():
        assert spec.validate(data, complete=True) == [], lang
    assert spec.order == 20


@pytest.mark.parametrize("bad,field", [
    ({"feelings": ["nonsense"]}, "feelings"),
    ({"emotional_needs": ["money"]}, "emotional_needs"),
    ({"balance": 6}, "balance"),
    ({"guess_confirmed": "maybe"}, "guess_confirmed"),
])
def test_wrong_values_are_reported(bad, field):
    assert [p.field for p in get("triangle").validate(bad, complete=False)] == [field]


def test_figures():
    full = {"facts": "the 12 orders", "feelings": ["anger"], "task_need": "orders in",
            "reply": "The 12 orders, I see you're angry. I can help.", "balance": 5,
            "guess_confirmed": "yes"}
    no_needs = {"facts": "late report", "feelings": ["anxiety"], "reply": "ok", "balance": 2,
                "guess_confirmed": "partly"}
    bare = {"facts": "x", "reply": "fine", "guess_confirmed": "no"}
    figs = {f.key: f for f in triangle.figures([full, no_needs, bare])}
    assert figs["completeness"].value == pytest.approx(1 / 3) and figs["completeness"].count == 3
    assert figs["touches_all"].value == pytest.approx(1 / 3)
    assert figs["confirmed"].value == pytest.approx(0.5)
    assert figs["balance"].value == pytest.approx(3.5) and figs["balance"].count == 2
    assert all(f.value is None for f in triangle.figures([]))
