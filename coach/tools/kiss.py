"""KISS review (复盘): Keep / Improve / Stop / Start for a period or a project.

Each list holds items with an owner, a due date and a measure. A new review
pulls in the previous review's items so they can be marked done, which gives
the completion rate.
"""
from __future__ import annotations

from .base import Choice, Field, Figure, Section, T, ToolSpec, mean, share

LISTS = (
    Choice("keep", T("Keep", "保持 Keep")),
    Choice("improve", T("Improve", "改进 Improve")),
    Choice("stop", T("Stop", "停止 Stop")),
    Choice("start", T("Start", "开始 Start")),
)

SCOPES = (
    Choice("period", T("A period", "一段时间")),
    Choice("project", T("A project", "一个项目")),
)


def _item_fields() -> tuple[Field, ...]:
    return (
        Field("text", "text", T("Item", "事项"), required=True),
        Field("owner", "text", T("Owner", "负责人")),
        Field("due", "date", T("Due", "截止日期")),
        Field("measure", "text", T("How we will know", "衡量标准")),
    )


def _list_field(key: str, label: T, help_text: T) -> Field:
    return Field(key, "rows", label, help_text, fields=_item_fields())


SECTIONS = (
    Section("scope", T("What we review", "复盘对象"),
            T("Name the period or project and how it went overall.", "写下复盘的时间段或项目，以及整体感受。"),
            (
                Field("scope", "choice", T("Reviewing", "复盘的是"), choices=SCOPES, required=True),
                Field("subject", "text", T("Period or project", "时间段或项目名称"), required=True,
                      placeholder=T("e.g. Q3 month-end close with Finance", "例如：第三季度与财务部的月结协作")),
                Field("rating", "rating", T("Overall rating of the period (1–10)", "这段时间的整体评分（1–10）"),
                      min=1, max=10, required=True),
            )),
    Section("previous", T("Last time's items", "上次的事项"),
            T("Items from your previous review. Tick the ones that were done.",
              "上一次复盘留下的事项。勾选已经完成的。"),
            (
                Field("previous_items", "rows", T("Items from the last review", "上次复盘的事项"), fields=(
                    Field("list", "choice", T("List", "类别"), choices=LISTS),
                    Field("text", "text", T("Item", "事项")),
                    Field("owner", "text", T("Owner", "负责人")),
                    Field("done", "bool", T("Done", "已完成")),
                )),
            )),
    Section("kiss", T("Keep · Improve · Stop · Start", "保持 · 改进 · 停止 · 开始"),
            T("One concrete item per row, with who owns it, by when, and how you will know it worked.",
              "每行写一个具体事项，并写明谁负责、何时完成、如何判断做到了。"),
            (
                _list_field("keep", T("Keep — what worked and should continue", "保持 — 有效、应该继续的做法"),
                            T("e.g. Sending the agenda a day ahead", "例如：提前一天发会议议程")),
                _list_field("improve", T("Improve — what worked partly", "改进 — 部分有效、需要改善的"),
                            T("e.g. Shorter status reports", "例如：把进度汇报写得更简短")),
                _list_field("stop", T("Stop — what to give up", "停止 — 应该放弃的做法"),
                            T("e.g. Forwarding complaints without context", "例如：不加说明地直接转发投诉")),
                _list_field("start", T("Start — what to try next", "开始 — 接下来要尝试的"),
                            T("e.g. A 15-minute check-in with the warehouse every Monday",
                              "例如：每周一与仓库做 15 分钟碰头")),
            )),
)

ITEM_LISTS = ("keep", "improve", "stop", "start")


def items_of(data: dict) -> list[dict]:
    out = []
    for key in ITEM_LISTS:
        for row in data.get(key) or []:
            if isinstance(row, dict) and str(row.get("text") or "").strip():
                out.append({"list": key, **row})
    return out


def start_data(previous: list[dict]) -> dict:
    """A new review starts with the last review's items to mark done."""
    if not previous:
        return {}
    carried = [{"list": item["list"], "text": item.get("text", ""), "owner": item.get("owner", ""),
                "done": False} for item in items_of(previous[0])]
    return {"previous_items": carried} if carried else {}


def completion_rate(data: dict) -> float | None:
    rows = [r for r in data.get("previous_items") or [] if isinstance(r, dict)]
    return share(bool(r.get("done")) for r in rows)


def figures(entries: list[dict]) -> list[Figure]:
    rates = [r for r in (completion_rate(d) for d in entries) if r is not None]
    return [
        Figure("reviews", T("Reviews done", "已完成的复盘"), float(len(entries)) if entries else None,
               "number", len(entries)),
        Figure("rating", T("Average period rating (1–10)", "平均整体评分（1–10）"),
               mean(d.get("rating") for d in entries if isinstance(d.get("rating"), int)), "number",
               len(entries)),
        Figure("completion", T("Last review's items done", "上次复盘事项的完成率"), mean(rates), "percent",
               len(rates)),
        Figure("items", T("Items per review", "每次复盘的事项数"),
               mean(len(items_of(d)) for d in entries), "number", len(entries)),
    ]


EXAMPLE_EN = {
    "scope": "period", "subject": "October: month-end close with Finance", "rating": 6,
    "previous_items": [
        {"list": "start", "text": "Send expense reports by the 25th", "owner": "me", "done": True},
        {"list": "stop", "text": "Arguing about deadlines in the group chat", "owner": "me", "done": False},
    ],
    "keep": [{"text": "Reminder to the team three days before the deadline", "owner": "me",
              "measure": "No late reports in November"}],
    "improve": [{"text": "Explain rejected receipts to colleagues in one message", "owner": "Chen",
                 "due": "2026-11-30", "measure": "Fewer follow-up questions"}],
    "stop": [{"text": "Arguing about deadlines in the group chat", "owner": "me",
              "measure": "Questions go to a call instead"}],
    "start": [{"text": "15-minute check-in with Wang from Finance every month-end", "owner": "me",
               "due": "2026-11-28", "measure": "Held three months in a row"}],
}

EXAMPLE_ZH = {
    "scope": "period", "subject": "十月：与财务部的月结协作", "rating": 6,
    "previous_items": [
        {"list": "start", "text": "每月 25 日前提交报销单", "owner": "我", "done": True},
        {"list": "stop", "text": "在群里争论截止时间", "owner": "我", "done": False},
    ],
    "keep": [{"text": "截止前三天提醒团队", "owner": "我", "measure": "十一月没有晚交"}],
    "improve": [{"text": "被退回的单据用一条消息向同事说明清楚", "owner": "小陈", "due": "2026-11-30",
                 "measure": "追问的次数减少"}],
    "stop": [{"text": "在群里争论截止时间", "owner": "我", "measure": "有疑问改为打电话沟通"}],
    "start": [{"text": "每个月底与财务部王姐碰头 15 分钟", "owner": "我", "due": "2026-11-28",
               "measure": "连续三个月做到"}],
}

SPEC = ToolSpec(
    key="kiss",
    version=1,
    name=T("KISS review", "KISS 复盘"),
    summary=T("Look back on a period or project: what to keep, improve, stop and start.",
              "回顾一段时间或一个项目：哪些保持、改进、停止、开始。"),
    sections=SECTIONS,
    icon="kiss",
    title_field="subject",
    examples={"en": EXAMPLE_EN, "zh_CN": EXAMPLE_ZH},
    figures=figures,
    order=60,
    start_data=start_data,
)
