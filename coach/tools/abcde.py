"""ABCDE emotion reframing (情绪思维转变 ABCDE 法则).

The form follows the order people actually fill it in: the event (A), what
I felt and did (C), the belief that linked them (B), the disputation (D) and
the new effect (E) with every emotion and the belief re-rated.
"""
from __future__ import annotations

from collections import Counter

from .base import (
    Choice,
    Field,
    Figure,
    Section,
    T,
    ToolSpec,
    mean,
    share,
)

EMOTIONS = (
    Choice("anger", T("Anger", "愤怒")),
    Choice("anxiety", T("Anxiety", "焦虑")),
    Choice("wronged", T("Feeling wronged", "委屈")),
    Choice("frustration", T("Frustration", "挫败")),
    Choice("disappointment", T("Disappointment", "失望")),
    Choice("embarrassment", T("Embarrassment", "尴尬")),
    Choice("guilt", T("Guilt", "内疚")),
    Choice("other", T("Other…", "其他…")),
)

PATTERNS = (
    Choice("demands", T("Demands (must / should)", "绝对化要求（必须 / 应该）"),
           T("Turning a wish into a rule the world has to obey.", "把愿望变成别人必须遵守的规则。")),
    Choice("catastrophising", T("Catastrophising", "糟糕至极"),
           T("Treating a setback as the worst thing that could happen.", "把挫折看成最糟的结局。")),
    Choice("low_tolerance", T("I can't stand it", "低挫折容忍"),
           T("Telling yourself you cannot bear a discomfort you are in fact bearing.",
             "告诉自己受不了一件其实正在承受的事。")),
    Choice("overgeneralising", T("Overgeneralising / labelling", "以偏概全 / 贴标签"),
           T("One event becomes 'always', one act becomes who a person is.",
             "一件事变成“总是”，一个行为变成一个人的全部。")),
    Choice("mind_reading", T("Mind reading", "读心术"),
           T("Being sure what the other person thinks without asking.", "没有问过就认定对方怎么想。")),
)

HELPFUL = (
    Choice("yes", T("Yes", "有帮助")),
    Choice("partly", T("Partly", "部分有帮助")),
    Choice("no", T("No", "没有帮助")),
)

EMOTION_ROW = (
    Field("emotion", "choice", T("Emotion", "情绪"), choices=EMOTIONS, allow_other=True,
          required=True),
    Field("intensity", "slider", T("Intensity", "强度"), min=0, max=100, required=True),
    Field("after", "slider", T("Intensity now", "现在的强度"), min=0, max=100, hidden=True),
)

SECTIONS = (
    Section(
        "a", T("A · Event", "A · 诱发事件"),
        T("Describe what happened as a camera would have recorded it: who said or did what, "
          "when and where. Leave judgements out.",
          "像摄像机一样记录发生了什么：谁在何时何地说了或做了什么。先不要加评价。"),
        (
            Field("event", "longtext", T("What happened?", "发生了什么？"), required=True,
                  placeholder=T("e.g. In the 10:00 meeting Li said our numbers were late again.",
                                "例如：10 点的会上，李工说我们的数据又晚交了。")),
        ),
    ),
    Section(
        "c", T("C · Consequences", "C · 后果"),
        T("Name each feeling and how strong it was (0 = none, 100 = the strongest you know).",
          "写下每一种情绪以及它有多强（0 = 没有，100 = 你经历过的最强）。"),
        (
            Field("emotions", "rows", T("My emotions", "我的情绪"), fields=EMOTION_ROW,
                  required=True, min_rows=1),
            Field("action", "longtext", T("What I did, or wanted to do", "我做了什么，或想做什么")),
        ),
    ),
    Section(
        "b", T("B · Belief", "B · 信念"),
        T("Which thought turned the event into these feelings? Write it the way it sounded "
          "in your head.",
          "是哪个想法让这件事变成了这些情绪？照它在你脑海里的样子写下来。"),
        (
            Field("belief", "longtext", T("The thought behind it", "背后的想法"), required=True,
                  placeholder=T("e.g. They always blame us to look good.",
                                "例如：他们总是把责任推给我们，好显得自己没问题。")),
            Field("belief_strength", "slider", T("How strongly I believe it", "我有多相信它"),
                  min=0, max=100, unit="%", required=True),
            Field("patterns", "multichoice", T("Thinking patterns I notice", "我注意到的思维模式"),
                  choices=PATTERNS),
            Field("red_light", "bool",
                  T("Red-light thinking: was this a reflex reaction?", "红色思维：这是一个条件反射式的反应吗？"),
                  T("Tick if the thought came instantly, before you had considered anything.",
                    "如果这个想法是瞬间冒出来的、还没来得及思考，就勾选。")),
        ),
    ),
    Section(
        "d", T("D · Disputation", "D · 驳斥"),
        T("Question the belief as a fair judge would.", "像一位公正的法官那样审视这个想法。"),
        (
            Field("evidence_for", "longtext", T("Evidence for the belief", "支持它的证据")),
            Field("evidence_against", "longtext", T("Evidence against the belief", "反对它的证据")),
            Field("helpful", "choice", T("Does holding this belief help me?", "坚持这个想法对我有帮助吗？"),
                  choices=HELPFUL),
            Field("green_thought", "longtext",
                  T("Green-light thinking: what is reasonable from their side?",
                    "绿色思维：从对方的角度看，什么是合理的？")),
            Field("advice", "longtext",
                  T("What would I tell a colleague in my place?", "如果是同事遇到这件事，我会对他说什么？")),
        ),
        context=("event", "emotions", "belief"),
    ),
    Section(
        "e", T("E · New effect", "E · 新效果"),
        T("Write a more balanced thought, then rate again how you feel and how much you still "
          "believe the original thought.",
          "写下一个更平衡的想法，然后重新评估你的感受，以及你还有多相信原来的想法。"),
        (
            Field("balanced_thought", "longtext", T("A more balanced thought", "更平衡的想法"),
                  required=True),
            Field("emotions_after", "rerate", T("My emotions now", "我现在的情绪"),
                  source="emotions", source_value="intensity", target="after",
                  min=0, max=100, required=True),
            Field("belief_strength_after", "slider",
                  T("How strongly I believe the original thought now", "我现在还有多相信原来的想法"),
                  min=0, max=100, unit="%", required=True),
            Field("next_step", "longtext", T("My next concrete step", "我的下一步具体行动"),
                  placeholder=T("e.g. Ask Li on Thursday which report date works for finance.",
                                "例如：周四问李工，财务部需要我们哪天交数据。")),
        ),
        context=("event", "emotions", "belief"),
    ),
)


# --- figures -------------------------------------------------------------------

def emotion_drop(data: dict) -> float | None:
    """Mean fall in intensity over the emotions that were re-rated."""
    drops = []
    for row in data.get("emotions") or []:
        if not isinstance(row, dict):
            continue
        before, after = row.get("intensity"), row.get("after")
        if isinstance(before, int) and isinstance(after, int):
            drops.append(before - after)
    return mean(drops)


def belief_drop(data: dict) -> float | None:
    before, after = data.get("belief_strength"), data.get("belief_strength_after")
    if isinstance(before, int) and isinstance(after, int):
        return before - after
    return None


def figures(entries: list[dict]) -> list[Figure]:
    drops = [emotion_drop(d) for d in entries]
    drops = [d for d in drops if d is not None]
    bdrops = [b for b in (belief_drop(d) for d in entries) if b is not None]
    patterns = Counter(p for d in entries for p in (d.get("patterns") or []) if isinstance(p, str))
    top = [key for key, _ in patterns.most_common(3)]
    labels = {c.key: c.label for c in PATTERNS}
    top_text = None
    if top:
        top_text = T(", ".join(labels[k].en for k in top if k in labels),
                     "、".join(labels[k].zh_CN for k in top if k in labels))
    return [
        Figure("emotion_drop", T("Average emotion drop", "情绪平均下降"), mean(drops),
               "points", len(drops)),
        Figure("belief_drop", T("Average belief drop", "信念平均下降"), mean(bdrops),
               "points", len(bdrops)),
        Figure("red_light_share", T("Red-light entries", "红色思维占比"),
               share(bool(d.get("red_light")) for d in entries), "percent", len(entries)),
        Figure("big_drop_share", T("Entries with a drop of 20 or more", "下降 ≥ 20 的记录占比"),
               share(d >= 20 for d in drops), "percent", len(drops)),
        Figure("top_patterns", T("Most frequent thinking patterns", "最常见的思维模式"),
               None, "text", sum(patterns.values()), top_text),
    ]


EXAMPLE_EN = {
    "event": "In Tuesday's project meeting, Wang from Finance said in front of everyone that "
             "our department's expense reports were late for the third month in a row.",
    "emotions": [
        {"emotion": "embarrassment", "intensity": 70, "after": 35},
        {"emotion": "anger", "intensity": 60, "after": 20},
    ],
    "action": "I went quiet, then sent a sharp message to my team after the meeting.",
    "belief": "Finance wants to make us look bad in front of the director. They never "
              "understand how busy we are.",
    "belief_strength": 80,
    "patterns": ["mind_reading", "overgeneralising"],
    "red_light": True,
    "evidence_for": "The remark was made in public rather than privately.",
    "evidence_against": "The reports really were late twice. Wang also mentioned two other "
                        "departments. Last quarter she helped us fix a booking error.",
    "helpful": "no",
    "green_thought": "Wang has a month-end close deadline; late reports put her own KPI at risk.",
    "advice": "Find out what date Finance needs and whether a reminder would help, instead of "
              "guessing her motives.",
    "balanced_thought": "Finance needs our reports on time to close the month. The remark "
                        "was about a real problem I can fix, not about me.",
    "belief_strength_after": 30,
    "next_step": "Ask Wang on Thursday which submission date works, and set a team reminder "
                 "three days before it.",
}

EXAMPLE_ZH = {
    "event": "周二项目会上，财务部的王姐当着大家的面说，我们部门的报销单已经连续三个月晚交了。",
    "emotions": [
        {"emotion": "embarrassment", "intensity": 70, "after": 35},
        {"emotion": "anger", "intensity": 60, "after": 20},
    ],
    "action": "我当场没说话，会后在团队群里发了一条语气很冲的消息。",
    "belief": "财务部就是想在领导面前让我们难堪。他们从来不理解我们有多忙。",
    "belief_strength": 80,
    "patterns": ["mind_reading", "overgeneralising"],
    "red_light": True,
    "evidence_for": "她是在会上公开说的，而不是私下提醒。",
    "evidence_against": "报销单确实晚了两次。王姐也点名了另外两个部门。上个季度她还帮我们纠正过一笔记账错误。",
    "helpful": "no",
    "green_thought": "王姐月底要结账，报销单晚交会影响她自己的考核。",
    "advice": "先弄清楚财务需要哪天收到、提醒是否有帮助，而不是猜她的动机。",
    "balanced_thought": "财务需要我们按时交单才能月结。她说的是一个我能解决的真实问题，而不是针对我。",
    "belief_strength_after": 30,
    "next_step": "周四问王姐哪天交最合适，并在截止前三天给团队设提醒。",
}

SPEC = ToolSpec(
    key="abcde",
    version=1,
    name=T("ABCDE reframing", "ABCDE 情绪转变"),
    summary=T("Turn a difficult moment into a balanced thought and a next step.",
              "把一次难受的经历，转成一个更平衡的想法和下一步行动。"),
    sections=SECTIONS,
    icon="abcde",
    title_field="event",
    examples={"en": EXAMPLE_EN, "zh_CN": EXAMPLE_ZH},
    figures=figures,
    order=10,
)
