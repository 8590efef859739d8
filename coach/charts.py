"""Chart builders: progress data in, matplotlib Figure out.

Pure functions on :func:`coach.progress.dashboard` data. They use
``matplotlib.figure.Figure`` directly (never pyplot, so no global figure
state) and render through Agg; the Qt page only wraps the figures in a
canvas, exports save them with :func:`figure_bytes`.

Charts are keyed ``<tool>.<chart>`` and built from :data:`TOOL_CHARTS`, a
registry keyed by tool key: a tool that is not installed has no data and so
no charts. With too little data a chart says what to do to fill it instead
of drawing an empty or broken axis.

Import this module only when a chart is needed: importing matplotlib costs
about half a second.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, Iterable

import matplotlib
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, MaxNLocator, PercentFormatter

from . import i18n, paths
from .tools import registry

matplotlib.use("Agg", force=False)  # no-op when a GUI backend was chosen; pyplot is never used

FONT_FILE = ("fonts", "NotoSansSC-Coach.otf")
_font_family: str | None = None


def register_cjk_font() -> str:
    """Add the bundled CJK font to matplotlib and put it first in font.sans-serif.

    Idempotent; returns the family name. Without it Chinese renders as boxes
    on a machine without CJK fonts.
    """
    global _font_family
    if _font_family is None:
        from matplotlib import font_manager

        path = paths.resource(*FONT_FILE)
        font_manager.fontManager.addfont(str(path))
        _font_family = font_manager.FontProperties(fname=str(path)).get_name()
    rc = matplotlib.rcParams
    if rc["font.sans-serif"][:1] != [_font_family]:
        rc["font.sans-serif"] = [_font_family] + [f for f in rc["font.sans-serif"]
                                                 if f != _font_family]
    rc["font.family"] = ["sans-serif"]
    rc["svg.fonttype"] = "path"  # SVGs look the same on machines without the font
    return _font_family


# --- theme -----------------------------------------------------------------------

@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    foreground: str
    muted: str
    grid: str
    good: str
    warn: str
    palette: tuple[str, ...]  # for series that are not a tool (modes, patterns)


LIGHT = Theme("light", "#ffffff", "#1f2933", "#66717e", "#e3e7ec", "#2e9e6b", "#d9534f",
              ("#3b7dd8", "#e07b39", "#2e9e6b", "#8b5cc7", "#c9a227", "#d9534f", "#4fb3bf"))
DARK = Theme("dark", "#202428", "#e8ebee", "#a3adb8", "#363c44", "#4cc38a", "#f07470",
             ("#6aa5f0", "#f29a5c", "#4cc38a", "#b08be6", "#e3c04d", "#f07470", "#6fd0db"))
THEMES = {"light": LIGHT, "dark": DARK}

# One colour per tool, the same in every chart, legend and theme.
TOOL_COLORS = {
    "abcde": "#3b7dd8",
    "triangle": "#e07b39",
    "tk_conflict": "#2e9e6b",
    "precomm": "#8b5cc7",
    "fivestar": "#c9a227",
    "kiss": "#4fb3bf",
    "rings": "#d46a92",
    "poa": "#7f8c8d",
    "cocreate": "#a0522d",
}
_SPARE = ("#5c6bc0", "#8d6e63", "#26a69a", "#9e9d24")


def tool_color(tool: str) -> str:
    if tool in TOOL_COLORS:
        return TOOL_COLORS[tool]
    for key, color in TOOL_COLORS.items():
        if tool.startswith(key):
            return color
    return _SPARE[sum(map(ord, tool)) % len(_SPARE)]


def tool_name(tool: str, lang: str) -> str:
    spec = registry().get(tool)
    return spec.name.get(lang) if spec else tool


# --- the charts ------------------------------------------------------------------

@dataclass
class Chart:
    key: str  # "<tool>.<chart>" or "overview.<chart>"
    tool: str | None
    title: str
    figure: Figure
    empty: bool = False  # True when the figure shows what to do instead of data


FIGSIZE = (5.6, 3.1)
TITLE_SIZE = 11
LABEL_SIZE = 9
TICK_SIZE = 8


def tr(key: str, lang: str, **kw) -> str:
    return i18n.tr(key, lang=lang, **kw)


def new_figure(theme: Theme, size=FIGSIZE) -> Figure:
    register_cjk_font()
    fig = Figure(figsize=size, dpi=100, layout="constrained", facecolor=theme.background)
    fig.get_layout_engine().set(h_pad=0.08, w_pad=0.08)
    return fig


def styled_axes(fig: Figure, theme: Theme, title: str, ylabel: str = "", xlabel: str = ""):
    ax = fig.add_subplot()
    ax.set_facecolor(theme.background)
    # A figure-level title stays left-aligned however wide the tick labels are.
    fig.suptitle(title, x=0.015, ha="left", fontsize=TITLE_SIZE, color=theme.foreground)
    if ylabel:
        ax.set_ylabel(ylabel, fontsize=LABEL_SIZE, color=theme.muted)
    if xlabel:
        ax.set_xlabel(xlabel, fontsize=LABEL_SIZE, color=theme.muted)
    ax.tick_params(colors=theme.muted, labelsize=TICK_SIZE, length=3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(theme.grid)
    ax.grid(True, axis="y", color=theme.grid, linewidth=0.8)
    ax.set_axisbelow(True)
    return ax


def empty_figure(theme: Theme, title: str, message: str) -> Figure:
    """A chart that says what to do to fill it (no axes at all)."""
    fig = new_figure(theme)
    fig.text(0.03, 0.92, title, fontsize=TITLE_SIZE, color=theme.foreground,
             va="top", ha="left")
    fig.text(0.5, 0.45, message, fontsize=LABEL_SIZE + 1, color=theme.muted, ha="center",
             va="center", wrap=True, linespacing=1.5)
    return fig


def corner_note(ax, theme: Theme, text: str):
    """A short figure (an average, a streak) above the top right corner of the plot."""
    return ax.text(1.0, 1.02, text, transform=ax.transAxes, ha="right", va="bottom",
                   fontsize=LABEL_SIZE, color=theme.muted, gid="note")


def legend(ax, theme: Theme, **kw):
    leg = ax.legend(fontsize=TICK_SIZE, frameon=False, labelcolor=theme.foreground, **kw)
    return leg


# --- time axes -------------------------------------------------------------------

def x_value(text: str) -> float:
    """A bucket start 'YYYY-MM-DD' or an entry time 'YYYY-MM-DDTHH:MM:SS' as a day number."""
    if len(text) > 10:
        dt = datetime.fromisoformat(text)
        return dt.date().toordinal() + (dt.hour * 3600 + dt.minute * 60 + dt.second) / 86400
    return float(date.fromisoformat(text).toordinal())


def date_label(d: date, bucket: str, lang: str) -> str:
    if bucket == "month":
        return f"{d.year}年{d.month}月" if lang == "zh_CN" else f"{d:%b} {d.year}"
    return f"{d.month}月{d.day}日" if lang == "zh_CN" else f"{d.day} {d:%b}"


def time_axis(ax, xs: list[float], bucket: str, lang: str, max_ticks: int = 6) -> None:
    """Readable date ticks (at most ``max_ticks``), labelled in the UI language."""
    if not xs:
        return
    lo, hi = min(xs), max(xs)
    if bucket == "entry":  # irregular times: evenly spaced whole days across the range
        count = min(max_ticks, int(hi - lo) + 1)
        ticks = sorted({float(int(lo + (hi - lo) * i / max(count - 1, 1)))
                        for i in range(count)}) if hi > lo else [float(int(lo))]
    else:
        step = -(-len(xs) // max_ticks)  # ceil: regular spacing, at most max_ticks labels
        ticks = list(xs[::step])
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.set_xticks(ticks)
    ax.set_xticklabels([date_label(date.fromordinal(int(t)), bucket, lang) for t in ticks])
    pad = {"month": 20, "week": 5, "day": 1}.get(bucket, max((hi - lo) * 0.04, 0.5))
    ax.set_xlim(lo - pad, hi + pad)


def bar_width(bucket: str) -> float:
    return {"month": 22, "week": 5.5, "day": 0.8}.get(bucket, 0.6)


def _values(series: dict, key: str) -> tuple[list[float], list[float]]:
    """(x, y) of the buckets where ``key`` has a value."""
    xs, ys = [], []
    for x, y in zip(series["x"], series.get(key, [])):
        if y is not None:
            xs.append(x_value(x))
            ys.append(y)
    return xs, ys


def _hint(tool: str, lang: str, need: int) -> str:
    return tr("progress.empty.tool", lang, tool=tool_name(tool, lang), n=need)


# --- overview --------------------------------------------------------------------

def overview_chart(data: dict, lang: str, theme: Theme) -> Chart:
    ov = data["overview"]
    title = tr("progress.chart.per_week" if ov["bucket"] == "week" else "progress.chart.per_month",
               lang)
    if not ov["total"]:
        fig = empty_figure(theme, title, tr("progress.empty.overview", lang))
        return Chart("overview.entries", None, title, fig, empty=True)
    fig = new_figure(theme, (11.4, 2.9))
    ax = styled_axes(fig, theme, title, ylabel=tr("progress.axis.entries", lang))
    xs = [x_value(x) for x in ov["x"]]
    bottom = [0] * len(xs)
    half = bar_width(ov["bucket"]) / 2
    for tool, counts in ov["tools"].items():
        if not any(counts):
            continue
        # one collection per tool (not a patch per bar): a year of weeks stays cheap
        verts = [[(x - half, b), (x - half, b + c), (x + half, b + c), (x + half, b)]
                 for x, b, c in zip(xs, bottom, counts) if c]
        ax.add_collection(PolyCollection(verts, facecolors=tool_color(tool), edgecolors="none",
                                         label=tool_name(tool, lang), gid=f"bars:{tool}"))
        bottom = [b + c for b, c in zip(bottom, counts)]
    ax.set_ylim(0, max(bottom) * 1.08)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
    time_axis(ax, xs, ov["bucket"], lang, max_ticks=10)
    legend(ax, theme, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    streak = tr("progress.chart.streak", lang, weeks=ov["streak_weeks"],
                longest=ov["longest_streak_weeks"])
    corner_note(ax, theme, streak)
    return Chart("overview.entries", None, title, fig)


# --- ABCDE -------------------------------------------------------------------------

def abcde_emotion(d: dict, lang: str, theme: Theme) -> Chart:
    title = tr("progress.chart.abcde_emotion", lang)
    s = d["series"]
    xb, yb = _values(s, "emotion_before")
    xa, ya = _values(s, "emotion_after")
    if len(xa) < 2:
        return Chart("abcde.emotion", "abcde", title,
                     empty_figure(theme, title, _hint("abcde", lang, 2)), True)
    fig = new_figure(theme)
    ax = styled_axes(fig, theme, title, ylabel=tr("progress.axis.intensity", lang))
    color = tool_color("abcde")
    marker = "o" if len(xa) <= 40 else None
    ax.plot(xb, yb, color=theme.warn, marker=marker, markersize=4, linewidth=1.6,
            label=tr("progress.series.before", lang), gid="before")
    ax.plot(xa, ya, color=color, marker=marker, markersize=4, linewidth=1.8,
            label=tr("progress.series.after", lang), gid="after")
    if xa == xb:
        ax.fill_between(xa, ya, yb, color=color, alpha=0.12, linewidth=0)
    ax.set_ylim(0, 100)
    time_axis(ax, sorted(set(xb) | set(xa)), s["bucket"], lang)
    legend(ax, theme, loc="best", ncols=2)
    return Chart("abcde.emotion", "abcde", title, fig)


def time_bars(key: str, tool: str, d: dict, lang: str, theme: Theme, title_key: str,
              metric: str, ylabel_key: str, *, note: str | None = None,
              average: float | None = None, integer: bool = False) -> Chart:
    """Bars over time (one per bucket or entry), optionally with a dashed average line."""
    title = tr(title_key, lang)
    s = d["series"]
    xs, ys = _values(s, metric)
    if len(xs) < 2:
        return Chart(key, tool, title, empty_figure(theme, title, _hint(tool, lang, 2)), True)
    fig = new_figure(theme)
    ax = styled_axes(fig, theme, title, ylabel=tr(ylabel_key, lang))
    width = bar_width(s["bucket"])
    if s["bucket"] == "entry":  # as wide as the spacing of the entries allows
        width = max(width, min(4.0, (max(xs) - min(xs)) / len(xs) * 0.6))
    ax.bar(xs, ys, width=width, color=tool_color(tool), alpha=0.88, gid=metric)
    if average is not None:
        ax.axhline(average, color=theme.foreground, linewidth=1, linestyle="--", gid="average")
    ax.axhline(0, color=theme.muted, linewidth=0.8)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=integer))
    if note:
        corner_note(ax, theme, note)
    time_axis(ax, xs, s["bucket"], lang)
    return Chart(key, tool, title, fig)


def abcde_belief(d: dict, lang: str, theme: Theme) -> Chart:
    avg = d["summary"]["belief_drop"]
    note = None if avg is None else tr("progress.series.average", lang,
                                       value=i18n.format_number(round(avg), lang=lang))
    return time_bars("abcde.belief_drop", "abcde", d, lang, theme, "progress.chart.abcde_belief",
                     "belief_drop", "progress.axis.points_drop", note=note, average=avg)


def share_series(s: dict, key: str) -> tuple[list[float], list[float], bool]:
    """Share per bucket in percent; per entry it is the running share so far."""
    xs, ys = _values(s, key)
    if s["bucket"] != "entry":
        return xs, [y * 100 for y in ys], False
    out, total = [], 0.0
    for i, y in enumerate(ys, 1):
        total += y
        out.append(total / i * 100)
    return xs, out, True


def abcde_red(d: dict, lang: str, theme: Theme) -> Chart:
    title = tr("progress.chart.abcde_red", lang)
    xs, ys, running = share_series(d["series"], "red_light")
    if len(xs) < 2:
        return Chart("abcde.red_light", "abcde", title,
                     empty_figure(theme, title, _hint("abcde", lang, 2)), True)
    fig = new_figure(theme)
    ax = styled_axes(fig, theme, title, ylabel=tr(
        "progress.axis.share_running" if running else "progress.axis.share", lang))
    ax.plot(xs, ys, color=theme.warn, linewidth=1.8, marker="o" if len(xs) <= 40 else None,
            markersize=4, gid="red_light")
    ax.fill_between(xs, ys, 0, color=theme.warn, alpha=0.10, linewidth=0)
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
    total = d["summary"]["red_light"]
    corner_note(ax, theme, tr("progress.series.overall", lang,
                              value=i18n.format_percent(total, lang=lang)))
    time_axis(ax, xs, d["series"]["bucket"], lang)
    return Chart("abcde.red_light", "abcde", title, fig)


def counts_chart(key: str, tool: str, title: str, counts: dict[str, int],
                 label: Callable[[str], str], theme: Theme, lang: str, color: str,
                 need_text: str, xlabel: str) -> Chart:
    """Horizontal bars, the most frequent on top."""
    if not counts:
        return Chart(key, tool, title, empty_figure(theme, title, need_text), True)
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    fig = new_figure(theme)
    ax = styled_axes(fig, theme, title, xlabel=xlabel)
    ax.grid(False, axis="y")
    ax.grid(True, axis="x", color=theme.grid, linewidth=0.8)
    labels = [label(k) for k, _ in items][::-1]
    values = [v for _, v in items][::-1]
    bars = ax.barh(range(len(items)), values, color=color, height=0.62, gid="counts")
    ax.set_yticks(range(len(items)), labels)
    ax.tick_params(axis="y", labelsize=LABEL_SIZE, colors=theme.foreground, length=0)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    for rect, v in zip(bars, values):
        ax.text(rect.get_width(), rect.get_y() + rect.get_height() / 2, f" {v}",
                va="center", ha="left", fontsize=TICK_SIZE, color=theme.foreground)
    ax.set_xlim(0, max(values) * 1.15)
    return Chart(key, tool, title, fig)


def abcde_patterns(d: dict, lang: str, theme: Theme) -> Chart:
    from .progress import choice_label

    title = tr("progress.chart.abcde_patterns", lang)
    return counts_chart("abcde.patterns", "abcde", title, d["counts"]["patterns"],
                        lambda k: choice_label("abcde", "patterns", k, lang), theme, lang,
                        tool_color("abcde"), tr("progress.empty.patterns", lang),
                        tr("progress.axis.entries", lang))


# --- generic time charts ---------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    metric: str
    label: str  # i18n key
    color: str | None = None  # None: the tool's colour
    dashed: bool = False


def time_lines(key: str, tool: str, d: dict, lang: str, theme: Theme, title_key: str,
               lines: list[Line], ylabel_key: str, *, percent: bool = False,
               ylim: tuple[float, float] | None = None, need: int = 2,
               fill_between: bool = False, note: str | None = None) -> Chart:
    """One or more lines over time; shares (``percent``) are drawn in percent and,
    while each entry is shown on its own, as the running share so far."""
    title = tr(title_key, lang)
    s = d["series"]
    drawn = []
    for line in lines:
        if percent:
            xs, ys, running = share_series(s, line.metric)
        else:
            (xs, ys), running = _values(s, line.metric), False
        drawn.append((line, xs, ys, running))
    if max((len(xs) for _, xs, _, _ in drawn), default=0) < need:
        return Chart(key, tool, title, empty_figure(theme, title, _hint(tool, lang, need)), True)
    running = any(r for _, _, _, r in drawn)
    fig = new_figure(theme)
    ax = styled_axes(fig, theme, title, ylabel=tr(
        "progress.axis.share_running" if running else ylabel_key, lang))
    all_x: set[float] = set()
    for line, xs, ys, _ in drawn:
        if not xs:
            continue
        color = line.color or tool_color(tool)
        ax.plot(xs, ys, color=color, linewidth=1.8, linestyle="--" if line.dashed else "-",
                marker="o" if len(xs) <= 40 else None, markersize=4, label=tr(line.label, lang),
                gid=line.metric)
        all_x |= set(xs)
    if fill_between and len(drawn) == 2 and drawn[0][1] == drawn[1][1] and drawn[0][1]:
        ax.fill_between(drawn[0][1], drawn[0][2], drawn[1][2], color=tool_color(tool),
                        alpha=0.12, linewidth=0)
    if percent:
        ax.set_ylim(0, 105)
        ax.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
    elif ylim:
        ax.set_ylim(*ylim)
    if len(lines) > 1:
        legend(ax, theme, loc="best", ncols=len(lines))
    if note:
        corner_note(ax, theme, note)
    time_axis(ax, sorted(all_x), s["bucket"], lang)
    return Chart(key, tool, title, fig)


def _overall(d: dict, metric: str, lang: str, percent: bool = True) -> str | None:
    value = d["summary"].get(metric)
    if value is None:
        return None
    text = (i18n.format_percent(value, lang=lang) if percent
            else i18n.format_number(round(value, 1), lang=lang))
    return tr("progress.series.overall", lang, value=text)


# --- empathy triangle ---------------------------------------------------------------------

def triangle_rates(d: dict, lang: str, theme: Theme) -> Chart:
    return time_lines("triangle.rates", "triangle", d, lang, theme, "progress.chart.triangle_rates",
                      [Line("complete", "progress.series.complete"),
                       Line("confirmed", "progress.series.confirmed", theme.good, dashed=True)],
                      "progress.axis.share", percent=True)


def triangle_balance(d: dict, lang: str, theme: Theme) -> Chart:
    return time_lines("triangle.balance", "triangle", d, lang, theme,
                      "progress.chart.triangle_balance", [Line("balance", "progress.series.average_plain")],
                      "progress.axis.rating", ylim=(1, 5.2),
                      note=_overall(d, "balance", lang, percent=False))


# --- TK ------------------------------------------------------------------------------------

def tk_profile(d: dict, lang: str, theme: Theme) -> Chart:
    from .progress import choice_label

    title = tr("progress.chart.tk_profile", lang)
    attempts = d.get("attempts") or []
    if not attempts:
        return Chart("tk_conflict.profile", "tk_conflict", title,
                     empty_figure(theme, title, tr("progress.empty.tk_profile", lang)), True)
    fig = new_figure(theme)
    ax = styled_axes(fig, theme, title, ylabel=tr("progress.axis.score", lang))
    xs = list(range(1, len(attempts) + 1))
    modes = [m for m in ("competing", "collaborating", "compromising", "avoiding",
                         "accommodating") if any(m in a["scores"] for a in attempts)]
    for i, mode in enumerate(modes):
        ax.plot(xs, [a["scores"].get(mode) for a in attempts], marker="o", markersize=4,
                linewidth=1.8, color=theme.palette[i % len(theme.palette)], gid=mode,
                label=choice_label("tk_conflict", "mode_used", mode, lang))
    for lo, hi in ((-0.5, 3.5), (8.5, 12.5)):  # the low and high bands
        ax.axhspan(lo, hi, color=theme.grid, alpha=0.35, linewidth=0)
    ax.set_ylim(-0.5, 12.5)
    ax.set_yticks([0, 3, 6, 9, 12])
    ax.set_xlim(0.6, len(attempts) + 0.4 + (1.6 if len(attempts) < 3 else 0))
    ax.set_xticks(xs, [date_label(date.fromisoformat(a["when"][:10]), "day", lang)
                       for a in attempts])
    legend(ax, theme, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return Chart("tk_conflict.profile", "tk_conflict", title, fig)


def tk_modes(d: dict, lang: str, theme: Theme) -> Chart:
    from .progress import choice_label

    title = tr("progress.chart.tk_modes", lang)
    return counts_chart("tk_conflict.modes", "tk_conflict", title, d["counts"]["modes"],
                        lambda k: choice_label("tk_conflict", "mode_used", k, lang), theme, lang,
                        tool_color("tk_conflict"), _hint("tk_conflict", lang, 1),
                        tr("progress.axis.conflicts", lang))


def tk_win_win(d: dict, lang: str, theme: Theme) -> Chart:
    return time_lines("tk_conflict.win_win", "tk_conflict", d, lang, theme,
                      "progress.chart.tk_win_win", [Line("win_win", "progress.series.win_win")],
                      "progress.axis.share", percent=True, note=_overall(d, "win_win", lang))


# --- pre-communication plan -----------------------------------------------------------------

def precomm_rates(d: dict, lang: str, theme: Theme) -> Chart:
    return time_lines("precomm.rates", "precomm", d, lang, theme, "progress.chart.precomm_rates",
                      [Line("preparation", "progress.series.preparation"),
                       Line("loop_closed", "progress.series.loop_closed", theme.good, dashed=True)],
                      "progress.axis.share", percent=True)


def precomm_outcome(d: dict, lang: str, theme: Theme) -> Chart:
    return time_lines("precomm.outcome", "precomm", d, lang, theme,
                      "progress.chart.precomm_outcome",
                      [Line("predicted", "progress.series.predicted", theme.muted, dashed=True),
                       Line("actual", "progress.series.actual")],
                      "progress.axis.outcome", ylim=(1, 5.2))


def precomm_temperature(d: dict, lang: str, theme: Theme) -> Chart:
    change = d["summary"].get("temp_change")
    note = None if change is None else tr(
        "progress.series.change", lang, value=f"{change:+.1f}")
    return time_lines("precomm.temperature", "precomm", d, lang, theme,
                      "progress.chart.precomm_temperature",
                      [Line("temp_before", "progress.series.temp_before", theme.muted, dashed=True),
                       Line("temp_after", "progress.series.temp_after", theme.warn)],
                      "progress.axis.temperature", ylim=(1, 5.2), fill_between=True, note=note)


# --- five-star message ------------------------------------------------------------------------

def fivestar_stars(d: dict, lang: str, theme: Theme) -> Chart:
    return time_lines("fivestar.stars", "fivestar", d, lang, theme, "progress.chart.fivestar_stars",
                      [Line("stars", "progress.series.average_plain")], "progress.axis.stars",
                      ylim=(1, 5.2), note=_overall(d, "stars", lang, percent=False))


def fivestar_per_star(d: dict, lang: str, theme: Theme) -> Chart:
    from .progress import FIVESTAR_STARS, _star_name

    title = tr("progress.chart.fivestar_per_star", lang)
    values = [(k, d["summary"].get(k)) for k in FIVESTAR_STARS]
    values = [(k, v) for k, v in values if v is not None]
    if not values:
        return Chart("fivestar.per_star", "fivestar", title,
                     empty_figure(theme, title, _hint("fivestar", lang, 1)), True)
    fig = new_figure(theme)
    ax = styled_axes(fig, theme, title, xlabel=tr("progress.axis.stars", lang))
    ax.grid(False, axis="y")
    ax.grid(True, axis="x", color=theme.grid, linewidth=0.8)
    ordered = values[::-1]  # star 1 on top
    weakest = min(v for _, v in values)
    colors = [theme.warn if v == weakest and len(values) > 1 else tool_color("fivestar")
              for _, v in ordered]
    bars = ax.barh(range(len(ordered)), [v for _, v in ordered], color=colors, height=0.62,
                   gid="per_star")
    ax.set_yticks(range(len(ordered)), [_star_name(k, lang) for k, _ in ordered])
    ax.tick_params(axis="y", labelsize=LABEL_SIZE, colors=theme.foreground, length=0)
    for rect, (_, v) in zip(bars, ordered):
        ax.text(rect.get_width(), rect.get_y() + rect.get_height() / 2,
                f" {i18n.format_number(round(v, 1), lang=lang)}", va="center", ha="left",
                fontsize=TICK_SIZE, color=theme.foreground)
    ax.set_xlim(0, 5.6)
    return Chart("fivestar.per_star", "fivestar", title, fig)


def fivestar_granted(d: dict, lang: str, theme: Theme) -> Chart:
    return time_lines("fivestar.granted", "fivestar", d, lang, theme,
                      "progress.chart.fivestar_granted", [Line("granted", "progress.series.granted")],
                      "progress.axis.share", percent=True, note=_overall(d, "granted", lang))


def fivestar_flags(d: dict, lang: str, theme: Theme) -> Chart:
    return time_bars("fivestar.flags", "fivestar", d, lang, theme, "progress.chart.fivestar_flags",
                     "flags", "progress.axis.flags", note=_overall(d, "flags", lang, percent=False),
                     integer=d["series"]["bucket"] == "entry")


# Charts per tool key, in the order the page shows them.
TOOL_CHARTS: dict[str, list[Callable[[dict, str, Theme], Chart]]] = {
    "abcde": [abcde_emotion, abcde_belief, abcde_red, abcde_patterns],
    "triangle": [triangle_rates, triangle_balance],
    "tk_conflict": [tk_profile, tk_modes, tk_win_win],
    "precomm": [precomm_rates, precomm_outcome, precomm_temperature],
    "fivestar": [fivestar_stars, fivestar_per_star, fivestar_granted, fivestar_flags],
}


def build_charts(data: dict, lang: str | None = None, theme: Theme | str = LIGHT,
                 overview: bool = True) -> list[Chart]:
    """Every chart of a :func:`coach.progress.dashboard` result."""
    lang = lang or i18n.current()
    theme = THEMES[theme] if isinstance(theme, str) else theme
    out = [overview_chart(data, lang, theme)] if overview else []
    for tool, tool_data in data["tools"].items():
        for builder in TOOL_CHARTS.get(tool, []):
            out.append(builder(tool_data, lang, theme))
    return out


# --- for exports -------------------------------------------------------------------

def dashboard_charts(period=None, tools: Iterable[str] | None = None, lang: str | None = None,
                     theme: Theme | str = LIGHT, today: date | None = None) -> list[Chart]:
    """Compute the dashboard for ``period`` / ``tools`` from the open diary and build its charts."""
    from .progress import dashboard

    return build_charts(dashboard(period, tools, today), lang, theme)


def figure_bytes(fig: Figure, fmt: str = "png", dpi: int = 150) -> bytes:
    """The figure as PNG or SVG bytes (Agg / SVG backends, no GUI)."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"unsupported format {fmt!r}")
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=dpi, facecolor=fig.get_facecolor())
    return buf.getvalue()


def dashboard_images(period=None, tools: Iterable[str] | None = None, fmt: str = "png",
                     lang: str | None = None, theme: Theme | str = LIGHT, dpi: int = 150,
                     today: date | None = None) -> dict[str, bytes]:
    """``{chart key: image bytes}`` for every dashboard chart, in page order."""
    return {c.key: figure_bytes(c.figure, fmt, dpi)
            for c in dashboard_charts(period, tools, lang, theme, today)}


__all__ = ["Chart", "Theme", "LIGHT", "DARK", "THEMES", "TOOL_CHARTS", "register_cjk_font",
           "build_charts", "dashboard_charts", "dashboard_images", "figure_bytes", "tool_color"]
