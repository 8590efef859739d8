"""让内部客户给我打分: colleagues rate my internal service (SERVQUAL-style).

The user keeps a short form about one service they provide: our own
statements (2–4 for each of the five dimensions), rated by colleagues from 1
to 7 twice — what they expect and what they get — plus comments sorted as
pain / delight / wish. The importance of the dimensions is a 100-point split.

Colleagues fill a single self-contained HTML page (no install, no network)
that saves their answers to a small JSON file they send back; the user
imports those files. Ratings are shown only as aggregates of three or more
answers. Each entry is one round; rounds are compared.
"""
from __future__ import annotations

import json
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .base import Choice, Field, Figure, Problem, Section, T, ToolSpec, mean

DIMENSIONS = (
    Choice("tangibles", T("Tangibles", "有形性"),
           T("What people can see: documents, tools, how things are presented.", "看得见的部分：文档、工具、呈现方式。")),
    Choice("reliability", T("Reliability", "可靠性"),
           T("Doing what was promised, right the first time.", "说到做到，一次做对。")),
    Choice("responsiveness", T("Responsiveness", "响应性"),
           T("Willingness to help and speed of reply.", "乐于帮忙，回应及时。")),
    Choice("assurance", T("Assurance", "保证性"),
           T("Competence and courtesy that create trust.", "专业和礼貌带来的信任。")),
    Choice("empathy", T("Empathy", "移情性"),
           T("Understanding the colleague's situation and needs.", "理解同事的处境和需要。")),
)
DIMENSION_KEYS = tuple(c.key for c in DIMENSIONS)
COMMENT_KINDS = (
    Choice("pain", T("Pain point", "痛点")),
    Choice("delight", T("Delight point", "爽点")),
    Choice("wish", T("Wish (itch point)", "痒点")),
)
MIN_RESPONSES = 3
MIN_PER_DIMENSION, MAX_PER_DIMENSION = 2, 4
SCALE = (1, 7)
MAX_ANSWER_FILE = 256 * 1024
MAX_COMMENT = 2000
ANSWER_FORMAT = "coach-servqual-answers"

# Our own statements (written for this app), three per dimension.
DEFAULT_STATEMENTS = {
    "tangibles": (
        T("The documents and templates I send are tidy and easy to use.", "我发出的文档和模板整洁、好用。"),
        T("The tools and channels I use to serve colleagues are easy to reach.", "我服务同事所用的工具和渠道容易找到、容易使用。"),
        T("My replies are laid out so the key point is visible at once.", "我的回复排版清楚，一眼能看到重点。"),
    ),
    "reliability": (
        T("When I promise something by a date, it arrives by that date.", "我答应某个日期完成的事，会按时交付。"),
        T("What I deliver is right the first time and rarely needs rework.", "我交付的东西一次做对，很少需要返工。"),
        T("I keep colleagues informed when a plan changes.", "计划有变化时，我会及时告知同事。"),
    ),
    "responsiveness": (
        T("I answer requests quickly, even if only to say when I can help.", "我会很快回应请求，哪怕只是告诉对方我何时能处理。"),
        T("I am willing to help even when it is not strictly my task.", "即使不完全是我的分内事，我也愿意帮忙。"),
        T("Urgent requests get the attention they need.", "紧急的请求能得到应有的重视。"),
    ),
    "assurance": (
        T("I know my field well enough to answer most questions.", "我对自己的业务足够熟悉，能回答大多数问题。"),
        T("I am polite and patient, also under pressure.", "即使压力很大，我也保持礼貌和耐心。"),
        T("Colleagues feel safe relying on my advice.", "同事可以放心地依靠我的建议。"),
    ),
    "empathy": (
        T("I try to understand the pressure behind a colleague's request.", "我会设法理解同事请求背后的压力。"),
        T("I adapt how I help to each colleague's situation.", "我会根据每位同事的情况调整帮忙的方式。"),
        T("I treat colleagues' goals as if they were my own.", "我把同事的目标当作自己的目标来对待。"),
    ),
}


def default_statements(lang: str) -> list[dict]:
    rows = []
    for dim in DIMENSION_KEYS:
        for i, text in enumerate(DEFAULT_STATEMENTS[dim], start=1):
            rows.append({"id": f"{dim[:3]}{i}", "dimension": dim, "text": text.get(lang)})
    return rows


DEFAULT_IMPORTANCE = {"tangibles": 10, "reliability": 30, "responsiveness": 25, "assurance": 15, "empathy": 20}


# --- reading the stored data ------------------------------------------------------

def _rows(value) -> list:
    """A stored list (hand-edited data may hold anything else)."""
    return value if isinstance(value, list) else []


def statements(data: dict) -> list[dict]:
    return [r for r in _rows(data.get("statements"))
            if isinstance(r, dict) and str(r.get("text") or "").strip() and r.get("dimension") in DIMENSION_KEYS]


def importance(data: dict) -> dict[str, int]:
    return {d: data.get(f"importance_{d}") for d in DIMENSION_KEYS if isinstance(data.get(f"importance_{d}"), int)}


def responses(data: dict) -> list[dict]:
    return [r for r in _rows(data.get("responses")) if isinstance(r, dict)]


def ensure_ids(rows: list[dict]) -> list[dict]:
    """Give every statement a stable id (kept forever, so answers stay linked)."""
    used = {str(r.get("id")) for r in rows if r.get("id")}
    n = 1
    out = []
    for r in rows:
        r = dict(r)
        if not r.get("id"):
            while f"s{n}" in used:
                n += 1
            r["id"] = f"s{n}"
            used.add(r["id"])
        out.append(r)
    return out


# --- aggregation --------------------------------------------------------------------

@dataclass
class DimensionResult:
    key: str
    expectation: float | None
    perception: float | None

    @property
    def gap(self) -> float | None:
        if self.expectation is None or self.perception is None:
            return None
        return self.perception - self.expectation


@dataclass
class Results:
    count: int
    shown: bool  # False below MIN_RESPONSES: only the count may be shown
    dimensions: list[DimensionResult] = field(default_factory=list)
    weighted_gap: float | None = None
    perception_average: float | None = None
    comments: dict[str, list[str]] = field(default_factory=dict)


def aggregate(data: dict) -> Results:
    resp = responses(data)
    result = Results(count=len(resp), shown=len(resp) >= MIN_RESPONSES)
    if not result.shown:
        return result
    by_dim = {s["id"]: s["dimension"] for s in statements(data) if s.get("id")}
    e: dict[str, list[int]] = {d: [] for d in DIMENSION_KEYS}
    p: dict[str, list[int]] = {d: [] for d in DIMENSION_KEYS}
    all_p: list[int] = []
    for r in resp:
        for sid, pair in (r.get("ratings") or {}).items():
            dim = by_dim.get(sid)
            if dim is None or not isinstance(pair, dict):
                continue
            if isinstance(pair.get("e"), int):
                e[dim].append(pair["e"])
            if isinstance(pair.get("p"), int):
                p[dim].append(pair["p"])
                all_p.append(pair["p"])
    result.dimensions = [DimensionResult(d, mean(e[d]), mean(p[d])) for d in DIMENSION_KEYS]
    weights = importance(data)
    total = sum(weights.values())
    gaps = [(weights.get(r.key, 0), r.gap) for r in result.dimensions if r.gap is not None]
    if total and gaps:
        result.weighted_gap = sum(w * g for w, g in gaps) / total
    result.perception_average = mean(all_p)
    comments: dict[str, list[str]] = {c.key: [] for c in COMMENT_KINDS}
    for r in resp:
        for c in r.get("comments") or []:
            if isinstance(c, dict) and c.get("kind") in comments and str(c.get("text") or "").strip():
                comments[c["kind"]].append(str(c["text"]).strip())
    result.comments = comments
    return result


def compare(previous: dict, current: dict) -> dict[str, float | None]:
    """Change of each dimension's gap (and the weighted gap) since the previous round."""
    a, b = aggregate(previous), aggregate(current)
    if not (a.shown and b.shown):
        return {}
    out: dict[str, float | None] = {}
    for ra, rb in zip(a.dimensions, b.dimensions):
        out[ra.key] = None if ra.gap is None or rb.gap is None else rb.gap - ra.gap
    if a.weighted_gap is not None and b.weighted_gap is not None:
        out["weighted"] = b.weighted_gap - a.weighted_gap
    return out


# --- answers coming back from colleagues -------------------------------------------------

class AnswerFileError(ValueError):
    """A returned answer file that cannot be used; ``key`` names a message
    ``servqual.err_<key>`` and ``args`` its placeholders."""

    def __init__(self, key: str, **args):
        self.key = key
        self.args_ = args
        super().__init__(f"{key}: {args}")


def form_id(data: dict, entry_uuid: str) -> str:
    return f"{entry_uuid}:{data.get('round') or ''}"


def parse_answers(raw: bytes, data: dict, entry_uuid: str) -> dict:
    """Validate one returned file completely; return a response dict or raise."""
    if len(raw) > MAX_ANSWER_FILE:
        raise AnswerFileError("too_big", limit=MAX_ANSWER_FILE // 1024)
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise AnswerFileError("not_json", detail=str(exc)[:120]) from None
    if not isinstance(doc, dict) or doc.get("format") != ANSWER_FORMAT:
        raise AnswerFileError("wrong_format")
    if doc.get("version") != 1:
        raise AnswerFileError("wrong_version", version=str(doc.get("version"))[:20])
    if doc.get("form") != form_id(data, entry_uuid):
        raise AnswerFileError("other_form")
    rid = doc.get("response_id")
    if not isinstance(rid, str) or not 8 <= len(rid) <= 64:
        raise AnswerFileError("bad_field", where="response_id")
    if any(r.get("id") == rid for r in responses(data)):
        raise AnswerFileError("duplicate")
    known = {s["id"] for s in statements(data) if s.get("id")}
    ratings = doc.get("ratings")
    if not isinstance(ratings, dict) or not ratings:
        raise AnswerFileError("bad_field", where="ratings")
    clean: dict[str, dict[str, int]] = {}
    lo, hi = SCALE
    for sid, pair in ratings.items():
        if sid not in known:
            raise AnswerFileError("unknown_statement", where=f"ratings.{str(sid)[:40]}")
        if not isinstance(pair, dict) or set(pair) - {"e", "p"}:
            raise AnswerFileError("bad_field", where=f"ratings.{sid}")
        for k, v in pair.items():
            if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
                raise AnswerFileError("out_of_range", where=f"ratings.{sid}.{k}", lo=lo, hi=hi)
        clean[sid] = {k: int(v) for k, v in pair.items()}
    comments = doc.get("comments", [])
    if not isinstance(comments, list) or len(comments) > 30:
        raise AnswerFileError("bad_field", where="comments")
    kinds = {c.key for c in COMMENT_KINDS}
    clean_comments = []
    for i, c in enumerate(comments):
        if not isinstance(c, dict) or c.get("kind") not in kinds or not isinstance(c.get("text"), str):
            raise AnswerFileError("bad_field", where=f"comments[{i}]")
        if len(c["text"]) > MAX_COMMENT:
            raise AnswerFileError("too_long", where=f"comments[{i}]", limit=MAX_COMMENT)
        if c["text"].strip():
            clean_comments.append({"kind": c["kind"], "text": c["text"].strip()})
    return {"id": rid, "received_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "ratings": clean, "comments": clean_comments}


def new_response_id() -> str:
    return uuidlib.uuid4().hex


# --- the form page for colleagues -------------------------------------------------------

def form_html(data: dict, entry_uuid: str, lang: str) -> str:
    """A single self-contained HTML page (inline CSS and JS, no network)."""
    import jinja2

    from .. import i18n
    from ..paths import resource

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(resource("templates"))),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    tr = lambda key, **kw: i18n.tr(f"servqual.form_{key}", lang=lang, **kw)  # noqa: E731
    dims = []
    for choice in DIMENSIONS:
        rows = [s for s in statements(data) if s["dimension"] == choice.key]
        if rows:
            dims.append({"label": choice.label.get(lang), "help": choice.help.get(lang) if choice.help else "",
                         "statements": rows})
    payload = {"format": ANSWER_FORMAT, "version": 1, "form": form_id(data, entry_uuid)}
    file_name = f"answers-{str(data.get('round') or 'round')}.json"
    return env.get_template("servqual_form.html.j2").render(
        lang="zh-CN" if lang == "zh_CN" else "en", tr=tr, dims=dims, payload=payload,
        service=str(data.get("service") or ""), round=str(data.get("round") or ""),
        kinds=[(c.key, c.label.get(lang)) for c in COMMENT_KINDS], scale=list(range(SCALE[0], SCALE[1] + 1)),
        file_name="".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in file_name))


# --- spec -----------------------------------------------------------------------------------

def rules(data: dict) -> list[Problem]:
    problems = []
    rows = statements(data)
    if rows:
        for choice in DIMENSIONS:
            n = sum(1 for s in rows if s["dimension"] == choice.key)
            if not MIN_PER_DIMENSION <= n <= MAX_PER_DIMENSION:
                problems.append(Problem("statements", T(
                    f"Give each dimension {MIN_PER_DIMENSION} to {MAX_PER_DIMENSION} statements "
                    f"({choice.label.en} has {n}).",
                    f"每个维度需要 {MIN_PER_DIMENSION} 到 {MAX_PER_DIMENSION} 条陈述（{choice.label.zh_CN}目前 {n} 条）。")))
                break
    weights = importance(data)
    if weights and (len(weights) < len(DIMENSION_KEYS) or sum(weights.values()) != 100):
        problems.append(Problem("importance_empathy", T(
            f"The five importance points must add up to 100 (now {sum(weights.values())}).",
            f"五个维度的重要性分数之和必须为 100（目前为 {sum(weights.values())}）。")))
    return problems


def figures(entries: list[dict]) -> list[Figure]:
    shown = [aggregate(d) for d in entries]
    shown = [r for r in shown if r.shown]
    latest = shown[-1] if shown else None
    return [
        Figure("rounds", T("Rating rounds", "评价轮次"), float(len(entries)) if entries else None, "number",
               len(entries)),
        Figure("answers", T("Answers per round", "每轮回收的答卷"),
               mean(len(responses(d)) for d in entries), "number", len(entries)),
        Figure("weighted_gap", T("Latest weighted gap (perception − expectation)", "最近一轮加权差距（感知 − 期望）"),
               latest.weighted_gap if latest else None, "number", len(shown)),
        Figure("perception", T("Latest perception average (1–7)", "最近一轮感知平均分（1–7）"),
               latest.perception_average if latest else None, "number", len(shown)),
    ]


def start_data(previous: list[dict]) -> dict:
    """A new round repeats the last round's statements and weights, so rounds compare."""
    if previous:
        last = previous[0]
        out = {"statements": [dict(s) for s in statements(last)], "service": last.get("service", "")}
        out.update({f"importance_{d}": v for d, v in importance(last).items()})
        return out
    from .. import i18n

    out = {"statements": default_statements(i18n.current())}
    out.update({f"importance_{d}": v for d, v in DEFAULT_IMPORTANCE.items()})
    return out


def _example(lang: str) -> dict:
    zh = lang == "zh_CN"
    data = {
        "round": "2026 Q4",
        "service": "每月向销售部提供业绩报表和数据答疑" if zh else "Monthly sales reports and data questions for Sales",
        "statements": [s for s in default_statements(lang) if not s["id"].endswith("3")],
        **{f"importance_{d}": v for d, v in DEFAULT_IMPORTANCE.items()},
    }
    sids = [s["id"] for s in data["statements"]]
    people = [(5, 4), (6, 4), (6, 5), (5, 5)]
    resp = []
    for i, (e, p) in enumerate(people):
        ratings = {sid: {"e": e + (1 if sid.startswith("rel") else 0), "p": p - (1 if sid.startswith("res") else 0)}
                   for sid in sids}
        resp.append({"id": f"example{i}", "received_at": "2026-11-20T09:00:00+00:00", "ratings": ratings,
                     "comments": []})
    resp[0]["comments"] = [{"kind": "pain", "text": "报表周一上午才到，赶不上周一早会。" if zh
                            else "The report arrives on Monday late morning, after our meeting."}]
    resp[1]["comments"] = [{"kind": "delight", "text": "数据有疑问时回复很耐心。" if zh
                            else "Patient answers when the numbers look odd."},
                           {"kind": "wish", "text": "希望能有一页纸的摘要。" if zh else "A one-page summary would help."}]
    data["responses"] = resp
    return data


SPEC = ToolSpec(
    key="servqual",
    version=1,
    name=T("Rate my service", "让内部客户给我打分"),
    summary=T("Colleagues rate one of your services: expectation vs perception, and what hurts or delights.",
              "请内部客户为你的一项服务打分：期望与感知的差距，以及痛点、爽点和痒点。"),
    sections=(
        Section("form", T("Your rating form", "你的评价表"),
                T("Describe the service and keep 2–4 statements per dimension. The defaults are a starting "
                  "point; write them the way your colleagues would say it.",
                  "写下要评价的服务，每个维度保留 2–4 条陈述。默认陈述只是起点，请改成同事们习惯的说法。"),
                (
                    Field("round", "text", T("Round", "轮次"), required=True,
                          placeholder=T("e.g. 2026 Q4", "例如：2026 年第四季度")),
                    Field("service", "longtext", T("The service being rated", "被评价的服务"), required=True),
                    Field("statements", "rows", T("Statements", "陈述"), required=True, fields=(
                        Field("id", "text", T("Id", "编号"), hidden=True),
                        Field("dimension", "choice", T("Dimension", "维度"), choices=DIMENSIONS, required=True),
                        Field("text", "text", T("Statement", "陈述"), required=True),
                    )),
                )),
        Section("importance", T("Importance", "重要性"),
                T("Split 100 points across the five dimensions by how much each matters to your colleagues.",
                  "按同事们的重视程度，把 100 分分配给五个维度。"),
                tuple(Field(f"importance_{c.key}", "slider", c.label, c.help, min=0, max=100, required=True)
                      for c in DIMENSIONS)),
        Section("results", T("Answers and results", "答卷与结果"),
                T("Export the form, send it to at least three colleagues, and import the files they send "
                  "back. Results appear once three have answered.",
                  "导出评价表，发给至少三位同事，再导入他们发回的文件。收到三份答卷后才会显示结果。"),
                (
                    Field("responses", "custom", T("Answers", "答卷"), widget="servqual_responses"),
                )),
    ),
    icon="servqual",
    title_field="round",
    examples={"en": _example("en"), "zh_CN": _example("zh_CN")},
    rules=rules,
    figures=figures,
    order=55,
    start_data=start_data,
)
