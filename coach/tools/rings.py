"""Value rings (价值升维三环) — our interpretation of the course's idea.

Three rings: skill / task (what I am good at and must deliver), passion /
meaning (what I care about), value to others (what my internal customers
gain). Each is rated 0–10; the weakest ring gets one concrete action, and a
one-line mission statement ties the three together.
"""
from __future__ import annotations

from collections import Counter

from .base import Field, Figure, Section, T, ToolSpec, mean

RINGS = ("skill", "passion", "value")
RING_LABELS = {
    "skill": T("Skill / task", "能力 / 任务"),
    "passion": T("Passion / meaning", "热情 / 意义"),
    "value": T("Value to others", "对他人的价值"),
}

SECTIONS = (
    Section("rings", T("Rate the three rings", "为三个环打分"),
            T("0 = not at all, 10 = fully. Rate how your work looks these weeks, not how it should be.",
              "0 = 完全没有，10 = 完全做到。按最近几周的真实情况打分，而不是理想状态。"),
            (
                Field("picture", "custom", T("Your rings", "你的三环"), widget="value_rings"),
                Field("skill", "slider", RING_LABELS["skill"],
                      T("Am I able to do what my role asks, well and on time?", "我能否把岗位要求的事做好、按时完成？"),
                      min=0, max=10, required=True),
                Field("skill_note", "longtext", T("What makes the skill score", "能力这一环为什么是这个分数")),
                Field("passion", "slider", RING_LABELS["passion"],
                      T("Does the work mean something to me; do I look forward to parts of it?",
                        "这份工作对我有意义吗？我是否期待其中的某些部分？"),
                      min=0, max=10, required=True),
                Field("passion_note", "longtext", T("What makes the passion score", "热情这一环为什么是这个分数")),
                Field("value", "slider", RING_LABELS["value"],
                      T("Do my internal customers gain from what I do? Would they say so?",
                        "我的内部客户是否从我的工作中受益？他们会这样说吗？"),
                      min=0, max=10, required=True),
                Field("value_note", "longtext", T("What makes the value score", "价值这一环为什么是这个分数")),
            )),
    Section("action", T("Grow the weakest ring", "提升最弱的一环"),
            T("Pick one small, concrete action for the ring with the lowest score, then write one "
              "line that says why your work matters.",
              "为分数最低的一环选一个具体的小行动，再用一句话写下你的工作为什么重要。"),
            (
                Field("action", "longtext", T("One action for the weakest ring", "为最弱一环定一个行动"),
                      required=True,
                      placeholder=T("e.g. Ask two internal customers what would help them most next month",
                                    "例如：问两位内部客户，下个月什么对他们帮助最大")),
                Field("mission", "text", T("My one-line mission", "我的一句话使命"), required=True,
                      placeholder=T("e.g. I make month-end calm for the people who depend on our numbers.",
                                    "例如：让依赖我们数据的同事，月底不再手忙脚乱。")),
            ), context=("skill", "passion", "value")),
)


def weakest(data: dict) -> list[str]:
    """The ring key(s) with the lowest score (ties give several)."""
    scores = {k: data.get(k) for k in RINGS if isinstance(data.get(k), int)}
    if not scores:
        return []
    low = min(scores.values())
    return [k for k in RINGS if scores.get(k) == low]


def figures(entries: list[dict]) -> list[Figure]:
    out = []
    for key in RINGS:
        values = [d[key] for d in entries if isinstance(d.get(key), int)]
        out.append(Figure(f"avg_{key}", T(f"Average: {RING_LABELS[key].en}", f"平均：{RING_LABELS[key].zh_CN}"),
                          mean(values), "number", len(values)))
    counts = Counter(k for d in entries for k in weakest(d)[:1])
    text = None
    if counts:
        key = counts.most_common(1)[0][0]
        text = RING_LABELS[key]
    out.append(Figure("weakest", T("Most often the weakest ring", "最常是最弱的一环"), None, "text",
                      sum(counts.values()), text))
    if len(entries) >= 2:
        first, last = entries[0], entries[-1]
        deltas = [last[k] - first[k] for k in RINGS
                  if isinstance(first.get(k), int) and isinstance(last.get(k), int)]
        out.append(Figure("change", T("Change in the ring total since the first rating",
                                      "三环总分相比第一次的变化"),
                          float(sum(deltas)) if deltas else None, "points", len(entries)))
    return out


EXAMPLE_EN = {
    "skill": 8, "skill_note": "I close the monthly reports on time and know the system well.",
    "passion": 5, "passion_note": "The routine parts feel repetitive; training new colleagues is what I enjoy.",
    "value": 4, "value_note": "Sales say our reports arrive late for their planning meeting.",
    "action": "Ask the two sales leads what they need by which day, and move one report earlier as a trial.",
    "mission": "I turn our numbers into decisions my colleagues can make on time.",
}
EXAMPLE_ZH = {
    "skill": 8, "skill_note": "每月报表都能按时完成，对系统也很熟悉。",
    "passion": 5, "passion_note": "重复性的部分有些枯燥，带新同事是我最喜欢的事。",
    "value": 4, "value_note": "销售部说我们的报表赶不上他们的计划会。",
    "action": "问两位销售主管他们哪天需要什么数据，先试着把一份报表提前发出。",
    "mission": "把我们的数据变成同事们能及时做出的决定。",
}

SPEC = ToolSpec(
    key="rings",
    version=1,
    name=T("Value rings", "价值升维三环"),
    summary=T("Rate skill, meaning and value to others; grow the weakest ring.",
              "为能力、意义和对他人的价值打分，提升最弱的一环。"),
    sections=SECTIONS,
    icon="rings",
    title_field="mission",
    examples={"en": EXAMPLE_EN, "zh_CN": EXAMPLE_ZH},
    figures=figures,
    order=70,
)
