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
    "tk": "#2e9e6b",
    "tk_conflict": "#2e9e6b",
    "conflict": "#2e9e6b",
    "precomm": "#8b5cc7",
    "fivestar": "#c9a227",
}
_SPARE = ("#4fb3bf", "#d9534f", "#7f8c8d", "#a0522d")


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
    width = bar_width(ov["bucket"])
    for tool, counts in ov["tools"].items():
        if not any(counts):
            continue
        ax.bar(xs, counts, width=width, bottom=bottom, color=tool_color(tool),
               label=tool_name(tool, lang), gid=f"bars:{tool}")
        bottom = [b + c for b, c in zip(bottom, counts)]
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
    legend(ax, theme, loc="lower left", ncols=2)
    return Chart("abcde.emotion", "abcde", title, fig)


def abcde_belief(d: dict, lang: str, theme: Theme) -> Chart:
    title = tr("progress.chart.abcde_belief", lang)
    s = d["series"]
    xs, ys = _values(s, "belief_drop")
    if len(xs) < 2:
        return Chart("abcde.belief_drop", "abcde", title,
                     empty_figure(theme, title, _hint("abcde", lang, 2)), True)
    fig = new_figure(theme)
    ax = styled_axes(fig, theme, title, ylabel=tr("progress.axis.points_drop", lang))
    ax.bar(xs, ys, width=bar_width(s["bucket"]), color=tool_color("abcde"), alpha=0.85,
           gid="belief_drop")
    avg = d["summary"]["belief_drop"]
    if avg is not None:
        ax.axhline(avg, color=theme.foreground, linewidth=1, linestyle="--", gid="average")
        corner_note(ax, theme, tr("progress.series.average", lang,
                                  value=i18n.format_number(round(avg), lang=lang)))
    ax.axhline(0, color=theme.muted, linewidth=0.8)
    time_axis(ax, xs, s["bucket"], lang)
    return Chart("abcde.belief_drop", "abcde", title, fig)


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


# Charts per tool key, in the order the page shows them.
TOOL_CHARTS: dict[str, list[Callable[[dict, str, Theme], Chart]]] = {
    "abcde": [abcde_emotion, abcde_belief, abcde_red, abcde_patterns],
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
