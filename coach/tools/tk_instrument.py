"""The conflict-mode self-assessment: our own 30-pair instrument and its scoring.

Five modes sit on two axes, assertiveness (关注自己) and cooperativeness
(关注他人). Each of the 30 items offers two statements of different modes; the
user picks the one closer to what they usually do. Every one of the 10 pairs
of modes appears exactly 3 times, so each mode appears in 12 items and scores
0–12; the scores add up to 30. In the listed (unshuffled) order every mode is
statement A in exactly 6 items, so position alone cannot tilt a profile.

All 60 statements were written for this app (workplace situations between
departments). They are not, and must not become, the published Thomas-Kilmann
items or translations of them.

This module has no ``SPEC``: it is data and pure functions used by the
conflict log (``tk.py``), the store and the UI.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from ..i18n import Text

T = Text

COMPETING = "competing"
COLLABORATING = "collaborating"
COMPROMISING = "compromising"
AVOIDING = "avoiding"
ACCOMMODATING = "accommodating"
MODES = (COMPETING, COLLABORATING, COMPROMISING, AVOIDING, ACCOMMODATING)

ITEM_COUNT = 30
MAX_SCORE = 12  # each mode appears in 12 items
AXIS_LIMIT = 24


@dataclass(frozen=True)
class Mode:
    key: str
    label: Text
    summary: Text
    good_use: Text
    overuse: Text
    # place on the grid, -1..1: (cooperativeness, assertiveness)
    x: float
    y: float


MODE_INFO: dict[str, Mode] = {m.key: m for m in (
    Mode(COMPETING, T("Competing", "竞争"),
         T("Pursuing your own goal firmly, at the other side's expense if need be.",
           "坚定地追求自己的目标，必要时不惜让对方让步。"),
         T("Emergencies and decisions that cannot wait; safety, quality or compliance rules that "
           "are not up for negotiation; protecting your team against a request that would clearly "
           "harm it.",
           "紧急情况和不能拖的决定；安全、质量或合规等不能讨价还价的底线；保护团队免受明显有害的要求。"),
         T("People stop telling you bad news and stop offering ideas; other departments comply on "
           "paper but not in spirit; every disagreement becomes a contest you have to win.",
           "别人不再向你报告坏消息、不再提建议；其他部门表面配合、心里抵触；每一次分歧都变成必须赢的比赛。"),
         -1.0, 1.0),
    Mode(COLLABORATING, T("Collaborating", "合作"),
         T("Working with the other side until a solution fully meets both sides' concerns.",
           "与对方一起努力，直到找到充分照顾双方关切的方案。"),
         T("Important issues where both sides' concerns are too significant to trade away; "
           "redesigning a shared process; building commitment that has to last.",
           "双方关切都重要到不能拿来交换的问题；一起重新设计共同的流程；需要长期投入和认同的事情。"),
         T("Small matters take long meetings; decisions stall while everyone is consulted; "
           "people feel worn out by yet another workshop.",
           "小事也要开长会；为了征求每个人的意见，决定迟迟定不下来；大家对又一次研讨会感到疲惫。"),
         1.0, 1.0),
    Mode(COMPROMISING, T("Compromising", "妥协"),
         T("Finding a middle position in which each side gives up part of what it wanted.",
           "找一个中间位置，双方各自放弃一部分诉求。"),
         T("Two sides of similar weight with goals that exclude each other; a temporary "
           "arrangement while a better solution is worked out; time pressure when collaborating "
           "would take too long.",
           "双方分量相当、目标互相排斥；在找到更好方案之前的过渡安排；时间紧、来不及深入合作的时候。"),
         T("Agreements that nobody really likes; haggling becomes a habit; the chance of a "
           "genuinely better solution is never explored.",
           "达成的协议谁都不满意；讨价还价成了习惯；真正更好的方案从来没有被探索过。"),
         0.0, 0.0),
    Mode(AVOIDING, T("Avoiding", "回避"),
         T("Not taking the issue up now: sidestepping, postponing or leaving it to others.",
           "暂时不处理这个问题：绕开、推迟或交给别人。"),
         T("Trivial issues; tempers that need to cool first; missing information; a dispute "
           "that someone else is better placed to settle.",
           "无关紧要的小事；需要先让情绪冷静下来；信息还不够；别人更适合解决的争议。"),
         T("Problems grow while nobody speaks; decisions are made without your input; colleagues "
           "cannot tell where you stand.",
           "没人开口，问题越积越大；决定在没有你参与的情况下做出；同事不知道你的立场。"),
         -1.0, -1.0),
    Mode(ACCOMMODATING, T("Accommodating", "迁就"),
         T("Setting your own concern aside to meet the other side's.",
           "把自己的关切放在一边，去满足对方的关切。"),
         T("You realise you were wrong; the issue matters much more to them than to you; building "
           "goodwill for later; keeping harmony when the relationship is what counts.",
           "发现自己错了；这件事对对方比对你重要得多；为以后积累好感；关系比结果更重要的时候。"),
         T("Your team's needs go unmet; your ideas get little attention; you feel quietly "
           "resentful; others learn that you will always give way.",
           "团队的需要得不到满足；你的想法很少被重视；你心里暗暗不满；别人知道你总会让步。"),
         1.0, -1.0),
)}


@dataclass(frozen=True)
class Statement:
    mode: str
    text: Text


@dataclass(frozen=True)
class Item:
    id: int
    a: Statement
    b: Statement

    def modes(self) -> tuple[str, str]:
        return self.a.mode, self.b.mode


def _s(mode: str, en: str, zh: str) -> Statement:
    return Statement(mode, Text(en, zh))


CP, CO, CM, AV, AC = COMPETING, COLLABORATING, COMPROMISING, AVOIDING, ACCOMMODATING

ITEMS: tuple[Item, ...] = (
    Item(1, _s(CP, "I prepare figures in advance so that I can win the argument in the meeting.",
               "我会提前准备好数据，好在会上争赢这场讨论。"),
         _s(CO, "Before we talk about solutions, I find out the reasons behind each side's position.",
               "在讨论方案之前，我会先弄清双方立场背后的原因。")),
    Item(2, _s(CM, "When a discussion keeps going round in circles, I accept a position somewhere in the middle.",
               "讨论一直在原地打转时，我会接受一个居中的立场。"),
         _s(AV, "When I am too annoyed to talk calmly, I step away from the conversation for a while.",
               "当我生气到无法冷静说话时，我会暂时离开这场谈话。")),
    Item(3, _s(AC, "I agree to handle another department's urgent request, even when it costs me my own time.",
               "即使要占用我自己的时间，我也会答应处理其他部门的紧急需求。"),
         _s(CP, "I tell the other department plainly what I need from them and expect them to deliver it.",
               "我会直接告诉对方部门我需要他们做什么，并期待他们做到。")),
    Item(4, _s(CO, "I suggest that we work through the problem together until both departments are satisfied.",
               "我会提议大家一起把问题理清，直到两个部门都满意为止。"),
         _s(CM, "I propose trying a halfway solution for a month and then reviewing it together.",
               "我会提议先试行一个折中方案一个月，再一起复盘。")),
    Item(5, _s(AV, "I hold back my view until I have seen the figures for myself.",
               "在亲自看到数据之前，我先不发表看法。"),
         _s(AC, "When I realise that I was wrong, I change my position without fuss.",
               "当我意识到自己错了，我会爽快地改变立场。")),
    Item(6, _s(CP, "When I am sure a deadline is right, I hold to it even if the other team pushes back.",
               "如果我确定某个截止时间是对的，即使对方团队反对，我也会坚持。"),
         _s(CM, "When both deadlines cannot be met, I suggest a date in between.",
               "两边的截止时间无法同时满足时，我会建议取一个中间的日期。")),
    Item(7, _s(CO, "I keep the conversation going until we understand each other's constraints in detail.",
               "我会持续沟通，直到双方都详细了解彼此的限制条件。"),
         _s(AV, "When a topic gets heated, I suggest that we come back to it another day.",
               "话题变得激烈时，我会建议改天再谈。")),
    Item(8, _s(CM, "I would rather agree quickly on part of what I want than argue for weeks over all of it.",
               "与其为全部诉求争上几个星期，我宁愿尽快谈妥其中一部分。"),
         _s(AC, "If an issue clearly matters more to the other team than to mine, I let them have it their way.",
               "如果一件事显然对对方团队比对我们更重要，我会让他们按自己的方式来。")),
    Item(9, _s(AV, "When a disagreement comes up unexpectedly, I ask for a day before I respond.",
               "分歧突然出现时，我会先要一天时间再回应。"),
         _s(CP, "Once I have decided what my team needs, I keep pushing until the other side agrees to it.",
               "一旦确定了团队需要什么，我会一直争取，直到对方同意。")),
    Item(10, _s(AC, "When a colleague is upset, I listen to their side first and leave my own point for later.",
                "同事情绪不好时，我会先听他说，把自己的观点留到以后。"),
         _s(CO, "Before anyone proposes a solution, I write both sides' requirements on one page.",
               "在任何人提出方案之前，我会先把双方的要求写在同一页纸上。")),
    Item(11, _s(AV, "I do not press an issue when the timing is bad for the other side.",
                "如果时机对对方不合适，我不会硬要谈这个问题。"),
         _s(CM, "I propose a temporary arrangement that both sides can live with for now.",
               "我会提出一个双方暂时都能接受的过渡安排。")),
    Item(12, _s(CP, "When a decision falls within my responsibility, I make it and move on, even if not everyone agrees.",
                "如果决定属于我的职责范围，即使不是每个人都同意，我也会拍板并推进。"),
         _s(AC, "When the other side knows an area better than I do, I follow their expert judgement.",
               "当对方在某个领域比我更懂时，我会听从他们的专业判断。")),
    Item(13, _s(CM, "I settle for a solution that is good enough for both sides rather than perfect for one.",
                "我宁愿接受一个对双方都过得去的方案，而不是只对一方完美的方案。"),
         _s(CO, "Before we agree, I check that the solution really answers both sides' main concerns.",
               "在达成一致之前，我会确认方案真正回应了双方最主要的顾虑。")),
    Item(14, _s(AC, "When a colleague is under pressure, I take on the task they would like to hand over.",
                "当同事压力很大时，我会接下他们想转交的任务。"),
         _s(AV, "When a dispute belongs to another manager's area, I leave it to them to settle.",
               "如果争议属于另一位经理的职责范围，我就留给他去处理。")),
    Item(15, _s(CM, "I suggest splitting the extra work between our two teams.",
                "我会建议由两个团队分担多出来的工作。"),
         _s(CP, "When another team's request would hurt my own targets, I turn it down clearly.",
               "如果别的团队的要求会影响我自己的目标，我会明确拒绝。")),
    Item(16, _s(AV, "I let a small irritation pass without bringing it up.",
                "小的不愉快，我会让它过去，不去提起。"),
         _s(CO, "I go into the details with the other person until we find the real cause of the friction.",
               "我会和对方一起深入细节，直到找到摩擦的真正原因。")),
    Item(17, _s(AC, "I give way on a small point to build goodwill for later.",
                "在小事上我会让步，为以后的合作积累好感。"),
         _s(CM, "I propose taking turns: their priority this time, mine next time.",
               "我会提议轮流来：这次先满足他们的优先级，下次先满足我的。")),
    Item(18, _s(CP, "In meetings I repeat my objection until it is written into the minutes.",
                "会上我会反复提出反对意见，直到它被写进会议纪要。"),
         _s(AV, "I keep a reservation to myself when I doubt that raising it would change anything.",
               "如果觉得提出来也改变不了什么，我会把保留意见放在心里。")),
    Item(19, _s(CO, "I ask what a good result would look like for the other team, and describe what it looks like for mine.",
                "我会问对方团队眼中的好结果是什么样，也说明我们团队眼中的好结果。"),
         _s(AC, "If an issue clearly means more to the other person than to me, I go along with what they want.",
               "如果一件事显然对对方比对我更重要，我会顺着对方的意愿来。")),
    Item(20, _s(CO, "I try to combine the best parts of their idea and mine into a new plan.",
                "我会尝试把对方的想法和我的想法中最好的部分合成一个新方案。"),
         _s(CP, "If I believe the other side's plan is wrong, I keep arguing against it rather than let it pass.",
               "如果我认为对方的方案有问题，我会一直反对，而不是让它通过。")),
    Item(21, _s(AV, "I steer the conversation away from points on which we are unlikely to agree.",
                "我会把谈话从不太可能达成一致的问题上引开。"),
         _s(AC, "I rearrange my own schedule to fit the other team's needs.",
               "我会调整自己的安排来配合对方团队的需要。")),
    Item(22, _s(CP, "I stand up for my team's interests even if it makes the discussion tense.",
                "即使讨论因此变得紧张，我也会维护我们团队的利益。"),
         _s(CM, "I expect both teams to give a little, and I start by saying what I can give.",
               "我认为双方都该让一点，并且先说出我能让的部分。")),
    Item(23, _s(CO, "When we disagree, I propose a joint working session to design a better option.",
                "出现分歧时，我会提议开一次联合讨论，一起设计更好的方案。"),
         _s(AV, "I stay out of email arguments and let the thread go quiet.",
               "我会避免在邮件里争论，让讨论自然冷下来。")),
    Item(24, _s(CM, "I lower my demands a little if that lets us reach an agreement in time.",
                "如果能因此及时达成一致，我会把要求降低一些。"),
         _s(AC, "When I can see the other person is already overloaded, I scale back my request.",
               "看到对方已经忙不过来时，我会把自己的要求放缓一些。")),
    Item(25, _s(AV, "I wait to see whether a problem sorts itself out before I get involved.",
                "在介入之前，我会先观望问题是否会自行解决。"),
         _s(CP, "I take a problem to my manager when that is the fastest way to get what my work needs.",
               "如果找上级是最快的办法，我会把问题上报，争取工作所需的支持。")),
    Item(26, _s(AC, "I drop an argument when carrying on would damage a working relationship I value.",
                "如果继续争下去会伤害我看重的合作关系，我会放下这场争论。"),
         _s(CO, "I see a disagreement as a chance to improve the process for everyone involved.",
               "我把分歧看作一次机会，去改进对所有相关方都有利的流程。")),
    Item(27, _s(CP, "I try to get my proposal accepted before others settle on theirs.",
                "我会尽量赶在别人定下方案之前，让我的提议先被采纳。"),
         _s(CO, "I invite the people affected on both sides to help define the problem.",
               "我会邀请双方受影响的人一起来界定问题。")),
    Item(28, _s(CM, "When two teams want the same resources, I suggest that each gets a share.",
                "两个团队争同一份资源时，我会建议各分一部分。"),
         _s(AV, "I stay out of disagreements that do not really concern my work.",
               "与我的工作关系不大的分歧，我尽量不参与。")),
    Item(29, _s(AC, "When a new colleague proposes an idea, I back it even if I would have done it differently.",
                "新同事提出想法时，即使我会用别的方法，我也会支持他。"),
         _s(CP, "When time is short, I take charge and tell people what we are going to do.",
               "时间紧的时候，我会主导局面，直接告诉大家接下来怎么做。")),
    Item(30, _s(CO, "I treat the other team's constraints as requirements for the design, not as obstacles.",
                "我把对方团队的限制条件当作设计方案的要求，而不是障碍。"),
         _s(CM, "When our priorities clash, I ask what each of us could drop so that we can move on today.",
               "优先级冲突时，我会问双方各自能放下什么，好让事情今天就能往前推进。")),
)

ITEMS_BY_ID: dict[int, Item] = {item.id: item for item in ITEMS}


# --- attempts: order, shuffle, answers ------------------------------------------

def new_order(rng: random.Random | None = None) -> list[list]:
    """The asked order of an attempt: ``[[item_id, swapped], …]``.

    Items keep their designed sequence (no two neighbours share a pair of
    modes within a round); the A/B sides are swapped at random per item, so
    the same statement is not always on the same side across attempts.
    """
    rng = rng or random.SystemRandom()
    return [[item.id, bool(rng.getrandbits(1))] for item in ITEMS]


def valid_order(order: Any) -> bool:
    if not isinstance(order, list) or len(order) != ITEM_COUNT:
        return False
    ids = []
    for entry in order:
        if (not isinstance(entry, (list, tuple)) or len(entry) != 2
                or entry[0] not in ITEMS_BY_ID or not isinstance(entry[1], bool)):
            return False
        ids.append(entry[0])
    return sorted(ids) == sorted(ITEMS_BY_ID)


def shown(item_id: int, swapped: bool) -> tuple[Statement, Statement]:
    """The two statements as shown on screen (left = A, right = B)."""
    item = ITEMS_BY_ID[item_id]
    return (item.b, item.a) if swapped else (item.a, item.b)


def mode_for_choice(item_id: int, swapped: bool, choice: str) -> str:
    """The mode picked when the user chose ``"A"`` or ``"B"`` on screen."""
    first, second = shown(item_id, swapped)
    if choice not in ("A", "B"):
        raise ValueError(f"choice must be 'A' or 'B', not {choice!r}")
    return first.mode if choice == "A" else second.mode


def answers_from_choices(order: Sequence[Sequence], choices: Iterable[str]) -> dict[str, str]:
    """Answers (item id -> mode) from on-screen letters given in asked order."""
    out = {}
    for (item_id, swapped), choice in zip(order, choices):
        out[str(item_id)] = mode_for_choice(item_id, swapped, choice)
    return out


def next_unanswered(order: Sequence[Sequence], answers: Mapping[str, str]) -> int:
    """Index in ``order`` of the first unanswered item (len(order) when all are done)."""
    for i, (item_id, _swapped) in enumerate(order):
        if str(item_id) not in answers:
            return i
    return len(order)


class ScoringError(ValueError):
    pass


def score(answers: Mapping[str, str]) -> dict[str, int]:
    """Raw scores 0–12 per mode from answers ``{item id: chosen mode}``.

    Pure and strict: an answer must name one of its item's two modes.
    Unanswered items count for nobody, so a complete set sums to 30.
    """
    counts = Counter()
    for raw_id, mode in answers.items():
        try:
            item = ITEMS_BY_ID[int(raw_id)]
        except (KeyError, TypeError, ValueError):
            raise ScoringError(f"unknown item {raw_id!r}") from None
        if mode not in item.modes():
            raise ScoringError(f"item {raw_id}: {mode!r} is not one of {item.modes()}")
        counts[mode] += 1
    return {m: counts.get(m, 0) for m in MODES}


def is_complete(answers: Mapping[str, str]) -> bool:
    return {str(i) for i in ITEMS_BY_ID} <= set(answers)


def band(value: int) -> str:
    """low 0–3, middle 4–8, high 9–12 (raw scores; we have no norms)."""
    if value <= 3:
        return "low"
    if value <= 8:
        return "middle"
    return "high"


BANDS = {
    "low": T("low", "低"),
    "middle": T("middle", "中"),
    "high": T("high", "高"),
}


def axes(scores: Mapping[str, int]) -> tuple[int, int]:
    """(assertiveness, cooperativeness), each in −24…24."""
    g = {m: int(scores.get(m, 0)) for m in MODES}
    assertiveness = (g[COMPETING] + g[COLLABORATING]) - (g[AVOIDING] + g[ACCOMMODATING])
    cooperativeness = (g[COLLABORATING] + g[ACCOMMODATING]) - (g[COMPETING] + g[AVOIDING])
    return assertiveness, cooperativeness


def change(current: Mapping[str, int], previous: Mapping[str, int] | None) -> dict[str, int] | None:
    """Per-mode change against the previous attempt (None when there is none)."""
    if not previous:
        return None
    return {m: int(current.get(m, 0)) - int(previous.get(m, 0)) for m in MODES}


def mode_label(key: str, lang: str | None = None) -> str:
    info = MODE_INFO.get(key)
    return info.label.get(lang) if info else key


def to_json() -> dict[str, Any]:
    """The instrument as machine-readable data (``coach tools --format json``)."""
    return {
        "key": "tk_assessment",
        "name": T("Conflict modes self-assessment", "冲突处理模式自评").as_dict(),
        "items_count": ITEM_COUNT,
        "scoring": {
            "per_mode": [0, MAX_SCORE],
            "total": ITEM_COUNT,
            "bands": {"low": [0, 3], "middle": [4, 8], "high": [9, 12]},
            "assertiveness": "(competing + collaborating) - (avoiding + accommodating)",
            "cooperativeness": "(collaborating + accommodating) - (competing + avoiding)",
            "axis_range": [-AXIS_LIMIT, AXIS_LIMIT],
            "norms": None,
        },
        "shuffle": "A/B sides swapped at random per item and attempt; stored with the attempt",
        "modes": [
            {"key": m.key, "label": m.label.as_dict(), "summary": m.summary.as_dict(),
             "good_use": m.good_use.as_dict(), "overuse": m.overuse.as_dict()}
            for m in MODE_INFO.values()
        ],
        "items": [
            {"id": item.id,
             "a": {"mode": item.a.mode, "text": item.a.text.as_dict()},
             "b": {"mode": item.b.mode, "text": item.b.text.as_dict()}}
            for item in ITEMS
        ],
    }


ASSESSMENT_JSON = to_json
