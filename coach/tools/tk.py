"""TK conflict log (协作冲突解决 TK 模型): one conflict, how I handled it, how it ended.

The counterpart is the person linked to the entry with the header's People
picker (so conflicts show up under that person everywhere). While the user
rates the stakes and the importance of the relationship, the form suggests
the modes that fit and why (:func:`suggest`); once saved it says whether the
mode used matched (:func:`matched`).

The self-assessment questionnaire lives in :mod:`coach.tools.tk_instrument`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .base import Choice, Field, Figure, Section, T, ToolSpec, share
from .tk_instrument import (
    ACCOMMODATING,
    AVOIDING,
    COLLABORATING,
    COMPETING,
    COMPROMISING,
    MODE_INFO,
    MODES,
)
from ..i18n import Text

KEY = "tk_conflict"
RECENT = 5  # "latest conflicts" window of the mode-frequency figure

MODE_CHOICES = tuple(Choice(m.key, m.label, m.summary) for m in MODE_INFO.values())

# The course's six ways of handling conflict.
METHODS = (
    Choice("withdraw", T("Withdrawing / avoiding", "撤退 / 回避"),
           T("Stepping back from the disagreement, now or for good.", "从分歧中退出，暂时或彻底。")),
    Choice("smooth", T("Smoothing / accommodating", "缓和 / 包容"),
           T("Stressing what we agree on and playing down the differences.", "强调共同点，淡化分歧。")),
    Choice("compromise", T("Compromising", "妥协"),
           T("Each side gives up something to reach a deal.", "双方各让一步达成协议。")),
    Choice("force", T("Forcing", "强迫"),
           T("Pushing one view through, by position or pressure.", "凭职位或压力推行一方的观点。")),
    Choice("collaborate", T("Collaborating", "合作"),
           T("Combining several views into one solution both sides support.", "综合多方观点，形成双方都支持的方案。")),
    Choice("confront", T("Confronting / problem solving", "正视 / 解决问题"),
           T("Treating the conflict as a problem to analyse and solve openly.", "把冲突当作要公开分析和解决的问题。")),
)

RELATIONSHIP_AFTER = (
    Choice("better", T("Better", "更好")),
    Choice("same", T("About the same", "差不多")),
    Choice("worse", T("Worse", "更差")),
)

SCALE_HELP = T("1 = very low, 5 = very high.", "1 = 很低，5 = 很高。")


# --- the suggestion ------------------------------------------------------------

def level(value) -> str | None:
    """1–2 low, 3 middle, 4–5 high (None when not rated)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        return None
    return "low" if value <= 2 else ("middle" if value == 3 else "high")


# (stakes level, relationship level) -> modes that fit, best first.
# Stakes set how assertive to be, the relationship how cooperative: the
# corners of the grid are the four outer modes, the middle is compromising.
RULES: dict[tuple[str, str], tuple[str, ...]] = {
    ("high", "high"): (COLLABORATING,),
    ("high", "middle"): (COLLABORATING, COMPETING),
    ("high", "low"): (COMPETING,),
    ("middle", "high"): (COLLABORATING, ACCOMMODATING),
    ("middle", "middle"): (COMPROMISING,),
    ("middle", "low"): (COMPROMISING, COMPETING),
    ("low", "high"): (ACCOMMODATING,),
    ("low", "middle"): (ACCOMMODATING, AVOIDING),
    ("low", "low"): (AVOIDING,),
}

STAKES_WHY = {
    "high": T("The outcome matters a lot to you, so stand up for it.",
              "结果对你很重要，所以要为它争取。"),
    "middle": T("The outcome matters, but not at any price.",
                "结果有分量，但不值得不惜代价。"),
    "low": T("Little is at stake for you, so there is no need to fight for it.",
             "这件事对你影响不大，没有必要为它去争。"),
}
RELATION_WHY = {
    "high": T("The relationship is important, so look after the other side's concerns too.",
              "这段关系很重要，所以也要照顾对方的关切。"),
    "middle": T("The relationship counts for something; keep it workable.",
                "这段关系有一定分量，要让合作还能继续。"),
    "low": T("The relationship matters little here, so their concerns weigh less.",
             "这里关系不太重要，对方的关切可以少考虑一些。"),
}
TIME_WHY = T("Time is short: collaborating takes time, so a compromise may have to do for now "
             "(come back to it later).",
             "时间紧：合作需要时间，眼下可能只能先妥协，之后再回头解决。")


@dataclass(frozen=True)
class Suggestion:
    modes: tuple[str, ...]
    why: tuple[Text, ...]

    def text(self, lang: str | None = None) -> str:
        return " ".join(w.get(lang) for w in self.why)


def suggest(stakes, relationship, time_pressure=None) -> Suggestion | None:
    """Modes that fit a conflict, with the reasons; None until both are rated."""
    s, r = level(stakes), level(relationship)
    if s is None or r is None:
        return None
    modes = RULES[(s, r)]
    why = [STAKES_WHY[s], RELATION_WHY[r]]
    if level(time_pressure) == "high" and COLLABORATING in modes:
        if COMPROMISING not in modes:
            modes = modes + (COMPROMISING,)
        why.append(TIME_WHY)
    return Suggestion(modes, tuple(why))


def suggestion_for(data: dict) -> Suggestion | None:
    return suggest(data.get("stakes"), data.get("relationship"), data.get("time_pressure"))


def matched(data: dict) -> bool | None:
    """Did the mode used match the suggestion? None when either is missing."""
    s = suggestion_for(data)
    used = data.get("mode_used")
    if s is None or used not in MODES:
        return None
    return used in s.modes


def win_win(data: dict) -> bool | None:
    me, them = data.get("outcome_me"), data.get("outcome_them")
    if not (isinstance(me, int) and isinstance(them, int)):
        return None
    return me >= 4 and them >= 4


def mode_counts(entries: list[dict]) -> Counter:
    return Counter(d.get("mode_used") for d in entries if d.get("mode_used") in MODES)


def _counts_text(counts: Counter) -> Text | None:
    if not counts:
        return None
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], MODES.index(kv[0])))
    return T(", ".join(f"{MODE_INFO[k].label.en} {n}" for k, n in ordered),
             "、".join(f"{MODE_INFO[k].label.zh_CN} {n}" for k, n in ordered))


def figures(entries: list[dict]) -> list[Figure]:
    """``entries`` are oldest first, so the tail is the latest conflicts."""
    counts = mode_counts(entries)
    used = [d for d in entries if d.get("mode_used") in MODES]
    recent = mode_counts(used[-RECENT:])
    earlier = mode_counts(used[:-RECENT]) if len(used) > RECENT else Counter()
    ww = [w for w in (win_win(d) for d in entries) if w is not None]
    match = [m for m in (matched(d) for d in entries) if m is not None]
    return [
        Figure("modes_used", T("Modes used in logged conflicts", "冲突记录中用过的模式"),
               None, "text", sum(counts.values()), _counts_text(counts)),
        Figure("modes_recent", T(f"Modes in your latest {RECENT} conflicts", f"最近 {RECENT} 次冲突用的模式"),
               None, "text", sum(recent.values()), _counts_text(recent)),
        Figure("modes_earlier", T("Modes in the conflicts before those", "更早的冲突用的模式"),
               None, "text", sum(earlier.values()), _counts_text(earlier)),
        Figure("win_win", T("Win-win rate (both outcomes 4 or 5)", "双赢率（双方结果都 ≥ 4）"),
               share(ww), "percent", len(ww)),
        Figure("suggestion_match", T("Mode used matched the suggestion", "所用模式与建议一致"),
               share(match), "percent", len(match)),
    ]


def used_shares(entries: list[dict]) -> dict[str, float]:
    """Share of logged conflicts per mode (for the profile comparison)."""
    counts = mode_counts(entries)
    total = sum(counts.values())
    return {m: (counts.get(m, 0) / total if total else 0.0) for m in MODES}


SECTIONS = (
    Section(
        "situation", T("The conflict", "冲突"),
        T("What was it about? Link the other person with People… at the top, so the "
          "conflict shows up with them.",
          "冲突是关于什么的？请用顶部的“相关人…”关联对方，这条记录就会出现在对方名下。"),
        (
            Field("topic", "longtext", T("What was the conflict about?", "冲突是关于什么的？"),
                  required=True,
                  placeholder=T("e.g. Logistics wants our orders by 10:00; we can only close them at 14:00.",
                                "例如：物流部要求 10 点前交订单，我们要到 14 点才能关单。")),
            Field("date", "date", T("When did it happen?", "发生在什么时候？")),
        ),
    ),
    Section(
        "weighing", T("Stakes and relationship", "利害与关系"),
        T("How much is at stake for you, and how much does the relationship matter? The modes "
          "that fit appear below as you rate.",
          "这件事对你的利害有多大？这段关系有多重要？打分后，下方会显示适合的模式。"),
        (
            Field("stakes", "rating", T("What is at stake for me", "这件事对我的利害"),
                  SCALE_HELP, min=1, max=5, required=True),
            Field("relationship", "rating", T("How important the relationship is", "这段关系的重要程度"),
                  SCALE_HELP, min=1, max=5, required=True),
            Field("time_pressure", "rating", T("Time pressure", "时间压力"),
                  SCALE_HELP, min=1, max=5),
            Field("suggestion", "custom", T("Modes that fit", "适合的模式"), widget="tk_suggestion"),
        ),
        context=("topic",),
    ),
    Section(
        "handling", T("How I handled it", "我的处理"),
        T("Be honest: the log is for you. Any mode can be the right one.",
          "如实填写：这份记录只给你自己看。任何一种模式都可能是对的。"),
        (
            Field("mode_used", "choice", T("The mode I used", "我用的模式"), choices=MODE_CHOICES,
                  required=True),
            Field("method", "choice", T("Which of the six ways of handling conflict it was",
                                        "属于六种冲突处理方式中的哪一种"), choices=METHODS),
            Field("what_i_did", "longtext", T("What I said or did", "我说了什么、做了什么")),
            Field("match", "custom", T("Compared with the suggestion", "与建议相比"), widget="tk_match"),
        ),
        context=("topic",),
    ),
    Section(
        "outcome", T("How it ended", "结果"),
        T("Rate the outcome from each side's point of view (1 = bad, 5 = very good).",
          "分别从双方的角度为结果打分（1 = 很差，5 = 很好）。"),
        (
            Field("outcome_me", "rating", T("Outcome for me", "对我的结果"), min=1, max=5,
                  required=True),
            Field("outcome_them", "rating", T("Outcome for them", "对对方的结果"), min=1, max=5,
                  required=True),
            Field("relationship_after", "choice", T("The relationship afterwards", "之后的关系"),
                  choices=RELATIONSHIP_AFTER, required=True),
            Field("lesson", "longtext", T("What I would do the same or differently next time",
                                          "下次我会保持什么、改变什么")),
        ),
        context=("topic",),
    ),
)

EXAMPLE_EN = {
    "topic": "Logistics asked us to submit all orders by 10:00 so that trucks can be loaded; "
             "sales can only close the day's orders at 14:00.",
    "date": "2026-03-12",
    "stakes": 4,
    "relationship": 5,
    "time_pressure": 2,
    "mode_used": "collaborating",
    "method": "confront",
    "what_i_did": "Asked Zhao from logistics for half an hour, mapped both timelines on the "
                  "whiteboard and found that only the afternoon truck needs the early cut-off.",
    "outcome_me": 4,
    "outcome_them": 5,
    "relationship_after": "better",
    "lesson": "Asking for their timeline before defending mine saved a week of emails.",
}

EXAMPLE_ZH = {
    "topic": "物流部要求我们 10 点前提交所有订单以便装车，但销售要到 14 点才能关当天的单。",
    "date": "2026-03-12",
    "stakes": 4,
    "relationship": 5,
    "time_pressure": 2,
    "mode_used": "collaborating",
    "method": "confront",
    "what_i_did": "约物流部的赵工谈了半小时，把双方的时间线画在白板上，发现只有下午那班车需要提前截单。",
    "outcome_me": 4,
    "outcome_them": 5,
    "relationship_after": "better",
    "lesson": "先问对方的时间安排、再解释我们的，省掉了一周的邮件来回。",
}

SPEC = ToolSpec(
    key=KEY,
    version=1,
    name=T("TK conflict log", "TK 冲突记录"),
    summary=T("Log a conflict, the mode you used and how it ended; see which modes fit.",
              "记录一次冲突、你用的模式和结果，看看哪种模式更合适。"),
    sections=SECTIONS,
    icon="tk",
    title_field="topic",
    examples={"en": EXAMPLE_EN, "zh_CN": EXAMPLE_ZH},
    figures=figures,
    order=30,
)
