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
