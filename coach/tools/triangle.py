"""Empathy golden triangle (同理心"金三角") — our interpretation of the course tool.

Three corners around the reply I will give: the facts (what they said or
did), their feelings (the ABCDE emotion list) and their needs (a task need
and an emotional need). The reply in the middle should name the fact,
acknowledge the feeling and offer something for the need.

:func:`check_reply` tells which corners a reply touches. It is a plain,
bilingual rule set (vocabulary in ``resources/data/empathy.toml``): it
advises while the user writes and never blocks saving.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from .. import paths
from ..textmatch import find_phrases, mask, shared_phrases
from .abcde import EMOTIONS
from .base import OTHER, Choice, Field, Figure, Section, T, ToolSpec, mean, share

FEELINGS = tuple(c for c in EMOTIONS if c.key != OTHER)

EMOTIONAL_NEEDS = (
    Choice("respected", T("To be respected", "被尊重")),
    Choice("heard", T("To be heard", "被倾听")),
    Choice("safe", T("To feel safe", "有安全感")),
    Choice("fairness", T("Fairness", "被公平对待")),
    Choice("recognition", T("Recognition", "被认可")),
    Choice("support", T("Support", "得到支持")),
    Choice("clarity", T("Clarity", "心里有数")),
    Choice("autonomy", T("A say in it", "自己能做主")),
)

CONFIRMED = (
    Choice("yes", T("Yes", "是的")),
    Choice("partly", T("Partly", "部分是")),
    Choice("no", T("No", "不是")),
)

CORNERS = ("facts", "feelings", "needs")
CORNER_NAMES = {
    "facts": T("Facts", "事实"),
    "feelings": T("Feelings", "感受"),
    "needs": T("Needs", "需求"),
}

SECTIONS = (
    Section(
        "corners", T("1 · The three corners", "1 · 三个角"),
        T("Before you answer, look at the other person from three sides: what they actually "
          "said or did, what they probably feel, and what they need — both the task that "
          "must get done and what they need as a person.",
          "回应之前，先从三个角度看对方：他实际说了什么、做了什么；他可能有什么感受；"
          "他需要什么——既有要完成的事，也有作为一个人的心理需要。"),
        (
            Field("facts", "longtext", T("Facts: what did they say or do?", "事实：对方说了什么、做了什么？"),
                  T("Observable, as a camera would record it. Use their words where you can.",
                    "写可观察到的内容，像摄像机记录的一样。尽量用对方的原话。"),
                  required=True,
                  placeholder=T("e.g. Chen from Procurement called: the system froze twice and "
                                "12 orders were lost.",
                                "例如：采购部陈姐打电话说，系统卡死了两次，12 张订单没保存上。")),
            Field("feelings", "multichoice", T("Feelings: what do they probably feel?",
                                                "感受：对方可能有什么感受？"),
                  T("A guess — you will check it with them later.", "这是猜测，之后要和对方核实。"),
                  choices=FEELINGS),
            Field("feelings_other", "text", T("Other feelings, in your words", "其他感受（用你自己的话）"),
                  placeholder=T("e.g. overloaded", "例如：忙不过来")),
            Field("task_need", "longtext", T("Task need: what must get done for them?",
                                              "事务需求：对方要把什么事办成？"),
                  placeholder=T("e.g. Enter the 12 orders before the supplier's 18:00 cut-off.",
                                "例如：在供应商 18 点截单前把 12 张订单录进去。")),
            Field("emotional_needs", "multichoice", T("Emotional need: what do they need as a person?",
                                                       "情感需求：对方作为一个人需要什么？"),
                  choices=EMOTIONAL_NEEDS),
        ),
    ),
    Section(
        "reply", T("2 · My reply", "2 · 我的回应"),
        T("Write what you will say. The picture shows which corners you have filled and "
          "which ones your reply touches: name the fact, acknowledge the feeling, offer "
          "something for the need. It is advice only — save whenever you like.",
          "写下你准备说的话。上面的图显示你填了哪几个角，以及你的回应照顾到了哪几个角："
          "点出事实、回应感受、针对需求给出一点东西。这只是建议，随时都可以保存。"),
        (
            Field("reply", "longtext", T("My reply", "我的回应"), required=True,
                  widget="triangle_reply",
                  placeholder=T("e.g. The system froze twice and 12 orders are missing — that "
                                "sounds stressful. I can re-enter them with you now.",
                                "例如：系统卡了两次、12 张订单没保存上，听起来真的很着急。"
                                "我现在就帮你一起重新录入。")),
            Field("balance", "rating", T("How balanced is my reply across the three corners?",
                                         "我的回应在三个角之间平衡吗？"),
                  T("1 = one corner only, 5 = all three in proportion.", "1 = 只顾到一个角，5 = 三个角都恰当照顾到。"),
                  min=1, max=5, required=True),
        ),
    ),
    Section(
        "after", T("3 · Afterwards", "3 · 事后"),
        T("After the conversation: did they confirm what you guessed about their feelings and "
          "needs?", "谈话之后：对方是否证实了你对他的感受和需求的猜测？"),
        (
            Field("guess_confirmed", "choice", T("Did they confirm my guess?", "对方证实了我的猜测吗？"),
                  choices=CONFIRMED),
            Field("actual", "longtext", T("What they actually felt or needed", "对方实际的感受或需求"),
                  placeholder=T("e.g. She mostly wanted her manager to hear it was not her fault.",
                                "例如：她最在意的是让领导知道这不是她的错。")),
        ),
        context=("facts", "feelings", "feelings_other", "task_need", "emotional_needs", "reply"),
    ),
)


# --- the reply checker -----------------------------------------------------------

@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return tomllib.loads(paths.resource("data", "empathy.toml").read_text("utf-8"))


def _choice_words(choices: tuple[Choice, ...], keys: list, extra: dict) -> list[str]:
    labels = {c.key: c.label for c in choices}
    words: list[str] = []
    for key in keys:
        if key in labels:
            words += [labels[key].en, labels[key].zh_CN]
        words += extra.get(key, [])
    return words


@dataclass(frozen=True)
class Corner:
    key: str  # facts | feelings | needs
    filled: bool  # the corner holds something
    touched: bool  # the reply touches it
    evidence: tuple[str, ...] = ()  # words of the reply that touch it

    @property
    def name(self):
        return CORNER_NAMES[self.key]


ADVICE = {
    "facts": T("Name the fact you are answering, in their words (e.g. “the 12 orders”).",
               "点出你回应的事实，尽量用对方的说法（例如“那 12 张订单”）。"),
    "feelings": T("Acknowledge a feeling: “It sounds stressful…”, “I can see why you're upset…”.",
                  "回应对方的感受：“听起来你挺着急的……”“我能理解你的委屈……”。"),
    "needs": T("Offer something for their need: “I can…”, “How about we…”.",
               "针对对方的需求给出一点东西：“我可以……”“我们一起……”。"),
}
EMPTY_CORNER = {
    "facts": T("The facts corner is empty: write down what they said or did first.",
               "“事实”角还空着：先写下对方说了什么、做了什么。"),
    "feelings": T("The feelings corner is empty: guess what they probably feel first.",
                  "“感受”角还空着：先猜一猜对方可能的感受。"),
    "needs": T("The needs corner is empty: note their task need or emotional need first.",
               "“需求”角还空着：先写下对方的事务需求或情感需求。"),
}
# {words}: the words of the reply that touch the corner
TOUCHED = {
    "facts": T("your reply names the fact: {words}.", "回应点出了事实：{words}。"),
    "feelings": T("your reply acknowledges a feeling: {words}.", "回应照顾到了感受：{words}。"),
    "needs": T("your reply offers something for a need: {words}.", "回应照顾到了需求：{words}。"),
}


@dataclass(frozen=True)
class ReplyCheck:
    facts: Corner
    feelings: Corner
    needs: Corner

    @property
    def corners(self) -> tuple[Corner, Corner, Corner]:
        return (self.facts, self.feelings, self.needs)

    @property
    def touched_count(self) -> int:
        return sum(1 for c in self.corners if c.touched)

    @property
    def all_filled(self) -> bool:
        return all(c.filled for c in self.corners)

    def advice(self, corner: Corner):
        """What to say about one corner (a bilingual Text)."""
        if corner.touched:
            return TOUCHED[corner.key]
        if not corner.filled:
            return EMPTY_CORNER[corner.key]
        return ADVICE[corner.key]


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def _keys(data: dict, key: str) -> list[str]:
    value = data.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def corners_filled(data: dict) -> dict[str, bool]:
    return {
        "facts": bool(_text(data, "facts")),
        "feelings": bool(_keys(data, "feelings") or _text(data, "feelings_other")),
        "needs": bool(_text(data, "task_need") or _keys(data, "emotional_needs")),
    }


def check_reply(data: dict) -> ReplyCheck:
    """Which corners the reply touches, with the words that show it.

    - facts: the reply shares meaningful words (English) or character
      bigrams (Chinese) with the facts;
    - feelings: it mentions a chosen feeling, a synonym of one, the user's
      own words for another feeling, or an acknowledgement phrase
      (我理解 / 听起来 / I can see / it sounds…);
    - needs: it offers something (我可以 / 我们一起 / I can / let me / how
      about…), uses a word answering a chosen emotional need, or shares
      meaningful words with the task need.
    """
    vocab = vocabulary()
    filled = corners_filled(data)
    reply = _text(data, "reply")

    facts_hits = shared_phrases(reply, _text(data, "facts")) if reply else []

    feeling_words = _choice_words(FEELINGS, _keys(data, "feelings"), vocab["feelings"])
    other = _text(data, "feelings_other")
    if other:
        feeling_words += [w.strip() for w in other.replace("，", ",").replace("、", ",").split(",")
                          if w.strip()]
    ack = find_phrases(reply, vocab["acknowledge"])
    feel = find_phrases(reply, feeling_words + vocab["acknowledge"])
    feel_hits = [m.surface(reply) for m in feel]

    # "I can see" acknowledges; it is not an offer.
    rest = mask(reply, ack)
    need_words = _choice_words(EMOTIONAL_NEEDS, _keys(data, "emotional_needs"), vocab["needs"])
    need = find_phrases(rest, vocab["offer"] + need_words)
    need_hits = [m.surface(reply) for m in need]
    task = _text(data, "task_need")
    if task and reply:
        need_hits += shared_phrases(rest, task)

    def corner(key: str, hits: list[str]) -> Corner:
        hits = list(dict.fromkeys(h.strip() for h in hits if h.strip()))
        return Corner(key, filled[key], bool(hits), tuple(hits))

    return ReplyCheck(corner("facts", facts_hits), corner("feelings", feel_hits),
                      corner("needs", need_hits))


# --- figures -----------------------------------------------------------------------

CONFIRMED_SCORE = {"yes": 1.0, "partly": 0.5, "no": 0.0}


def figures(entries: list[dict]) -> list[Figure]:
    confirmed = [CONFIRMED_SCORE[d["guess_confirmed"]] for d in entries
                 if d.get("guess_confirmed") in CONFIRMED_SCORE]
    ratings = [d["balance"] for d in entries
               if isinstance(d.get("balance"), int) and not isinstance(d.get("balance"), bool)]
    replies = [d for d in entries if _text(d, "reply")]
    return [
        Figure("completeness", T("All three corners filled", "三个角都填写了"),
               share(all(corners_filled(d).values()) for d in entries), "percent", len(entries)),
        Figure("touches_all", T("Replies touching all three corners", "回应照顾到三个角"),
               share(check_reply(d).touched_count == 3 for d in replies), "percent", len(replies)),
        Figure("confirmed", T("Guess confirmed (partly counts half)", "猜测被证实（部分证实算一半）"),
               mean(confirmed), "percent", len(confirmed)),
        Figure("balance", T("Average balance self-rating (1–5)", "平衡度自评平均（1–5）"),
               mean(ratings), "number", len(ratings)),
    ]


EXAMPLE_EN = {
    "facts": "I work in IT. At 17:40 Chen from Procurement called: the purchasing system froze "
             "twice this afternoon, 12 purchase orders were not saved, and the supplier's cut-off "
             "is 18:00.",
    "feelings": ["anxiety", "frustration"],
    "feelings_other": "afraid of her manager's reaction",
    "task_need": "Get the 12 orders in before the supplier cut-off, or get the supplier to accept "
                 "them a little late.",
    "emotional_needs": ["heard", "support"],
    "reply": "Chen, the system froze twice and 12 orders didn't save, with the supplier cut-off at "
             "18:00 — that sounds really stressful. I can stay on the line and re-enter the orders "
             "with you now, and I'll email the supplier to ask for 30 more minutes.",
    "balance": 4,
    "guess_confirmed": "partly",
    "actual": "The orders worried her less than her manager: she asked me to email him that the "
              "outage was on our side.",
}

EXAMPLE_ZH = {
    "facts": "我在 IT 部。17:40 采购部的陈姐打电话来：采购系统下午卡死了两次，12 张采购订单没有保存上，"
             "供应商 18 点截单。",
    "feelings": ["anxiety", "frustration"],
    "feelings_other": "怕被领导批评",
    "task_need": "在供应商截单前把 12 张订单录进系统，或者请供应商允许晚一点提交。",
    "emotional_needs": ["heard", "support"],
    "reply": "陈姐，系统下午卡了两次，12 张订单没保存上，18 点又要截单，听起来真的很着急。"
             "我现在就远程和你一起重新录入，同时我给供应商发邮件，请他们宽限半小时。",
    "balance": 4,
    "guess_confirmed": "partly",
    "actual": "比起订单，她更担心领导的看法：她希望我给她领导发封邮件，说明故障在系统这边。",
}

SPEC = ToolSpec(
    key="triangle",
    version=1,
    name=T("Empathy triangle", "同理心金三角"),
    summary=T("Reply to someone upset: name the fact, acknowledge the feeling, offer something "
              "for the need.",
              "回应情绪中的同事：点出事实、回应感受、照顾需求。"),
    sections=SECTIONS,
    icon="triangle",
    title_field="facts",
    examples={"en": EXAMPLE_EN, "zh_CN": EXAMPLE_ZH},
    figures=figures,
    order=20,
)
