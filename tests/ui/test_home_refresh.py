"""Home reads every tool's entries for its figures: it does so when it is seen,
not after every autosave of a page the user is typing in."""
from __future__ import annotations

from coach.store import entries as store


def test_autosaves_do_not_refresh_a_hidden_home_and_showing_it_does(window, qtbot, monkeypatch):
    calls = []
    original = type(window.home).refresh
    monkeypatch.setattr(type(window.home), "refresh", lambda self: (calls.append(1), original(self)))
    page = window.tool_pages["abcde"]
    window.show_page(page)
    calls.clear()
    for text in ("first", "first and second", "first, second and third"):
        page.form.widgets["event"].edit.setPlainText(text)
        page.flush()
    assert store.get(page.record.uuid).data["event"] == "first, second and third"
    assert calls == []  # three saves, Home untouched while hidden
    window.show_page(window.home)
    assert len(calls) == 1
    drafts = [window.home.drafts.item(i).text() for i in range(window.home.drafts.count())]
    assert any(t.startswith("first, second and third") for t in drafts)
    # on screen, a change made from Home itself shows at once
    window.ctx.refresh_home()
    assert len(calls) == 2


def test_at_start_the_figures_come_right_after_the_first_paint(qtbot, db, data_dir):
    from coach.tools import registry
    from coach.ui.main_window import MainWindow

    spec = registry()["abcde"]
    store.save(store.EntryRecord(uuid="", tool="abcde", status="complete", data=spec.examples["en"]))
    win = MainWindow(data_dir, figures_after_paint=True)
    qtbot.addWidget(win)
    assert window_figures(win) == []  # not yet: the window paints first
    win.show()
    qtbot.waitUntil(lambda: window_figures(win) != [], timeout=5000)
    assert any(name.startswith("figure_abcde_") for name in window_figures(win))


def window_figures(win) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [w.objectName() for w in win.home.figures_box.findChildren(QLabel)
            if w.objectName().startswith("figure_")]


def test_two_line_rows_with_chinese_are_tall_enough_for_both_lines(window, qtbot):
    from coach.ui.layouts import line_height

    rec = store.save(store.EntryRecord(uuid="", tool="abcde", status="complete",
                                       data={"event": "请周五前确认新员工的电脑和账号。"}))
    window.home.refresh()
    item = window.home.recent.item(0)
    assert item.text().startswith("请周五前确认新员工的电脑和账号。\n")
    lines = line_height(window.home.recent.font())
    assert window.home.recent.visualItemRect(item).height() >= 2 * lines
    page = window.tool_pages["abcde"]
    window.show_page(page)
    row = next(page.list.item(i) for i in range(page.list.count())
               if page.list.item(i).data(0x0100) == rec.uuid)
    assert page.list.visualItemRect(row).height() >= 2 * lines
