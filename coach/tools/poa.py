"""POA organisational action (组织协同行动力): objective, partners, strategies.

The objective is written twice: as first stated, and upgraded once the
partners' interests are known. Partners carry their interest, how much the
objective resonates with them (1-5) and their commitment stage; strategies
carry an owner, a date and a status.
"""
from __future__ import annotations

from .base import Choice, Field, Figure, Section, T, ToolSpec, mean, share

COMMITMENT = (
    Choice("unaware", T("Unaware", "尚不知情")),
    Choice("informed", T("Informed", "已知情")),
    Choice("agreed", T("Agreed", "已认同")),
    Choice("active", T("Actively helping", "积极参与")),
)
STATUS = (
    Choice("planned", T("Planned", "计划中")),
    Choice("doing", T("In progress", "进行中")),
    Choice("done", T("Done", "已完成")),
    Choice("dropped", T("Dropped", "已放弃")),
)

SECTIONS = (
    Section("objective", T("Objective", "目标"),
            T("Write the objective as you first see it. After thinking about your partners, upgrade it so "
              "that it also serves what they care about.",
              "先写下你最初想到的目标。想清楚伙伴们关心什么之后，再把它升级为也能满足他们利益的目标。"),
            (
                Field("objective", "longtext", T("Objective as first stated", "最初的目标"), required=True,
                      placeholder=T("e.g. Get IT to fix our reporting tool this quarter",
                                    "例如：让 IT 部本季度修好我们的报表工具")),
                Field("objective_upgraded", "longtext", T("Upgraded objective", "升级后的目标"),
                      placeholder=T("e.g. Cut month-end manual work for Sales, Finance and IT by half",
                                    "例如：让销售、财务和 IT 的月底手工工作量减半")),
            )),
    Section("partners", T("Partners", "伙伴"),
            T("Who can help or block it? What is in it for each of them, and how far along are they?",
              "谁能帮忙，谁可能阻碍？每个人能从中得到什么？他们目前处于哪个阶段？"),
            (
                Field("partners", "rows", T("Partners", "伙伴"), required=True, fields=(
                    Field("name", "text", T("Name or role", "姓名或角色"), required=True),
                    Field("interest", "text", T("Their interest", "对方的利益点")),
                    Field("resonance", "rating", T("Resonance", "共鸣度"), min=1, max=5),
                    Field("commitment", "choice", T("Commitment", "投入阶段"), choices=COMMITMENT),
                )),
                Field("partner_map", "custom", T("Partners by commitment", "伙伴投入阶段图"), widget="poa_partners"),
            )),
    Section("strategies", T("Strategies", "策略"),
            T("What will move each partner one stage further? Give every strategy an owner and a date.",
              "怎样让每位伙伴再前进一个阶段？每条策略都写明负责人和日期。"),
            (
                Field("strategies", "rows", T("Strategies", "策略"), fields=(
                    Field("what", "text", T("Strategy", "策略"), required=True),
                    Field("owner", "text", T("Owner", "负责人")),
                    Field("date", "date", T("Date", "日期")),
                    Field("status", "choice", T("Status", "状态"), choices=STATUS),
                )),
            ), context=("objective", "objective_upgraded")),
)


def partners_by_stage(data: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {c.key: [] for c in COMMITMENT}
    for row in data.get("partners") or []:
        if isinstance(row, dict) and str(row.get("name") or "").strip():
            stage = row.get("commitment") if row.get("commitment") in out else "unaware"
            out[stage].append(str(row["name"]))
    return out


def figures(entries: list[dict]) -> list[Figure]:
    partners = [r for d in entries for r in (d.get("partners") or []) if isinstance(r, dict)]
    strategies = [r for d in entries for r in (d.get("strategies") or []) if isinstance(r, dict)]
    live = [r for r in strategies if r.get("status") != "dropped"]
    return [
        Figure("plans", T("Action plans", "行动计划数"), float(len(entries)) if entries else None, "number",
               len(entries)),
        Figure("committed", T("Partners who agreed or help actively", "已认同或积极参与的伙伴"),
               share(r.get("commitment") in ("agreed", "active") for r in partners), "percent", len(partners)),
        Figure("resonance", T("Average resonance (1–5)", "平均共鸣度（1–5）"),
               mean(r["resonance"] for r in partners if isinstance(r.get("resonance"), int)), "number",
               len(partners)),
        Figure("strategies_done", T("Strategies done", "已完成的策略"),
               share(r.get("status") == "done" for r in live), "percent", len(live)),
        Figure("upgraded", T("Objectives upgraded", "升级过目标的计划"),
               share(bool(str(d.get("objective_upgraded") or "").strip()) for d in entries), "percent",
               len(entries)),
    ]


EXAMPLE_EN = {
    "objective": "Get IT to fix the broken export in our reporting tool this quarter.",
    "objective_upgraded": "Halve the manual month-end work that Sales, Finance and IT each do around the "
                          "reporting tool, starting with the export.",
    "partners": [
        {"name": "Zhou (IT lead)", "interest": "Fewer urgent tickets at month-end", "resonance": 3,
         "commitment": "informed"},
        {"name": "Wang (Finance)", "interest": "Closing the books a day earlier", "resonance": 5,
         "commitment": "active"},
        {"name": "Sales operations", "interest": "Reliable numbers for the Monday meeting", "resonance": 4,
         "commitment": "agreed"},
    ],
    "strategies": [
        {"what": "Count the hours lost to the export in October with Finance", "owner": "me",
         "date": "2026-11-20", "status": "done"},
        {"what": "Show Zhou the ticket count his team would save", "owner": "me", "date": "2026-11-27",
         "status": "doing"},
    ],
}
EXAMPLE_ZH = {
    "objective": "让 IT 部本季度修好报表工具里坏掉的导出功能。",
    "objective_upgraded": "从导出功能入手，让销售、财务和 IT 三方在报表工具上的月底手工工作量都减半。",
    "partners": [
        {"name": "周工（IT 主管）", "interest": "月底紧急工单变少", "resonance": 3, "commitment": "informed"},
        {"name": "王姐（财务部）", "interest": "提前一天完成结账", "resonance": 5, "commitment": "active"},
        {"name": "销售运营组", "interest": "周一例会有可靠的数据", "resonance": 4, "commitment": "agreed"},
    ],
    "strategies": [
        {"what": "和财务一起统计十月因导出问题损失的工时", "owner": "我", "date": "2026-11-20", "status": "done"},
        {"what": "给周工看他的团队能少处理多少工单", "owner": "我", "date": "2026-11-27", "status": "doing"},
    ],
}

SPEC = ToolSpec(
    key="poa",
    version=1,
    name=T("POA action plan", "POA 协同行动"),
    summary=T("Objective, partners and strategies: move people from unaware to actively helping.",
              "目标 + 伙伴 + 策略：让伙伴从不知情走到积极参与。"),
    sections=SECTIONS,
    icon="poa",
    title_field="objective",
    examples={"en": EXAMPLE_EN, "zh_CN": EXAMPLE_ZH},
    figures=figures,
    order=80,
)
