"""Progress: completed entries -> time series, summary figures and insights.

Pure domain code (no Qt, no matplotlib). :func:`dashboard` returns one plain,
JSON-ready dict: the Progress page draws it (through :mod:`coach.charts`) and
``coach stats --format json`` prints it, so both always show the same figures.

Each tool contributes through an :class:`Adapter`, keyed by tool key: the
JSON paths it needs from an entry and a function turning those values into
per-entry metrics (numbers, 0/1 flags for shares) and counts (keys to tally).
SQLite pulls the values out of every entry in one parse
(:mod:`coach.store.stats`); the aggregation is one pass over small tuples,
first per local day, then rolled up into the buckets a chart shows. A tool
that is not installed has no adapter in use and simply no data.
"""
from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Callable, Iterable, Sequence

from . import i18n
from .tools import registry

PERIODS = ("4w", "3m", "12m", "all", "custom")
ENTRY_POINTS_MAX = 30  # up to this many entries a series shows each entry on its own
OVERVIEW_WEEKS_MAX = 78  # beyond this the overview counts per month


# --- periods -------------------------------------------------------------------

def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)  # pragma: no cover


def local_midnight(d: date) -> datetime:
    """The start of local day ``d`` as an aware datetime."""
    return datetime.combine(d, time()).astimezone()


@dataclass(frozen=True)
class Period:
    """A span of local calendar days: the last 4 weeks, 3 or 12 months, all, or custom.

    ``start`` and ``end`` (both inclusive, either may be None) are used for
    ``custom`` only.
    """

    kind: str = "3m"
    start: date | None = None
    end: date | None = None

    def __post_init__(self):
        if self.kind not in PERIODS:
            raise ValueError(f"unknown period {self.kind!r}")
        if self.kind == "custom" and self.start and self.end and self.start > self.end:
            raise ValueError("the period starts after it ends")

    def days(self, today: date | None = None) -> tuple[date | None, date | None]:
        """(first day, day after the last) in local days; None means open."""
        today = today or date.today()
        end = today + timedelta(days=1)
        if self.kind == "4w":
            return today - timedelta(days=27), end
        if self.kind == "3m":
            return add_months(today, -3) + timedelta(days=1), end
        if self.kind == "12m":
            return add_months(today, -12) + timedelta(days=1), end
        if self.kind == "custom":
            return self.start, (self.end + timedelta(days=1)) if self.end else None
        return None, None

    def bounds(self, today: date | None = None) -> tuple[datetime | None, datetime | None]:
        first, after = self.days(today)
        return (local_midnight(first) if first else None,
                local_midnight(after) if after else None)

    def previous_days(self, today: date | None = None) -> tuple[date, date] | None:
        """The span of the same length just before this one (None when open-ended)."""
        first, after = self.days(today)
        if first is None or after is None:
            return None
        return first - (after - first), first

    def to_json(self, today: date | None = None) -> dict:
        first, after = self.days(today)
        return {"kind": self.kind,
                "since": first.isoformat() if first else None,
                "until": (after - timedelta(days=1)).isoformat() if after else None}

    @classmethod
    def custom(cls, start: date | None, end: date | None) -> "Period":
        return cls("custom", start, end)


# --- adapters --------------------------------------------------------------------

@dataclass
class Adapter:
    """How one tool's entries become progress data (all aggregated in SQL).

    ``paths`` maps value names to JSON paths of the entry data (``$.field``).
    ``metrics`` maps metric names to expressions over those names (see
    :mod:`coach.store.stats`: ``("rows_diff", "emotions", "intensity",
    "after")``, ``("flag", "red_light")`` …); they are averaged per bucket,
    so 0/1 flags become shares. ``counters`` tally keys (``("each",
    "patterns")``, ``("value", "mode", "dept")``); those named in
    ``bucket_counters`` are also given per bucket. ``extra(since, until)``
    may add data from elsewhere (e.g. self-assessment attempts).
    """

    tool: str
    paths: dict[str, str]
    metrics: dict[str, tuple]
    counters: dict[str, tuple] = field(default_factory=dict)
    bucket_counters: tuple[str, ...] = ()
    extra: Callable[[datetime | None, datetime | None], dict] | None = None
    insights: Callable[[dict, "Context"], list["Insight"]] | None = None

    def resolved(self) -> tuple[list[str], list[tuple], dict[str, tuple]]:
        """(paths, metric expressions, counters) with value names turned into indexes."""
        names = list(self.paths)
        index = {n: i for i, n in enumerate(names)}
        return ([self.paths[n] for n in names],
                [_resolve(self.metrics[m], index) for m in self.metrics],
                {k: (c[0], index[c[1]], *c[2:]) for k, c in self.counters.items()})


_NAME_ARGS = {"num": (1,), "flag": (1,), "eq": (1,), "filled": (1,), "rows_mean": (1,),
              "rows_diff": (1,), "dict_share": (1,), "both_ge": (1, 2), "map": (1,)}
_EXPR_ARGS = {"diff": (1, 2), "ge": (1,)}


def _resolve(expr: tuple, index: dict[str, int]) -> tuple:
    op = expr[0]
    if op in ("all", "any"):
        return (op, *(_resolve(e, index) for e in expr[1:]))
    if op == "mean_of":
        return (op, [index[n] for n in expr[1]])
    if op == "py":
        return (op, expr[1], [index[n] for n in expr[2]], list(expr[2]))
    out = list(expr)
    for i in _NAME_ARGS.get(op, ()):
        out[i] = index[expr[i]]
    for i in _EXPR_ARGS.get(op, ()):
        out[i] = _resolve(expr[i], index)
    return tuple(out)


ADAPTERS: dict[str, Adapter] = {}


def adapter(a: Adapter) -> Adapter:
    ADAPTERS[a.tool] = a
    return a


def active_tools(tools: Iterable[str] | None = None) -> list[str]:
    """Installed tools (in sidebar order), limited to ``tools`` when given."""
    wanted = set(tools) if tools is not None else None
    return [k for k in registry() if wanted is None or k in wanted]


# --- insights ------------------------------------------------------------------

@dataclass
class Insight:
    """A plain-language finding, in every UI language."""

    key: str
    tool: str | None
    weight: float  # higher comes first
    texts: dict[str, str]

    def text(self, lang: str | None = None) -> str:
        return self.texts.get(lang or i18n.current()) or self.texts.get("en", "")

    def to_json(self) -> dict:
        return {"key": self.key, "tool": self.tool, **self.texts}


def insight(key: str, tool: str | None, weight: float, msg: str, **params) -> Insight:
    """``msg`` is an i18n key; callables in ``params`` get the language."""
    texts = {}
    for lang in i18n.LANGUAGES:
        args = {k: (v(lang) if callable(v) else v) for k, v in params.items()}
        texts[lang] = i18n.tr(msg, lang=lang, **args)
    return Insight(key, tool, weight, texts)


def num(value: float | None) -> Callable[[str], str]:
    return lambda lang: i18n.format_number(None if value is None else round(value, 0), lang=lang)


def pct(value: float | None) -> Callable[[str], str]:
    return lambda lang: i18n.format_percent(value, lang=lang)


@dataclass
class Context:
    """What insights may compare against."""

    period: Period
    has_previous: bool


# --- the one pass ----------------------------------------------------------------

def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def month_start(d: date) -> date:
    return d.replace(day=1)


def choose_bucket(count: int, span_days: int) -> str:
    if count <= ENTRY_POINTS_MAX:
        return "entry"
    if span_days <= 45:
        return "day"
    if span_days <= 270:
        return "week"
    return "month"


def _bucket_key(day: date, bucket: str) -> date:
    if bucket == "week":
        return week_start(day)
    if bucket == "month":
        return month_start(day)
    return day


@dataclass
class _Acc:
    n: int = 0
    sums: dict[str, float] = field(default_factory=dict)
    ns: dict[str, int] = field(default_factory=dict)
    counts: dict[str, Counter] = field(default_factory=dict)

    @classmethod
    def from_sums(cls, n: int, names: Sequence[str], sums: list) -> "_Acc":
        acc = cls(n)
        for i, name in enumerate(names):
            count = sums[2 * i + 1]
            if count:
                acc.sums[name] = sums[2 * i]
                acc.ns[name] = count
        return acc

    def merge(self, other: "_Acc") -> None:
        self.n += other.n
        for k, v in other.sums.items():
            self.sums[k] = self.sums.get(k, 0.0) + v
            self.ns[k] = self.ns.get(k, 0) + other.ns[k]
        for k, c in other.counts.items():
            self.counts.setdefault(k, Counter()).update(c)

    def count(self, counter: str, key: str, n: int) -> None:
        self.counts.setdefault(counter, Counter())[key] += n

    def mean(self, k: str) -> float | None:
        n = self.ns.get(k)
        return self.sums[k] / n if n else None


def _round(v: float | None, digits: int = 3) -> float | None:
    return None if v is None else round(v, digits)


def _entry_counts(counters: dict[str, tuple], names: Sequence[str], values: list) -> dict:
    """The counter keys of one entry (for charts that show each entry)."""
    out = {}
    for name, spec in counters.items():
        value = values[spec[1]] if spec[1] < len(values) else None
        if spec[0] == "each":
            out[name] = [v for v in value or [] if isinstance(v, str)] if isinstance(value, list) else []
        else:
            out[name] = [value] if isinstance(value, str) else []
    return out


_CACHE: dict[tuple, dict] = {}
CACHE_SIZE = 64


def clear_cache() -> None:
    _CACHE.clear()


def compute_tool(ad: Adapter, since: datetime | None, until: datetime | None,
                 previous_since: datetime | None = None, fingerprint: tuple | None = None) -> dict:
    """One tool's progress data over [since, until); ``previous_since`` adds the
    span [previous_since, since) as ``previous`` for comparisons.

    With a ``fingerprint`` of the diary (:func:`coach.store.stats.fingerprint`)
    the result is remembered until anything it depends on changes, so going
    back to a period or tool already seen costs nothing.
    """
    if fingerprint is None:
        return _compute_tool(ad, since, until, previous_since)
    key = (ad.tool, since, until, previous_since, fingerprint)
    hit = _CACHE.get(key)
    if hit is None:
        if len(_CACHE) >= CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        hit = _CACHE[key] = _compute_tool(ad, since, until, previous_since)
    return copy.deepcopy(hit)


def _compute_tool(ad: Adapter, since: datetime | None, until: datetime | None,
                  previous_since: datetime | None = None) -> dict:
    from .store import stats

    paths, exprs, counters = ad.resolved()
    metrics = list(ad.metrics)
    days_rows, count_rows = stats.aggregate(ad.tool, paths, exprs, counters,
                                            previous_since or since, until)
    cut = since.date().isoformat() if previous_since is not None and since else None
    days: dict[str, _Acc] = {}
    total, prev = _Acc(), _Acc()
    for day, n, sums in days_rows:
        acc = _Acc.from_sums(n, metrics, sums)
        if cut is not None and day < cut:
            prev.merge(acc)
        else:
            total.merge(acc)
            days[day] = acc
    for name, day, key, n in count_rows:
        if cut is not None and day < cut:
            prev.count(name, key, n)
            continue
        total.count(name, key, n)
        if name in ad.bucket_counters:
            days[day].count(name, key, n)
    points = []
    if 0 < total.n <= ENTRY_POINTS_MAX:
        for when, values, raw in stats.entry_points(ad.tool, paths, exprs, since, until,
                                                    ENTRY_POINTS_MAX + 1):
            points.append((when, dict(zip(metrics, values)),
                           _entry_counts(counters, list(ad.paths), raw)))

    def summary(acc: _Acc) -> dict:
        return {"count": acc.n,
                "summary": {k: _round(acc.mean(k)) for k in metrics},
                "n": {k: acc.ns.get(k, 0) for k in metrics},
                "counts": {k: dict(sorted(acc.counts.get(k, Counter()).items(),
                                          key=lambda kv: (-kv[1], kv[0])))
                           for k in counters}}

    result = {"tool": ad.tool, **summary(total),
              "series": _series(ad, days, points, since, until, total.n),
              "previous": summary(prev) if previous_since is not None else None}
    if ad.extra is not None:
        result.update(ad.extra(since, until))
    return result


def _series(ad: Adapter, days: dict[str, _Acc], points, since, until, count: int) -> dict:
    if not days:
        return {"bucket": "entry", "x": [], "n": [], **{k: [] for k in ad.metrics},
                "counts": {k: {} for k in ad.bucket_counters}}
    first = date.fromisoformat(min(days))
    last = date.fromisoformat(max(days))
    start = since.date() if since else first
    end = (until.date() - timedelta(days=1)) if until else last
    bucket = choose_bucket(count, (end - start).days + 1)
    if bucket == "entry":
        x = [w.replace(" ", "T") for w, _, _ in points]
        out = {"bucket": "entry", "x": x, "n": [1] * len(points)}
        for k in ad.metrics:
            out[k] = [_round(m.get(k)) for _, m, _ in points]
        out["counts"] = {k: {} for k in ad.bucket_counters}
        for k in ad.bucket_counters:
            keys = sorted({key for _, _, c in points for key in (c or {}).get(k) or []})
            out["counts"][k] = {key: [((c or {}).get(k) or []).count(key) for _, _, c in points]
                                for key in keys}
        return out
    buckets: dict[date, _Acc] = {}
    for day, acc in days.items():
        key = _bucket_key(date.fromisoformat(day), bucket)
        into = buckets.get(key)
        if into is None:
            into = buckets[key] = _Acc()
        into.merge(acc)
    keys = sorted(buckets)
    out = {"bucket": bucket, "x": [k.isoformat() for k in keys], "n": [buckets[k].n for k in keys]}
    for k in ad.metrics:
        out[k] = [_round(buckets[b].mean(k)) for b in keys]
    out["counts"] = {}
    for k in ad.bucket_counters:
        all_keys = sorted({key for b in keys for key in buckets[b].counts.get(k, {})})
        out["counts"][k] = {key: [buckets[b].counts.get(k, Counter()).get(key, 0) for b in keys]
                            for key in all_keys}
    return out


# --- overview ------------------------------------------------------------------

def streaks(active_weeks: set[date], this_week: date) -> tuple[int, int]:
    """(current streak, longest streak) in consecutive weeks with at least one entry.

    The current streak is still alive during a week without an entry yet.
    """
    current = 0
    week = this_week if this_week in active_weeks else this_week - timedelta(weeks=1)
    while week in active_weeks:
        current += 1
        week -= timedelta(weeks=1)
    longest = run = 0
    previous = None
    for week in sorted(active_weeks):
        run = run + 1 if previous is not None and week - previous == timedelta(weeks=1) else 1
        longest = max(longest, run)
        previous = week
    return current, longest


def overview(tools: list[str], first: date | None, after: date | None, today: date,
             previous: tuple[date, date] | None) -> dict:
    from .store import stats

    rows = stats.day_counts()
    wanted = set(tools)
    active: set[date] = set()
    per_week: dict[str, Counter] = {t: Counter() for t in tools}
    total = prev_total = 0
    last_day: date | None = None
    in_rows = []
    for tool, day_text, n in rows:
        if tool not in wanted:
            continue
        day = date.fromisoformat(day_text)
        active.add(week_start(day))
        last_day = day if last_day is None or day > last_day else last_day
        if previous and previous[0] <= day < previous[1]:
            prev_total += n
        if (first is None or day >= first) and (after is None or day < after):
            in_rows.append((tool, day, n))
            total += n
    span_first = first or (min((d for _, d, _ in in_rows), default=None))
    span_last = (after - timedelta(days=1)) if after else (max((d for _, d, _ in in_rows),
                                                                default=None))
    bucket = "week"
    labels: list[date] = []
    if span_first and span_last:
        weeks = (week_start(span_last) - week_start(span_first)).days // 7 + 1
        bucket = "week" if weeks <= OVERVIEW_WEEKS_MAX else "month"
        cur = week_start(span_first) if bucket == "week" else month_start(span_first)
        while cur <= span_last:
            labels.append(cur)
            cur = cur + timedelta(weeks=1) if bucket == "week" else add_months(cur, 1)
    for tool, day, n in in_rows:
        per_week[tool][week_start(day) if bucket == "week" else month_start(day)] += n
    current, longest = streaks(active, week_start(today))
    return {
        "bucket": bucket,
        "x": [d.isoformat() for d in labels],
        "tools": {t: [per_week[t].get(d, 0) for d in labels] for t in tools},
        "total": total,
        "previous_total": prev_total if previous else None,
        "active_weeks": len({week_start(d) for _, d, _ in in_rows}),
        "streak_weeks": current,
        "longest_streak_weeks": longest,
        "last_entry": last_day.isoformat() if last_day else None,
    }


def _overview_insights(ov: dict, ctx: Context, today: date) -> list[Insight]:
    out = []
    if ov["streak_weeks"] >= 2:
        out.append(insight("overview.streak", None, 50, "progress.insight.streak",
                           weeks=ov["streak_weeks"]))
    elif ov["last_entry"]:
        days = (today - date.fromisoformat(ov["last_entry"])).days
        if days >= 7:
            out.append(insight("overview.comeback", None, 45, "progress.insight.comeback",
                               days=days))
    if ctx.has_previous and ov["previous_total"] is not None and ov["total"]:
        diff = ov["total"] - ov["previous_total"]
        key = ("progress.insight.more_entries" if diff > 0 else
               "progress.insight.fewer_entries" if diff < 0 else "progress.insight.same_entries")
        out.append(insight("overview.activity", None, 20, key, n=ov["total"], diff=abs(diff),
                           before=ov["previous_total"]))
    return out


# --- the dashboard ---------------------------------------------------------------

def dashboard(period: Period | None = None, tools: Iterable[str] | None = None,
              today: date | None = None, cache: bool = True) -> dict:
    """Everything the Progress page shows, as plain data (JSON-ready).

    ``cache``: reuse per-tool results while the diary is unchanged.
    """
    from .store import stats
    period = period or Period()
    today = today or date.today()
    selected = active_tools(tools)
    first, after = period.days(today)
    since, until = period.bounds(today)
    prev_days = period.previous_days(today)
    previous_since = local_midnight(prev_days[0]) if prev_days else None
    ctx = Context(period, prev_days is not None)
    fingerprint = stats.fingerprint() if cache else None
    ov = overview(selected, first, after, today, prev_days)
    per_tool = {}
    found: list[Insight] = _overview_insights(ov, ctx, today)
    for key in selected:
        ad = ADAPTERS.get(key)
        if ad is None:
            continue
        data = compute_tool(ad, since, until, previous_since,
                            fingerprint if cache else None)
        per_tool[key] = data
        if ad.insights is not None:
            found.extend(ad.insights(data, ctx))
    found.sort(key=lambda i: -i.weight)
    picked, per_tool_count = [], Counter()
    for item in found:  # the strongest first, at most two per tool so that each gets a say
        if per_tool_count[item.tool] < 2:
            picked.append(item)
            per_tool_count[item.tool] += 1
    found = picked
    return {
        "period": period.to_json(today),
        "today": today.isoformat(),
        "tools_selected": selected,
        "overview": ov,
        "insights": [i.to_json() for i in found[:5]],
        "tools": per_tool,
    }


# --- ABCDE -----------------------------------------------------------------------

def choice_label(tool: str, field_key: str, key: str, lang: str) -> str:
    try:
        return registry()[tool].field(field_key).choice_label(key, lang)
    except KeyError:
        return key


def _compare(key: str, tool: str, weight: float, msg: str, now: float | None,
             before: float | None, n_now: int, n_before: int, fmt=num, **extra) -> Insight | None:
    """"… {now}, up from {before}" when both spans have data, else just "… {now}"."""
    if now is None or n_now < 2:
        return None
    if before is not None and n_before >= 2 and round(now, 2) != round(before, 2):
        direction = "up" if now > before else "down"
        return insight(key, tool, weight + min(abs(now - before), 30) / 3,
                       f"{msg}_{direction}", now=fmt(now), before=fmt(before), n=n_now, **extra)
    return insight(key, tool, weight, msg, now=fmt(now), n=n_now, **extra)


def _abcde_insights(d: dict, ctx: Context) -> list[Insight]:
    out = []
    s, n = d["summary"], d["n"]
    p = d["previous"] or {"summary": {}, "n": {}}
    got = _compare("abcde.emotion_drop", "abcde", 40, "progress.insight.abcde_drop",
                   s["emotion_drop"], p["summary"].get("emotion_drop"), n["emotion_drop"],
                   p["n"].get("emotion_drop", 0))
    if got:
        out.append(got)
    patterns = d["counts"]["patterns"]
    if patterns and d["count"] >= 3:
        top, k = next(iter(patterns.items()))
        out.append(insight("abcde.top_pattern", "abcde", 30, "progress.insight.abcde_pattern",
                           pattern=lambda lang: choice_label("abcde", "patterns", top, lang),
                           k=k, n=d["count"]))
    red = _compare("abcde.red_light", "abcde", 25, "progress.insight.abcde_red",
                   s["red_light"], p["summary"].get("red_light"), n["red_light"],
                   p["n"].get("red_light", 0), fmt=pct)
    if red:
        out.append(red)
    return out


adapter(Adapter(
    tool="abcde",
    paths={"emotions": "$.emotions", "belief_strength": "$.belief_strength",
           "belief_strength_after": "$.belief_strength_after", "red_light": "$.red_light",
           "patterns": "$.patterns"},
    # the same definitions as coach.tools.abcde.figures (a test keeps them equal)
    metrics={
        "emotion_before": ("rows_mean", "emotions", "intensity", "after"),
        "emotion_after": ("rows_mean", "emotions", "after", "intensity"),
        "emotion_drop": ("rows_diff", "emotions", "intensity", "after"),
        "belief_before": ("num", "belief_strength"),
        "belief_after": ("num", "belief_strength_after"),
        "belief_drop": ("diff", ("num", "belief_strength"), ("num", "belief_strength_after")),
        "red_light": ("flag", "red_light"),
        "big_drop": ("ge", ("rows_diff", "emotions", "intensity", "after"), 20),
    },
    counters={"patterns": ("each", "patterns")},
    insights=_abcde_insights,
))


# --- empathy triangle --------------------------------------------------------------

def _share_insights(tool: str, d: dict, items) -> list[Insight]:
    """Insights comparing shares (0..1) with the period before: (metric, weight, msg)."""
    out = []
    p = d["previous"] or {"summary": {}, "n": {}}
    for metric, weight, msg in items:
        got = _compare(f"{tool}.{metric}", tool, weight, msg, d["summary"].get(metric),
                       p["summary"].get(metric), d["n"].get(metric, 0),
                       p["n"].get(metric, 0), fmt=pct)
        if got:
            out.append(got)
    return out


def _triangle_insights(d: dict, ctx: Context) -> list[Insight]:
    return _share_insights("triangle", d, (
        ("confirmed", 32, "progress.insight.triangle_confirmed"),
        ("complete", 22, "progress.insight.triangle_complete"),
    ))


def _triangle_adapter() -> Adapter:
    from .tools import triangle

    return Adapter(
        tool="triangle",
        paths={"facts": "$.facts", "feelings": "$.feelings", "feelings_other": "$.feelings_other",
               "task_need": "$.task_need", "emotional_needs": "$.emotional_needs",
               "balance": "$.balance", "guess_confirmed": "$.guess_confirmed"},
        # as coach.tools.triangle.corners_filled / figures
        metrics={
            "complete": ("all", ("filled", "facts"),
                         ("any", ("filled", "feelings"), ("filled", "feelings_other")),
                         ("any", ("filled", "task_need"), ("filled", "emotional_needs"))),
            "confirmed": ("map", "guess_confirmed", triangle.CONFIRMED_SCORE),
            "balance": ("num", "balance"),
        },
        counters={"needs": ("each", "emotional_needs")},
        insights=_triangle_insights,
    )


# --- TK conflict log and self-assessment ----------------------------------------------

def _tk_attempts(since: datetime | None, until: datetime | None) -> dict:
    """Finished self-assessments up to the end of the period (the profile moves slowly,
    so earlier attempts stay in view)."""
    from .store import stats

    return {"attempts": [{"when": when.replace(" ", "T"), "scores": scores}
                         for when, scores in stats.finished_attempts(None, until)]}


def _tk_insights(d: dict, ctx: Context) -> list[Insight]:
    out = _share_insights("tk_conflict", d, (("win_win", 30, "progress.insight.tk_win_win"),))
    by_dept: dict[str, Counter] = {}
    for key, n in d["counts"]["modes_by_dept"].items():
        dept, _, mode = key.partition("\x1f")
        by_dept.setdefault(dept, Counter())[mode] += n
    best = None
    for dept, modes in by_dept.items():
        total = sum(modes.values())
        mode, k = modes.most_common(1)[0]
        if total >= 3 and k / total >= 0.5 and (best is None or (k, total) > best[2:]):
            best = (dept, mode, k, total)
    if best:
        dept, mode, k, total = best
        out.append(insight("tk_conflict.department", "tk_conflict", 38 + 10 * k / total,
                           "progress.insight.tk_department",
                           mode=lambda lang: choice_label("tk_conflict", "mode_used", mode, lang),
                           k=k, n=total, dept=dept))
    return out


def _tk_adapter() -> Adapter:
    from .tools import tk

    return Adapter(
        tool="tk_conflict",
        paths={"mode_used": "$.mode_used", "outcome_me": "$.outcome_me",
               "outcome_them": "$.outcome_them", "stakes": "$.stakes",
               "relationship": "$.relationship", "time_pressure": "$.time_pressure"},
        metrics={
            "win_win": ("both_ge", "outcome_me", "outcome_them", 4),  # as tk.win_win
            "matched": ("py", tk.matched, ["mode_used", "stakes", "relationship",
                                           "time_pressure"]),
            "outcome_me": ("num", "outcome_me"),
            "outcome_them": ("num", "outcome_them"),
        },
        counters={"modes": ("value", "mode_used"),
                  "modes_by_dept": ("value", "mode_used", "dept")},
        bucket_counters=("modes",),
        extra=_tk_attempts,
        insights=_tk_insights,
    )


# --- pre-communication plan -------------------------------------------------------------

def _precomm_insights(d: dict, ctx: Context) -> list[Insight]:
    out = _share_insights("precomm", d, (
        ("loop_closed", 30, "progress.insight.precomm_loop"),
        ("preparation", 20, "progress.insight.precomm_preparation"),
    ))
    change, n = d["summary"].get("temp_change"), d["n"].get("temp_change", 0)
    if change is not None and n >= 2 and round(change, 1) != 0:
        out.append(insight("precomm.temperature", "precomm", 26,
                           "progress.insight.precomm_warmer" if change > 0
                           else "progress.insight.precomm_cooler",
                           change=lambda lang: i18n.format_number(round(abs(change), 1),
                                                                   lang=lang), n=n))
    return out


def _precomm_adapter() -> Adapter:
    from .store import stats
    from .tools import precomm

    return Adapter(
        tool="precomm",
        paths={"checklist": "$.checklist", "recap_sent": "$.recap_sent",
               "recap_actions": "$.recap_actions", "followup_date": "$.followup_date",
               precomm.FOLLOWUPS_DONE_KEY: stats.FOLLOWUPS_DONE,
               "predicted_outcome": "$.predicted_outcome", "actual_outcome": "$.actual_outcome",
               "temp_before": "$.temp_before", "temp_after": "$.temp_after"},
        # as coach.tools.precomm.figures
        metrics={
            "preparation": ("dict_share", "checklist", ("done", "not_needed"),
                            len(precomm.CHECKLIST)),
            "loop_closed": ("py", precomm.loop_closed,
                            ["recap_sent", "recap_actions", "followup_date",
                             precomm.FOLLOWUPS_DONE_KEY]),
            "predicted": ("num", "predicted_outcome"),
            "actual": ("num", "actual_outcome"),
            "outcome_gap": ("diff", ("num", "actual_outcome"), ("num", "predicted_outcome")),
            "temp_before": ("num", "temp_before"),
            "temp_after": ("num", "temp_after"),
            "temp_change": ("diff", ("num", "temp_after"), ("num", "temp_before")),
        },
        insights=_precomm_insights,
    )


# --- five-star message --------------------------------------------------------------------

def _fivestar_insights(d: dict, ctx: Context) -> list[Insight]:
    out = _share_insights("fivestar", d, (("granted", 30, "progress.insight.fivestar_granted"),))
    stars = {k: d["summary"].get(k) for k in FIVESTAR_STARS}
    rated = {k: v for k, v in stars.items() if v is not None}
    if len(rated) > 1 and len(set(rated.values())) > 1 and d["count"] >= 3:
        weakest = min(rated, key=lambda k: (rated[k], FIVESTAR_STARS.index(k)))
        out.append(insight("fivestar.weakest", "fivestar", 24, "progress.insight.fivestar_weakest",
                           star=lambda lang: _star_name(weakest, lang),
                           value=lambda lang: i18n.format_number(round(rated[weakest], 1),
                                                                  lang=lang)))
    p = d["previous"] or {"summary": {}, "n": {}}
    flags = _compare("fivestar.flags", "fivestar", 22, "progress.insight.fivestar_flags",
                     d["summary"].get("flags"), p["summary"].get("flags"),
                     d["n"].get("flags", 0), p["n"].get("flags", 0),
                     fmt=lambda v: lambda lang: i18n.format_number(round(v, 1), lang=lang))
    if flags:
        out.append(flags)
    return out


FIVESTAR_STARS = ("subject_stars", "logic_stars", "wording_stars", "emotion_stars",
                  "interests_stars")


def _star_name(key: str, lang: str) -> str:
    try:
        from .tools import fivestar

        return fivestar.STAR_NAMES[key.removesuffix("_stars")].get(lang)
    except (ImportError, KeyError):
        return key


def _fivestar_adapter() -> Adapter:
    from .tools import fivestar

    return Adapter(
        tool="fivestar",
        paths={**{k: f"$.{k}" for k in FIVESTAR_STARS}, "granted": "$.granted",
               "message_flags": "$.message_flags", "message": "$.message",
               "reply_hours": "$.reply_hours"},
        # as coach.tools.fivestar.figures
        metrics={
            "stars": ("mean_of", list(FIVESTAR_STARS)),
            **{k: ("num", k) for k in FIVESTAR_STARS},
            "granted": ("map", "granted", fivestar.GRANTED_SCORE),
            "flags": ("py", fivestar.flags_of, ["message_flags", "message"]),
            "reply_hours": ("num", "reply_hours"),
        },
        insights=_fivestar_insights,
    )


def _register_optional() -> None:
    """Adapters of tools that may not be installed: a missing module means no charts."""
    for make in (_triangle_adapter, _tk_adapter, _precomm_adapter, _fivestar_adapter):
        try:
            adapter(make())
        except (ImportError, AttributeError):
            continue


_register_optional()
