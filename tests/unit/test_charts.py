"""Chart builders, tested on what they plot (data, heights, texts), not on pixels."""
from __future__ import annotations

import subprocess
import sys
import warnings
from datetime import date

import pytest

from tests.conftest import ROOT

charts = pytest.importorskip("coach.charts")
from coach.charts import DARK, LIGHT, build_charts, figure_bytes  # noqa: E402


def series(x, **metrics):
    out = {"bucket": "week", "x": x, "n": [1] * len(x), "counts": {}}
    out.update(metrics)
    return out


def abcde_tool(x, before, after, belief_drop, red, patterns=None, bucket="week"):
    s = series(x, emotion_before=before, emotion_after=after, belief_drop=belief_drop,
               red_light=red)
    s["bucket"] = bucket
    valid = [b for b in belief_drop if b is not None]
    return {"tool": "abcde", "count": len(x),
            "summary": {"belief_drop": sum(valid) / len(valid) if valid else None,
                        "red_light": 0.25},
            "counts": {"patterns": patterns or {}}, "series": s}


def data_with(tool: dict, overview=None) -> dict:
    return {"overview": overview or {"bucket": "week", "x": [], "tools": {}, "total": 0,
                                     "streak_weeks": 0, "longest_streak_weeks": 0},
            "tools": {"abcde": tool}, "insights": []}


X = ["2026-10-05", "2026-10-12", "2026-10-19"]
XN = [date.fromisoformat(x).toordinal() for x in X]


def by_key(chart_list):
    return {c.key: c for c in chart_list}


def texts(fig) -> list[str]:
    found = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        found += [t.get_text() for t in ax.texts]
        found += [ax.get_title(loc) for loc in ("left", "center")]
        found += [ax.get_xlabel(), ax.get_ylabel()]
        found += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        legend = ax.get_legend()
        if legend:
            found += [t.get_text() for t in legend.get_texts()]
    if fig._suptitle is not None:
        found.append(fig._suptitle.get_text())
    return [t for t in found if t]


def test_emotion_chart_plots_before_and_after_per_bucket():
    tool = abcde_tool(X, [70, 65, None], [40, 30, None], [30, 20, None], [1, 0, None])
    tool["series"]["emotion_before"][2] = 60
    tool["series"]["emotion_after"][2] = 20
    chart = by_key(build_charts(data_with(tool), "en"))["abcde.emotion"]
    assert not chart.empty
    ax = chart.figure.axes[0]
    lines = {line.get_gid(): line for line in ax.get_lines()}
    assert list(lines["before"].get_xdata()) == XN
    assert list(lines["before"].get_ydata()) == [70, 65, 60]
    assert list(lines["after"].get_ydata()) == [40, 30, 20]
    assert ax.get_ylim() == (0, 100)
    assert "Emotion intensity before and after reframing" in texts(chart.figure)
    assert {"Before", "After", "5 Oct", "12 Oct", "19 Oct"} <= set(texts(chart.figure))


def test_missing_values_are_left_out_not_drawn_as_zero():
    tool = abcde_tool(X, [70, None, 60], [40, None, 20], [30, None, 10], [1, None, 0])
    chart = by_key(build_charts(data_with(tool), "en"))["abcde.emotion"]
    after = next(l for l in chart.figure.axes[0].get_lines() if l.get_gid() == "after")
    assert list(after.get_xdata()) == [XN[0], XN[2]]


def test_belief_chart_bars_and_average_line():
    tool = abcde_tool(X, [70, 65, 60], [40, 30, 20], [30, 20, 10], [1, 0, 0])
    chart = by_key(build_charts(data_with(tool), "zh_CN"))["abcde.belief_drop"]
    ax = chart.figure.axes[0]
    heights = [round(p.get_height(), 6) for p in ax.containers[0]]
    assert heights == [30, 20, 10]
    avg = next(l for l in ax.get_lines() if l.get_gid() == "average")
    assert list(avg.get_ydata()) == [20, 20]
    assert "平均 20" in texts(chart.figure)
    assert "驳斥后信念强度的下降" in texts(chart.figure)
    assert "10月5日" in texts(chart.figure)


def test_red_light_share_is_in_percent_and_running_per_entry():
    weekly = abcde_tool(X, [1, 1, 1], [1, 1, 1], [1, 1, 1], [0.5, 0.25, 0.0])
    ax = by_key(build_charts(data_with(weekly), "en"))["abcde.red_light"].figure.axes[0]
    assert list(ax.get_lines()[0].get_ydata()) == [50, 25, 0]
    per_entry = abcde_tool(["2026-10-05T09:00:00", "2026-10-06T09:00:00", "2026-10-07T18:00:00"],
                           [1, 1, 1], [1, 1, 1], [1, 1, 1], [1.0, 0.0, 1.0], bucket="entry")
    chart = by_key(build_charts(data_with(per_entry), "en"))["abcde.red_light"]
    line = chart.figure.axes[0].get_lines()[0]
    assert list(line.get_ydata()) == pytest.approx([100, 50, 66.666], abs=0.01)
    assert line.get_xdata()[2] == pytest.approx(date(2026, 10, 7).toordinal() + 0.75)
    assert "Share so far" in texts(chart.figure)


def test_patterns_chart_sorts_bars_with_translated_labels():
    tool = abcde_tool(X, [1, 1, 1], [1, 1, 1], [1, 1, 1], [0, 0, 0],
                      patterns={"demands": 3, "mind_reading": 7, "catastrophising": 1})
    for lang, top in (("en", "Mind reading"), ("zh_CN", "读心术")):
        chart = by_key(build_charts(data_with(tool), lang))["abcde.patterns"]
        ax = chart.figure.axes[0]
        widths = [p.get_width() for p in ax.containers[0]]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert widths == [1, 3, 7]  # bottom to top: the most frequent on top
        assert labels[-1] == top


def test_sparse_data_shows_what_to_do_instead_of_an_axis():
    tool = abcde_tool(X[:1], [70], [40], [30], [1])
    built = by_key(build_charts(data_with(tool), "en"))
    for key in ("abcde.emotion", "abcde.belief_drop", "abcde.red_light", "abcde.patterns",
                "overview.entries"):
        assert built[key].empty, key
        assert built[key].figure.axes == []
    hint = " ".join(texts(built["abcde.emotion"].figure))
    assert "Complete at least 2 ABCDE reframing entries" in hint
    assert "tick the patterns" in " ".join(texts(built["abcde.patterns"].figure))
    zh = by_key(build_charts(data_with(tool), "zh_CN"))["abcde.emotion"]
    assert "至少 2 条「ABCDE 情绪转变」" in " ".join(texts(zh.figure))


def test_overview_stacks_tools_in_their_colours():
    ov = {"bucket": "week", "x": X, "tools": {"abcde": [1, 0, 4], "other": [2, 1, 0]},
          "total": 8, "streak_weeks": 3, "longest_streak_weeks": 5}
    chart = by_key(build_charts(data_with(abcde_tool(X, *[[1] * 3] * 4), ov), "en"))[
        "overview.entries"]
    ax = chart.figure.axes[0]
    bars = {c.get_gid(): c for c in ax.collections}

    def spans(tool):  # (x centre, bottom, top) of each bar drawn for the tool
        out = []
        for path in bars[f"bars:{tool}"].get_paths():
            v = path.vertices
            out.append((round((v[:, 0].min() + v[:, 0].max()) / 2), v[:, 1].min(), v[:, 1].max()))
        return out

    assert spans("abcde") == [(XN[0], 0, 1), (XN[2], 0, 4)]  # zero weeks draw nothing
    assert spans("other") == [(XN[0], 1, 3), (XN[1], 0, 1)]  # stacked on top of abcde
    assert bars["bars:abcde"].get_facecolor()[0][:3] == pytest.approx(
        tuple(int(charts.tool_color("abcde")[i:i + 2], 16) / 255 for i in (1, 3, 5)))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["ABCDE reframing", "other"]
    assert "Streak: 3 wk · longest 5 wk" in texts(chart.figure)


def test_themes_colour_the_figure():
    tool = abcde_tool(X, [70, 65, 60], [40, 30, 20], [30, 20, 10], [1, 0, 0])
    light = by_key(build_charts(data_with(tool), "en", LIGHT))["abcde.emotion"].figure
    dark = by_key(build_charts(data_with(tool), "en", "dark"))["abcde.emotion"].figure
    assert light.get_facecolor()[:3] == (1.0, 1.0, 1.0)
    assert sum(dark.get_facecolor()[:3]) < 0.6
    assert dark._suptitle.get_color() == DARK.foreground
    assert light._suptitle.get_color() == LIGHT.foreground


def test_cjk_font_is_registered_first_and_chinese_renders_without_missing_glyphs():
    import matplotlib

    family = charts.register_cjk_font()
    assert family == "Noto Sans CJK SC"
    assert matplotlib.rcParams["font.sans-serif"][0] == family
    tool = abcde_tool(X, [70, 65, 60], [40, 30, 20], [30, 20, 10], [1, 0, 0],
                      patterns={"overgeneralising": 2})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font" would fail here
        for chart in build_charts(data_with(tool), "zh_CN"):
            png = figure_bytes(chart.figure, "png", dpi=50)
            assert png.startswith(b"\x89PNG")
    svg = figure_bytes(chart.figure, "svg").decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    with pytest.raises(ValueError):
        figure_bytes(chart.figure, "gif")


def test_charts_never_touch_pyplot():
    code = ("import sys; from coach import charts; charts.register_cjk_font(); "
            "print('matplotlib.pyplot' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_dashboard_images_for_exports(db):
    from coach.progress import Period
    from coach.store import entries as store

    for day in (1, 8, 15):
        store.save(store.EntryRecord(uuid="", tool="abcde", status="complete", data={
            "emotions": [{"emotion": "anger", "intensity": 80, "after": 30}],
            "belief_strength": 70, "belief_strength_after": 20, "patterns": ["demands"]},
            created_at=charts.datetime(2026, 11, day, 12).astimezone()))
    images = charts.dashboard_images(Period("4w"), ["abcde"], "svg", "zh_CN",
                                     today=date(2026, 11, 26))
    assert list(images) == ["overview.entries", "abcde.emotion", "abcde.belief_drop",
                            "abcde.red_light", "abcde.patterns"]
    assert all(b"<svg" in v for v in images.values())
    found = charts.dashboard_charts(Period("4w"), ["abcde"], "en", today=date(2026, 11, 26))
    assert not any(c.empty for c in found)
