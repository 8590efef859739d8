"""The Progress page: filters update the charts at once, charts save, nothing blocks start-up."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt

from tests.conftest import ROOT


def _add(days_ago: int, drop: int, red=False):
    from coach.store import entries as store

    when = datetime.combine(date.today() - timedelta(days=days_ago),
                            datetime.min.time()).replace(hour=12).astimezone()
    store.save(store.EntryRecord(uuid="", tool="abcde", status="complete", created_at=when, data={
        "event": "e", "belief": "b", "balanced_thought": "c",
        "emotions": [{"emotion": "anger", "intensity": 80, "after": 80 - drop}],
        "belief_strength": 80, "belief_strength_after": 40, "red_light": red,
        "patterns": ["demands"]}))


def _open(qtbot, window):
    page = window.page("progress")
    window.show_page(page)
    qtbot.waitUntil(page.is_ready, timeout=10000)
    return page


def _canvas_keys(page) -> list[str]:
    return [c.chart.key for c in page.canvases]


def test_page_is_in_the_sidebar_after_journal_and_before_settings(window):
    keys = [getattr(p, "nav_key", "") for p in window.pages]
    assert "progress" in keys
    assert keys.index("progress") < keys.index("settings")
    assert window.page("progress").title() == "Progress"


def test_empty_diary_says_what_to_do(qtbot, window):
    page = _open(qtbot, window)
    assert _canvas_keys(page)[0] == "overview.entries"
    assert all(c.chart.empty for c in page.canvases)
    assert page.insight_labels[0].text().startswith("Complete a few entries")


def test_period_and_tool_filter_update_the_charts_at_once(qtbot, window):
    for days_ago, drop in ((2, 40), (5, 30), (9, 20), (60, 10), (70, 10)):
        _add(days_ago, drop)
    page = _open(qtbot, window)
    emotion = next(c for c in page.canvases if c.chart.key == "abcde.emotion")
    after = next(l for l in emotion.figure.axes[0].get_lines() if l.get_gid() == "after")
    assert len(after.get_xdata()) == 5  # three months: every entry
    # keyboard: choose "Last 4 weeks" in the period box
    page.period.setFocus()
    qtbot.keyClick(page.period, Qt.Key_Up)  # 3m -> 4w
    assert page.period.currentData() == "4w"
    qtbot.waitUntil(page.is_ready, timeout=10000)
    emotion = next(c for c in page.canvases if c.chart.key == "abcde.emotion")
    after = next(l for l in emotion.figure.axes[0].get_lines() if l.get_gid() == "after")
    assert list(after.get_ydata()) == [60, 50, 40]
    assert page.data["tools"]["abcde"]["count"] == 3
    # custom range: only the two old entries
    page.period.setCurrentIndex(page.period.findData("custom"))
    assert page.date_from.isVisible() and page.date_to.isVisible()
    page.date_from.setDate(date.today() - timedelta(days=75))
    page.date_to.setDate(date.today() - timedelta(days=50))
    qtbot.waitUntil(page.is_ready, timeout=10000)
    assert page.data["tools"]["abcde"]["count"] == 2
    assert page.data["period"]["kind"] == "custom"
    # tool filter: the tool's charts only come with that tool
    page.tool.setCurrentIndex(page.tool.findData("abcde"))
    qtbot.waitUntil(page.is_ready, timeout=10000)
    assert page.data["tools_selected"] == ["abcde"]
    assert "abcde.patterns" in _canvas_keys(page)


def test_language_switch_redraws_charts_and_insights(qtbot, window):
    from coach import i18n

    for days_ago in range(0, 30, 3):
        _add(days_ago, 30)
    page = _open(qtbot, window)
    assert any("reframing" in label.text() for label in page.insight_labels)
    i18n.set_language("zh_CN")
    canvas = next(c for c in page.canvases if c.chart.key == "abcde.emotion")
    assert canvas.figure._suptitle.get_text() == "转变前后的情绪强度"
    assert page.heading.text() == "我的成长轨迹"
    assert any("ABCDE" in label.text() and "分" in label.text() for label in page.insight_labels)
    assert page.period.itemText(0) == "最近 4 周"


def test_context_menu_saves_png_and_svg(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    for days_ago in range(0, 20, 4):
        _add(days_ago, 25)
    page = _open(qtbot, window)
    canvas = next(c for c in page.canvases if c.chart.key == "abcde.emotion")
    actions = canvas.actions_for_menu()
    assert [a.text() for a in actions] == ["Save chart as PNG…", "Save chart as SVG…",
                                           "Copy chart"]
    target = tmp_path / "emotion"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    actions[0].trigger()
    assert (tmp_path / "emotion.png").read_bytes().startswith(b"\x89PNG")
    actions[1].trigger()
    assert b"<svg" in (tmp_path / "emotion.svg").read_bytes()
    assert not list(tmp_path.glob(".*part"))


def test_saving_to_an_unwritable_place_reports_and_leaves_nothing(qtbot, window, tmp_path,
                                                                  monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    page = _open(qtbot, window)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: shown.append(a[2])))
    missing = tmp_path / "no-such-folder" / "chart.png"
    assert page.canvases[0].save_to(str(missing), "png") is False
    assert shown and "Could not save the chart" in shown[0]
    assert not missing.exists()


def test_new_entries_show_when_the_page_is_opened_again(qtbot, window):
    page = _open(qtbot, window)
    assert page.data["overview"]["total"] == 0
    window.show_page(window.home)
    _add(1, 30)
    window.data_changed()  # e.g. after an import; saving from a tool page does the same below
    _add(2, 30)
    window.tool_pages["abcde"].entry_saved.emit("x")
    window.show_page(page)
    qtbot.waitUntil(lambda: page.is_ready() and page.data["overview"]["total"] == 2,
                    timeout=10000)


def test_start_up_does_not_import_matplotlib_until_progress_is_shown(tmp_path):
    code = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from coach.store import open_database
from coach.ui.app import make_application
from coach.ui.main_window import MainWindow
app = make_application()
open_database({str(tmp_path / 'coach.sqlite3')!r})
from pathlib import Path
w = MainWindow(Path({str(tmp_path)!r})); w.show(); app.processEvents()
before = sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib')
import time
page = w.page('progress'); w.show_page(page)
deadline = time.monotonic() + 20
while not page.is_ready() and time.monotonic() < deadline:
    app.processEvents(); time.sleep(0.01)
after = 'matplotlib' in sys.modules and 'matplotlib.backends.backend_qtagg' in sys.modules
print(before, after)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[] True"
