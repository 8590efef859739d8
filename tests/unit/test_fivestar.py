"""Five-star message: wording check, composing, validation and figures (no Qt)."""
from __future__ import annotations

import pytest

from coach import wording
from coach.tools import fivestar, get


def flagged(text, custom=None):
    return [(f.text, f.rule.kind) for f in wording.find_flags(text, wording.rules(custom))]


# --- wording check --------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("他们总是最后才给数据", [("总是", "absolute")]),
    ("从来没按时交过，必须改", [("从来", "absolute"), ("必须", "absolute")]),
    ("我们一直在跟进", [("一直", "absolute")]),
    ("你们部门的报表又晚了", [("你们部门", "blaming")]),
    ("你总是最后一刻才回复", [("你总是", "blaming")]),
    ("They always send it late", [("always", "absolute")]),
    ("We NEVER got the file and it must stop", [("NEVER", "absolute"), ("must", "absolute")]),
    ("Your team never answers on time", [("Your team never", "blaming")]),
    ("You always forget. Your department is slow.",
     [("You always", "blaming"), ("Your department", "blaming")]),
    ("Please reply by Friday, thanks", []),
    ("mustard and nevertheless alwaysOn", []),  # whole words only
    ("Why didn\u2019t you tell us?", [("Why didn\u2019t you", "blaming")]),
])
def test_flags_in_both_languages(text, expected):
    assert flagged(text) == expected


def test_flag_positions_point_into_the_text():
    text = "请注意：你们总是晚交"
    [flag] = wording.find_flags(text)
    assert text[flag.start:flag.end] == "你们总是" and flag.rule.kind == "blaming"


def test_every_builtin_word_has_kind_language_and_both_suggestions():
    rules = wording.builtin_rules()
    assert len(rules) >= 40
    for rule in rules:
        assert rule.kind in wording.KINDS
        assert rule.language == wording.language_of(rule.word), rule.word
        assert rule.suggestion.en.strip() and rule.suggestion.zh_CN.strip(), rule.word
    for word in ("总是", "从来", "必须", "一直", "always", "never", "must", "你们部门"):
        assert any(r.word == word for r in rules), word


def test_user_words_are_cleaned_and_flagged():
    custom = [{"word": "  拖到  ", "kind": "blaming", "suggestion": "说具体日期"},
              {"word": "拖到", "kind": "absolute", "suggestion": "dup"},
              {"word": "", "kind": "absolute"}, {"word": "x" * 41, "kind": "absolute"},
              {"word": "asap", "kind": "nonsense"}, "junk",
              {"word": "ASAP", "kind": "absolute"}]
    assert wording.clean_custom(custom) == [
        {"word": "拖到", "kind": "blaming", "suggestion": "说具体日期"},
        {"word": "ASAP", "kind": "absolute", "suggestion": ""}]
    assert flagged("又拖到周五, send it asap", custom) == [("拖到", "blaming"), ("asap", "absolute")]
    assert wording.clean_custom("not a list") == []


def test_a_user_word_replaces_the_builtin_suggestion():
    rules = wording.rules([{"word": "总是", "kind": "absolute", "suggestion": "我的说法"}])
    [flag] = wording.find_flags("总是这样", rules)
    assert flag.rule.custom and flag.rule.suggestion.get("en") == "我的说法"
    assert sum(1 for r in rules if r.word == "总是") == 1


def test_describe_flag_in_both_languages():
    [flag] = wording.find_flags("总是")
    assert wording.describe_flag(flag, "zh_CN").startswith("“总是” · 绝对化用词：")
    assert wording.describe_flag(flag, "en").startswith('"总是" · Absolute word: ')


# --- composing ----------------------------------------------------------------------

def test_compose_follows_the_stars_in_order():
    data = {"subject": "Laptops for 5 new hires", "emotion": "I know you're busy.",
            "background": "They start Monday.", "problem": "The request is pending.",
            "wording": "Could we look at it together?", "proposal": "I'll send the list.",
            "interests": "Fewer urgent tickets.", "need": "Confirm by Friday",
            "need_by": "2026-12-04"}
    text = fivestar.compose_message(data, "en")
    assert text.split("\n\n") == [
        "Subject: Laptops for 5 new hires",
        "I know you're busy.",
        "Background: They start Monday.\nThe problem: The request is pending.\n"
        "Could we look at it together?\nMy proposal: I'll send the list.\n"
        "What's in it for your team: Fewer urgent tickets.",
        "What I need (by 4 Dec 2026): Confirm by Friday",
        "Thank you!",
    ]
    zh = fivestar.compose_message(data, "zh_CN")
    assert zh.startswith("主题：Laptops") and "需要您支持（2026年12月4日前）：Confirm" in zh
    assert zh.endswith("谢谢！")


def test_compose_leaves_out_empty_stars_and_returns_nothing_for_nothing():
    assert fivestar.compose_message({}, "en") == ""
    assert fivestar.compose_message({"need": "  the file  ", "need_by": "bad"}, "en") == \
        "What I need: the file\n\nThank you!"


def test_composed_examples_carry_no_flags():
    for lang, data in fivestar.SPEC.examples.items():
        assert wording.count_flags(fivestar.compose_message(data, lang)) == 0, lang
        assert wording.count_flags(data["message"]) == data["message_flags"] == 0


# --- spec and figures ---------------------------------------------------------------

def test_examples_are_complete_entries_and_order():
    spec = get("fivestar")
    for lang, data in spec.examples.items():
        assert spec.validate(data, complete=True) == [], lang
    assert spec.order == 50
    assert [s.key for s in spec.sections] == ["subject", "logic", "wording", "emotion",
                                              "interests", "message", "after"]


def test_completion_needs_subject_need_and_message():
    fields = {p.field for p in get("fivestar").validate({}, complete=True)}
    assert fields == {"subject", "need", "message"}


@pytest.mark.parametrize("bad,field", [
    ({"subject_stars": 6}, "subject_stars"),
    ({"granted": "maybe"}, "granted"),
    ({"reply_hours": -1}, "reply_hours"),
    ({"message_flags": "3"}, "message_flags"),
    ({"need_by": "Friday"}, "need_by"),
])
def test_wrong_values_are_reported(bad, field):
    assert [p.field for p in get("fivestar").validate(bad, complete=False)] == [field]


def entry(stars=(4, 4, 4, 4, 4), granted=None, flags=None, message=None, hours=None):
    data = {rating: v for (_, rating), v in zip(fivestar.STARS, stars) if v is not None}
    if granted:
        data["granted"] = granted
    if flags is not None:
        data["message_flags"] = flags
    if message is not None:
        data["message"] = message
    if hours is not None:
        data["reply_hours"] = hours
    return data


def test_star_average_uses_rated_stars_only():
    assert fivestar.star_average(entry((5, None, 3, None, 4))) == 4
    assert fivestar.star_average({}) is None


def test_flags_fall_back_to_counting_the_message():
    assert fivestar.flags_of(entry(flags=2, message="总是 必须 一直")) == 2
    assert fivestar.flags_of(entry(message="总是 必须 一直")) == 3
    assert fivestar.flags_of(entry()) is None


def test_flag_trend_last_five_against_earlier():
    entries = [entry(flags=n) for n in (4, 2, 1, 1, 0, 1, 0)]
    last, earlier = fivestar.flag_trend(entries)
    assert last == pytest.approx(0.6) and earlier == pytest.approx(3.0)
    assert fivestar.flag_trend(entries[:3]) == (pytest.approx(7 / 3), None)


def test_figures():
    entries = [entry((5, 5, 3, 4, 5), "yes", 3, hours=2),
               entry((3, 4, 2, 4, 5), "partly", 1, hours=10),
               entry((4, 4, 1, 4, 5), "no", 0)]
    figs = {f.key: f for f in fivestar.figures(entries)}
    assert figs["stars"].value == pytest.approx((4.4 + 3.6 + 3.6) / 3)
    assert figs["weakest"].text.en == "Wording (2.0)" and figs["weakest"].text.zh_CN == "语言包装（2.0）"
    assert figs["granted"].value == pytest.approx(0.5) and figs["granted"].count == 3
    assert figs["reply_hours"].value == 6 and figs["reply_hours"].count == 2
    assert figs["flags"].value == pytest.approx(4 / 3)
    assert "no earlier" in figs["flags"].text.en
    more = entries + [entry(flags=0) for _ in range(5)]
    flags = {f.key: f for f in fivestar.figures(more)}["flags"]
    assert flags.value == 0 and flags.text.en == "last 5: 0.0 · before: 1.3"
    assert flags.text.zh_CN == "最近 5 条：0.0 · 之前：1.3"
    empty = {f.key: f for f in fivestar.figures([])}
    assert all(f.value is None and f.text is None for f in empty.values())
