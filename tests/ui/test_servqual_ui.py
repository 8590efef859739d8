"""Peer rating round: export the form, import answers, see aggregates only from three."""
from __future__ import annotations

import json
import re

from PySide6.QtCore import Qt

from coach.store import entries as store
from coach.tools import servqual as sq


def open_round(qtbot, window):
    page = window.tool_pages["servqual"]
    window.show_page(page)
    page.new_entry()
    qtbot.keyClicks(page.form.widgets["round"].edit, "Q4")
    qtbot.keyClicks(page.form.widgets["service"].edit, "Monthly reports")
    return page


def colleague_answers(page_html: str, e: int, p: int, rid: str, comments=()) -> bytes:
    """What the HTML page's script writes: ids and the form id read from the page."""
    payload = json.loads(re.search(r'<script id="payload" type="application/json">(.*?)</script>',
                                   page_html, re.S).group(1))
    ids = re.findall(r'class="statement" data-id="([^"]+)"', page_html)
    return json.dumps({**payload, "response_id": rid, "submitted_at": "2026-11-26T10:00:00Z",
                       "ratings": {i: {"e": e, "p": p} for i in ids},
                       "comments": [{"kind": k, "text": t} for k, t in comments]}).encode()


def test_export_import_and_results(qtbot, window, tmp_path):
    page = open_round(qtbot, window)
    widget = page.form.widgets["responses"]
    assert len(page.form.widgets["statements"].rows) == 15  # our default statements
    form_file = tmp_path / "form.html"
    assert widget.export_form(form_file)
    html_text = form_file.read_text("utf-8")
    assert page.record is not None  # saved so the form names this round
    assert sq.form_id(page.form.value(), page.record.uuid) in html_text
    files = []
    for i, (e, p) in enumerate([(6, 4), (6, 5), (7, 6)]):
        f = tmp_path / f"a{i}.json"
        f.write_bytes(colleague_answers(html_text, e, p, f"resp{i:06d}",
                                        [("pain", "slow on Mondays")] if i == 0 else []))
        files.append(f)
    # two answers: counted, but no ratings shown
    assert widget.import_answers(files[:2]) == 2
    assert "Answers received: 2" in widget.count.text()
    assert "Tangibles" not in widget.results.toPlainText()
    # a bad file among good ones: nothing is imported
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "coach-servqual-answers", "version": 1, "form": "x"}')
    assert widget.import_answers([files[2], bad]) == 0
    assert "Nothing was imported. bad.json" in widget.message.text()
    assert len(widget.value()) == 2
    # the third answer: results appear
    assert widget.import_answers([files[2]]) == 1
    text = widget.results.toPlainText()
    assert "Tangibles" in text and "-1.33" in text and "slow on Mondays" in text
    page.flush()
    stored = store.get(page.record.uuid).data
    assert len(stored["responses"]) == 3
    assert all(len(r["ratings"]) == 15 for r in stored["responses"])
    # importing the same file again is refused
    assert widget.import_answers([files[0]]) == 0
    assert "already been imported" in widget.message.text()


def test_export_refuses_an_incomplete_form(qtbot, window, tmp_path):
    page = open_round(qtbot, window)
    w = page.form.widgets["importance_empathy"]
    w.spin.selectAll()
    qtbot.keyClicks(w.spin, "90")
    widget = page.form.widgets["responses"]
    assert not widget.export_form(tmp_path / "form.html")
    assert not (tmp_path / "form.html").exists()
    assert "add up to 100" in widget.message.text()
