"""Pre-communication checklist, plan and template (沟通前准备清单 / 计划 / 协同沟通综合模板).

The course's rule: before, build the relationship first; during, change the
dialogue pattern; after, close the feedback loop. One entry walks through all
three: the nine-item checklist with what each item needs, a prediction of the
outcome and how worried I am, the 5W2H plan with an agenda and an opening
line, the intentions for the meeting itself, and the debrief with recap
actions that surface on Home until done.

If my own emotion is at or above :data:`GATE_THRESHOLD`, the form offers an
ABCDE entry first, linked to this plan (it never blocks).
"""
from __future__ import annotations

from datetime import date

from .. import i18n
from ..i18n import Text
from .base import (
    FOLLOWUPS_DONE_KEY,
    Choice,
    Field,
    Figure,
    FollowUpItem,
    Problem,
    Section,
    T,
    ToolSpec,
    mean,
    share,
)

GATE_THRESHOLD = 60  # own emotion at or above this: do an ABCDE first
WORRY_HIGH = 50  # worry at or above this counts as "worried" in the debrief figure

CHECKLIST = (
    Choice("goal", T("My goal and the smallest result I can accept", "我的目标和可接受的最低结果")),
    Choice("their_goals", T("Their goals, KPIs and pressure", "对方的目标、考核指标和压力")),
    Choice("their_gain", T("What is in it for them", "对方能得到什么好处")),
    Choice("relationship", T("Relationship temperature and one thing to warm it",
                             "关系温度，以及一件能让关系升温的事")),
    Choice("facts", T("Facts and data ready", "事实和数据已准备好")),
    Choice("channel", T("Channel, time and place chosen", "沟通方式、时间和地点已选好")),
    Choice("objections", T("Likely objections and my answers", "可能的反对意见和我的回应")),
    Choice("give_take", T("What I can give and what I cannot", "我能让什么、不能让什么")),
    Choice("emotion", T("My own emotion checked (ABCDE first if 60 or more)",
                        "检查过自己的情绪（60 及以上先做 ABCDE）")),
)

HABITS = (
    Choice("interrupting", T("Interrupting", "打断对方")),
    Choice("arguing_back", T("Arguing back before I understand", "没听懂就急着反驳")),
    Choice("blaming", T("Blaming (\"you always…\")", "指责（“你们总是……”）")),
    Choice("monologue", T("Talking only about my side", "只讲自己的立场")),
    Choice("vague_ask", T("Vague requests without owner or date", "要求含糊，没有负责人和时间")),
    Choice("giving_in", T("Giving in too quickly", "过快让步")),
    Choice("other", T("Other…", "其他…")),
)

OBJECTION_ROW = (
    Field("objection", "text", T("Objection", "反对意见"), required=True,
          placeholder=T("What they may say", "对方可能会说")),
    Field("answer", "text", T("My answer", "我的回应"),
          placeholder=T("How I will answer", "我会怎样回应")),
)

ACTION_ROW = (
    Field("text", "text", T("Action", "行动"), required=True,
          placeholder=T("What will be done", "要做的事")),
    Field("owner", "text", T("Owner", "负责人"), placeholder=T("Who", "谁来做")),
    Field("due", "date", T("Due", "截止")),
)
# Each row also carries "id", a stable key set by the form when the row is added
# (not a field: it is never shown, searched or exported), so a follow-up's done
# mark survives edits of the text and removal of other rows.

SECTIONS = (
    Section(
        "before", T("1 Before · goals", "1 会前 · 目标"),
        T("Build the relationship before the conversation. Start with how you feel about it now, "
          "then be clear about what you want and what they need.",
          "沟通之前先建立关系。先看看自己现在对这次沟通的情绪，再想清楚自己要什么、对方需要什么。"),
        (
            Field("my_emotion", "slider", T("My own emotion about this conversation right now",
                                            "我现在对这次沟通的情绪强度"),
                  T("0 = calm, 100 = the strongest you know. At 60 or more, an ABCDE first helps.",
                    "0 = 平静，100 = 你经历过的最强。60 及以上，建议先做一次 ABCDE。"),
                  min=0, max=100),
            Field("emotion_gate", "custom", T("Emotion check", "情绪检查"), widget="emotion_gate"),
            Field("my_goal", "longtext", T("My goal", "我的目标"), required=True,
                  placeholder=T("e.g. Production confirms a delivery date for order 4711 that sales "
                                "can promise the customer.",
                                "例如：生产部确认 4711 订单的交期，销售可以据此答复客户。")),
            Field("min_result", "text", T("The smallest result I can accept", "我能接受的最低结果")),
            Field("their_goals", "longtext", T("Their goals, KPIs and pressure",
                                               "对方的目标、考核指标和压力")),
            Field("their_gain", "text", T("What is in it for them", "对方能得到什么好处")),
            Field("temp_before", "rating", T("Relationship temperature now (1 = cold, 5 = warm)",
                                             "现在的关系温度（1 = 冷淡，5 = 融洽）"),
                  min=1, max=5, required=True),
            Field("warm_step", "text", T("One thing I will do to warm it", "我会做的一件让关系升温的事")),
        ),
    ),
    Section(
        "ready", T("2 Before · readiness", "2 会前 · 准备"),
        T("Get the facts, the answers to likely objections and your room to move ready; predict "
          "how it will go; then tick off the checklist.",
          "准备好事实、对可能反对意见的回应和自己的让步空间；预测一下结果；最后逐项核对清单。"),
        (
            Field("facts", "longtext", T("Facts and data I will bring", "我会带上的事实和数据")),
            Field("objections", "rows", T("Likely objections and my answers",
                                          "可能的反对意见和我的回应"), fields=OBJECTION_ROW),
            Field("can_give", "text", T("What I can give", "我能让步的")),
            Field("cannot_give", "text", T("What I cannot give", "我不能让步的")),
            Field("predicted_outcome", "rating",
                  T("How I predict it will go (1 = badly, 5 = very well)",
                    "我预测的结果（1 = 很差，5 = 很好）"),
                  min=1, max=5, required=True),
            Field("worry", "slider", T("How worried I am", "我有多担心"),
                  T("You will compare this with what actually happened.",
                    "会后你会拿它和实际结果对比。"),
                  min=0, max=100),
            Field("checklist", "checklist", T("Checklist before the conversation", "会前准备清单"),
                  T("Mark each item done, or not needed for this conversation.",
                    "逐项标记：已完成，或这次不需要。"),
                  choices=CHECKLIST),
        ),
        context=("my_goal",),
    ),
    Section(
        "plan", T("3 Plan · 5W2H", "3 计划 · 5W2H"),
        T("Plan the conversation itself. The agenda and the opening line go on the one-page "
          "agenda you can copy or print.",
          "规划这次沟通本身。议程和开场白会出现在可复制、可打印的一页议程上。"),
        (
            Field("why", "text", T("Why (the purpose)", "Why 为什么（目的）")),
            Field("what", "text", T("What (the topic and the ask)", "What 谈什么（主题和请求）")),
            Field("who", "text", T("Who (takes part)", "Who 谁参加")),
            Field("when", "text", T("When", "When 何时")),
            Field("where", "text", T("Where / which channel", "Where 在哪里 / 用什么方式")),
            Field("how", "text", T("How (the approach)", "How 怎么谈（方式）")),
            Field("how_much", "text", T("How much (time, budget, quantities)",
                                        "How much 多少（时间、预算、数量）")),
            Field("agenda", "longtext", T("Agenda", "议程"),
                  placeholder=T("One point per line", "每行一项")),
            Field("opening", "text", T("My opening line", "我的开场白"),
                  placeholder=T("e.g. We both want order 4711 to ship without overtime…",
                                "例如：我们都希望 4711 订单能不加班按时出货……")),
            Field("agenda_tools", "custom", T("One-page agenda", "一页议程"), widget="agenda_tools"),
        ),
        context=("my_goal",),
    ),
    Section(
        "during", T("4 During", "4 会中"),
        T("Change the dialogue pattern: open with the goal you share, watch the one habit you "
          "want to change, and summarise the agreements before you leave.",
          "改变对话模式：用共同目标开场，留意你想改掉的一个习惯，离开前把达成的共识总结一遍。"),
        (
            Field("shared_goal", "text", T("The shared goal I will open with", "我用来开场的共同目标")),
            Field("habit", "choice", T("The dialogue habit I will change", "我要改变的对话习惯"),
                  choices=HABITS, allow_other=True),
            Field("habit_instead", "text", T("What I will do instead", "我会改成怎样做")),
            Field("agreements", "longtext", T("Agreements summarised before leaving",
                                              "离开前总结的共识")),
        ),
        context=("opening",),
    ),
    Section(
        "after", T("5 After · close the loop", "5 会后 · 闭环"),
        T("Send a recap within 24 hours with an owner and a due date for each action, set a "
          "follow-up date, ask for feedback, and compare the outcome with your prediction. Open "
          "actions stay on Home until you mark them done.",
          "24 小时内发出会议纪要，每项行动都写明负责人和截止日期；定一个跟进日期；请对方给反馈；"
          "再把结果和你的预测对比。未完成的行动会一直显示在首页，直到你标记完成。"),
        (
            Field("recap_sent", "bool", T("Recap sent within 24 hours", "24 小时内已发出纪要")),
            Field("recap_actions", "rows", T("Actions in the recap", "纪要中的行动项"),
                  fields=ACTION_ROW, widget="action_rows"),
            Field("followup_date", "date", T("Follow-up date", "跟进日期")),
            Field("feedback_asked", "bool", T("I asked them for feedback", "我请对方给了反馈")),
            Field("actual_outcome", "rating", T("How it actually went (1 = badly, 5 = very well)",
                                                "实际结果（1 = 很差，5 = 很好）"),
                  min=1, max=5, required=True),
            Field("debrief", "custom", T("Prediction and outcome", "预测与结果"), widget="debrief"),
            Field("temp_after", "rating", T("Relationship temperature after (1 = cold, 5 = warm)",
                                            "会后的关系温度（1 = 冷淡，5 = 融洽）"),
                  min=1, max=5, required=True),
            Field("lessons", "longtext", T("What I will keep or change next time",
                                           "下次保持或改变的做法")),
        ),
        context=("my_goal",),
    ),
)


# --- rules ---------------------------------------------------------------------------

def needs_abcde(data: dict) -> bool:
    """The emotion gate: my own emotion is at or above the threshold."""
    value = data.get("my_emotion")
    return isinstance(value, int) and not isinstance(value, bool) and value >= GATE_THRESHOLD


MSG_ACTION_OWNER = T("Each action in the recap needs an owner and a due date.",
                     "纪要中的每项行动都需要负责人和截止日期。")


def rules(data: dict) -> list[Problem]:
    """Course rule: every recap action names an owner and a due date."""
    problems = []
    rows = data.get("recap_actions")
    if isinstance(rows, list):
        for i, row in enumerate(rows):
            if not isinstance(row, dict) or not str(row.get("text") or "").strip():
                continue
            if not str(row.get("owner") or "").strip():
                problems.append(Problem(f"recap_actions.{i}.owner", MSG_ACTION_OWNER))
            elif not row.get("due"):
                problems.append(Problem(f"recap_actions.{i}.due", MSG_ACTION_OWNER))
    return problems


# --- follow-ups ------------------------------------------------------------------------

FOLLOWUP_DATE_KEY = "followup_date"


def action_key(row: dict, index: int) -> str:
    """Stable key of a recap action: its row id, or its position when it has none."""
    row_id = str(row.get("id") or "").strip()
    return f"action:{row_id}" if row_id else f"action:#{index}"


def _iso_or_none(value) -> str | None:
    try:
        return date.fromisoformat(value).isoformat() if isinstance(value, str) else None
    except ValueError:
        return None


def followups(data: dict) -> list[FollowUpItem]:
    """Each recap action with text, and the follow-up date (an item without text:
    Home shows it as a check-in on the plan itself)."""
    items = []
    rows = data.get("recap_actions")
    for i, row in enumerate(rows if isinstance(rows, list) else []):
        if not isinstance(row, dict):
            continue
        text = " ".join(str(row.get("text") or "").split())
        if not text:
            continue
        items.append(FollowUpItem(action_key(row, i), text, " ".join(str(row.get("owner") or "").split()),
                                  _iso_or_none(row.get("due"))))
    when = _iso_or_none(data.get("followup_date"))
    if when:
        items.append(FollowUpItem(FOLLOWUP_DATE_KEY, "", "", when))
    return items


# --- figures ---------------------------------------------------------------------------

def _int(data: dict, key: str) -> int | None:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def preparation(data: dict) -> float:
    """Share of the nine checklist items marked done or not needed."""
    marks = data.get("checklist") if isinstance(data.get("checklist"), dict) else {}
    ready = sum(1 for c in CHECKLIST if marks.get(c.key) in ("done", "not_needed"))
    return ready / len(CHECKLIST)


def loop_closed(data: dict) -> bool:
    """Recap sent and every recap action marked done on Home."""
    if data.get("recap_sent") is not True:
        return False
    done = data.get(FOLLOWUPS_DONE_KEY) if isinstance(data.get(FOLLOWUPS_DONE_KEY), dict) else {}
    keys = [item.key for item in followups(data) if item.key != FOLLOWUP_DATE_KEY]
    return all(done.get(k) is True for k in keys)


def outcome_gap(data: dict) -> int | None:
    """Actual minus predicted outcome (positive: better than expected)."""
    predicted, actual = _int(data, "predicted_outcome"), _int(data, "actual_outcome")
    return actual - predicted if predicted is not None and actual is not None else None


def temperature_change(data: dict) -> int | None:
    before, after = _int(data, "temp_before"), _int(data, "temp_after")
    return after - before if before is not None and after is not None else None


def worry_overestimated(data: dict) -> bool | None:
    """For a meeting I was worried about (worry >= 50): did it go as well as
    predicted or better? None when I was not worried or it is not debriefed."""
    worry, gap = _int(data, "worry"), outcome_gap(data)
    if worry is None or gap is None or worry < WORRY_HIGH:
        return None
    return gap >= 0


def debrief(data: dict) -> Text | None:
    """One sentence comparing the outcome with the prediction."""
    predicted, actual = _int(data, "predicted_outcome"), _int(data, "actual_outcome")
    if predicted is None or actual is None:
        return None
    gap = actual - predicted
    if gap > 0:
        text = T(f"Predicted {predicted}, actual {actual}: better than you expected.",
                 f"预测 {predicted}，实际 {actual}：比你预想的好。")
    elif gap < 0:
        text = T(f"Predicted {predicted}, actual {actual}: worse than you expected.",
                 f"预测 {predicted}，实际 {actual}：比你预想的差。")
    else:
        text = T(f"Predicted {predicted}, actual {actual}: as you expected.",
                 f"预测 {predicted}，实际 {actual}：和你预想的一样。")
    if worry_overestimated(data):
        worry = _int(data, "worry")
        text = T(text.en + f" Your worry of {worry} was larger than the outcome warranted.",
                 text.zh_CN + f"你 {worry} 的担心比实际需要的大。")
    return text


def figures(entries: list[dict]) -> list[Figure]:
    gaps = [g for g in (outcome_gap(d) for d in entries) if g is not None]
    outcomes = [v for v in (_int(d, "actual_outcome") for d in entries) if v is not None]
    temps = [t for t in (temperature_change(d) for d in entries) if t is not None]
    worried = [w for w in (worry_overestimated(d) for d in entries) if w is not None]
    return [
        Figure("preparation", T("Preparation completeness (checklist items done or not needed)",
                                "准备完整度（清单中已完成或不需要的项目占比）"),
               mean(preparation(d) for d in entries), "percent", len(entries)),
        Figure("loop_closed", T("Loop closed (recap sent and every action done)",
                                "闭环率（已发纪要且所有行动已完成）"),
               share(loop_closed(d) for d in entries), "percent", len(entries)),
        Figure("outcome", T("Average outcome (1–5)", "平均结果（1–5）"),
               mean(outcomes), "number", len(outcomes)),
        Figure("outcome_gap", T("Outcome compared with prediction (actual − predicted)",
                                "结果与预测之差（实际 − 预测）"),
               mean(gaps), "points", len(gaps)),
        Figure("temperature_change", T("Relationship temperature change (after − before)",
                                       "关系温度变化（会后 − 会前）"),
               mean(temps), "points", len(temps)),
        Figure("worry_overestimated",
               T("Worry larger than warranted: of the meetings you worried about (worry ≥ 50), "
                 "the share that went as well as predicted or better",
                 "担心多余：在你担心的沟通中（担心 ≥ 50），结果达到或好于预测的比例"),
               share(worried), "percent", len(worried)),
    ]


# --- the one-page agenda ------------------------------------------------------------------

AGENDA_FIELDS = ("why", "what", "who", "when", "where", "how", "how_much")


def agenda(data: dict, title: str = "", lang: str | None = None) -> tuple[str, list[tuple[str, list[str]]]]:
    """The plan as a one-page agenda: a heading and (label, lines) blocks."""
    lang = lang or i18n.current()
    fields = {f.key: f for s in SECTIONS for f in s.fields}

    def clean(value) -> str:
        return str(value).strip() if isinstance(value, str) else ""

    heading = (" ".join(title.split()) or " ".join(clean(data.get("what")).split())
               or " ".join(clean(data.get("my_goal")).split())
               or i18n.tr("precomm.agenda_heading", lang=lang))
    blocks: list[tuple[str, list[str]]] = []
    if clean(data.get("my_goal")):
        blocks.append((fields["my_goal"].label.get(lang), clean(data["my_goal"]).splitlines()))
    colon = "：" if lang == "zh_CN" else ": "
    plan = [f"{fields[k].label.get(lang)}{colon}{clean(data.get(k))}" for k in AGENDA_FIELDS
            if clean(data.get(k))]
    if plan:
        blocks.append(("5W2H", plan))
    if clean(data.get("opening")):
        blocks.append((fields["opening"].label.get(lang), [clean(data["opening"])]))
    items = [ln.strip() for ln in clean(data.get("agenda")).splitlines() if ln.strip()]
    if items:
        blocks.append((fields["agenda"].label.get(lang),
                       [f"{i}. {item}" for i, item in enumerate(items, 1)]))
    objections = [r for r in data.get("objections") or []
                  if isinstance(r, dict) and clean(r.get("objection"))]
    if objections:
        blocks.append((fields["objections"].label.get(lang),
                       [f"- {clean(r['objection'])}"
                        + (f" → {clean(r.get('answer'))}" if clean(r.get("answer")) else "")
                        for r in objections]))
    if clean(data.get("min_result")):
        blocks.append((fields["min_result"].label.get(lang), [clean(data["min_result"])]))
    return heading, blocks


def agenda_text(data: dict, title: str = "", lang: str | None = None) -> str:
    """The one-page agenda as plain text (for the clipboard)."""
    heading, blocks = agenda(data, title, lang)
    lines = [heading, "=" * 24]
    for label, body in blocks:
        lines += ["", label] + [f"  {line}" for line in body]
    return "\n".join(lines) + "\n"


# --- worked examples -------------------------------------------------------------------------

EXAMPLE_EN = {
    "my_emotion": 45,
    "my_goal": "Production confirms a delivery date for order 4711 (1,200 control units) that "
               "sales can promise the customer by Friday.",
    "min_result": "A firm date for a first partial delivery of 600 units.",
    "their_goals": "Production is measured on line utilisation and overtime hours; line 2 is "
                   "booked until the 20th and overtime is already over budget this quarter.",
    "their_gain": "A fixed date now saves them two rush re-plans later, and sales will stop "
                  "calling the shift leader directly.",
    "temp_before": 2,
    "warm_step": "Thank Zhou on Monday for last month's rescue of order 4533.",
    "facts": "Customer forecast for Q3, the 4533 delivery record, line 2 load for the next "
             "four weeks (from the MES export).",
    "objections": [
        {"objection": "Line 2 is fully booked.",
         "answer": "Could the 600-unit partial run on line 3 during the day shift?"},
        {"objection": "Sales always changes quantities at the last minute.",
         "answer": "I will freeze the quantity in writing once we agree on the date."},
    ],
    "can_give": "Freeze the quantity; accept two partial deliveries; take the packaging work "
                "to our warehouse.",
    "cannot_give": "Move the final date beyond the 28th: the customer's line stops then.",
    "predicted_outcome": 2,
    "worry": 70,
    "checklist": {"goal": "done", "their_goals": "done", "their_gain": "done",
                  "relationship": "done", "facts": "done", "channel": "done",
                  "objections": "done", "give_take": "done", "emotion": "done"},
    "why": "Give the customer a date we can keep.",
    "what": "Delivery date for order 4711 and a possible partial delivery.",
    "who": "Zhou (Production planning), me; Liu (Sales) for the last ten minutes.",
    "when": "Tuesday 10:00, 30 minutes.",
    "where": "Production office, in person.",
    "how": "Start from their line load, then look for a partial delivery together.",
    "how_much": "1,200 units; at most 4 hours of overtime.",
    "agenda": "Where line 2 stands for the next four weeks\nWhat the customer really needs by "
              "when\nOptions: partial delivery, line 3, overtime\nAgree date, owners, recap",
    "opening": "We both want 4711 to ship without another weekend shift — can we look at "
               "the line plan together first?",
    "shared_goal": "Ship 4711 on time without another weekend shift.",
    "habit": "arguing_back",
    "habit_instead": "Ask one question about their constraint before I answer.",
    "agreements": "600 units on the 18th from line 3; the rest on the 26th; quantity frozen today.",
    "recap_sent": True,
    "recap_actions": [
        {"id": "a1", "text": "Send the frozen quantity in writing", "owner": "Me", "due": "2026-06-09"},
        {"id": "a2", "text": "Book line 3 for the partial run", "owner": "Zhou",
         "due": "2026-06-11"},
        {"id": "a3", "text": "Tell the customer both dates", "owner": "Liu", "due": "2026-06-10"},
    ],
    "followup_date": "2026-06-16",
    "feedback_asked": True,
    "actual_outcome": 4,
    "temp_after": 4,
    "lessons": "Starting from their line plan changed the tone within five minutes.",
}

EXAMPLE_ZH = {
    "my_emotion": 45,
    "my_goal": "和生产部确认 4711 订单（1200 台控制器）的交期，让销售周五前能答复客户。",
    "min_result": "至少确定首批 600 台的交货日期。",
    "their_goals": "生产部考核产线利用率和加班工时；2 号线排产到 20 号，本季度加班已经超预算。",
    "their_gain": "现在定下交期，能省掉后面两次紧急插单；销售也不会再直接打电话给班组长。",
    "temp_before": 2,
    "warm_step": "周一先当面感谢周工上个月帮忙抢救 4533 订单。",
    "facts": "第三季度客户预测、4533 订单的交付记录、2 号线未来四周的负荷（MES 导出）。",
    "objections": [
        {"objection": "2 号线已经排满了。", "answer": "首批 600 台能否在 3 号线白班生产？"},
        {"objection": "销售老是最后一刻改数量。", "answer": "定下交期后，我书面冻结数量。"},
    ],
    "can_give": "冻结数量；接受分两批交货；包装工作拿到我们仓库做。",
    "cannot_give": "最终交期不能晚于 28 号，否则客户产线会停。",
    "predicted_outcome": 2,
    "worry": 70,
    "checklist": {"goal": "done", "their_goals": "done", "their_gain": "done",
                  "relationship": "done", "facts": "done", "channel": "done",
                  "objections": "done", "give_take": "done", "emotion": "done"},
    "why": "给客户一个我们守得住的交期。",
    "what": "4711 订单的交期，以及是否分批交货。",
    "who": "生产计划周工、我；最后十分钟请销售刘经理加入。",
    "when": "周二 10:00，30 分钟。",
    "where": "生产部办公室，当面谈。",
    "how": "先从他们的产线负荷谈起，再一起找分批交货的办法。",
    "how_much": "1200 台；加班最多 4 小时。",
    "agenda": "2 号线未来四周的情况\n客户到底哪天需要多少\n方案：分批交货、3 号线、加班\n确定日期、负责人，会后发纪要",
    "opening": "我们都希望 4711 能按时出货、不用再加周末班——能不能先一起看看排产计划？",
    "shared_goal": "4711 按时出货，不再加周末班。",
    "habit": "arguing_back",
    "habit_instead": "回应之前，先就对方的限制问一个问题。",
    "agreements": "18 号 3 号线出 600 台；其余 26 号交；数量今天冻结。",
    "recap_sent": True,
    "recap_actions": [
        {"id": "a1", "text": "书面发出冻结后的数量", "owner": "我", "due": "2026-06-09"},
        {"id": "a2", "text": "预订 3 号线做首批生产", "owner": "周工", "due": "2026-06-11"},
        {"id": "a3", "text": "把两个交货日期告诉客户", "owner": "刘经理", "due": "2026-06-10"},
    ],
    "followup_date": "2026-06-16",
    "feedback_asked": True,
    "actual_outcome": 4,
    "temp_after": 4,
    "lessons": "从对方的排产计划谈起，五分钟内气氛就变了。",
}

SPEC = ToolSpec(
    key="precomm",
    version=1,
    name=T("Conversation plan", "沟通前准备"),
    summary=T("Prepare a cross-department conversation, plan it with 5W2H, and close the loop "
              "afterwards.",
              "为一次跨部门沟通做准备，用 5W2H 规划，会后把反馈闭环。"),
    sections=SECTIONS,
    icon="precomm",
    title_field="what",
    examples={"en": EXAMPLE_EN, "zh_CN": EXAMPLE_ZH},
    rules=rules,
    figures=figures,
    followups=followups,
    order=40,
)
