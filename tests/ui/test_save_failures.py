"""A disk that fills up, a folder that turns read-only, a diary that is busy:
the user is told plainly, the typing stays in the form and is saved by a
retry once the trouble is gone, and the diary is never damaged."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from coach import i18n
from coach.store import entries as store
from coach.store.check import check_database
from coach.store.connection import write_failure_kind
from coach.ui import tool_page
from tests.ui.conftest import type_text

LONG = "会议延期 the launch slipped again " * 600  # ≈ 20 KB: needs new pages


def start_entry(qtbot, window):
    qtbot.mouseClick(window.home.start_buttons["abcde"], Qt.LeftButton)
    return window.tool_pages["abcde"]


def make_full(db):
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")  # a real SQLITE_FULL on the next growth


def make_writable(db):
    db.execute_sql("PRAGMA max_page_count = 1073741823")
    db.execute_sql("PRAGMA query_only = 0")


def make_readonly(db):
    db.execute_sql("PRAGMA query_only = 1")  # a real "attempt to write a readonly database"


@pytest.mark.parametrize("trouble, kind, words", [
    (make_full, "full", "disk is full"),
    (make_readonly, "readonly", "read-only"),
])
def test_typing_survives_a_failing_disk_and_is_saved_when_it_recovers(
        qtbot, window, db, monkeypatch, trouble, kind, words):
    monkeypatch.setattr(tool_page, "RETRY_MS", 300)
    page = start_entry(qtbot, window)
    edit = page.form.widgets["event"].edit
    trouble(db)
    type_text(qtbot, edit, "Meeting moved 会议")
    edit.insertPlainText(LONG)  # what a paste / input method commits
    qtbot.waitUntil(lambda: page.last_error_kind == kind, timeout=5000)
    status = page.form.status.text()
    assert words in status and "kept here" in status
    assert store.count() == 0
    # The user cannot lose the text by starting another entry.
    qtbot.mouseClick(page.new_button, Qt.LeftButton)
    assert edit.toPlainText() == "Meeting moved 会议" + LONG
    assert "stays open" in page.form.status.text()
    # The message follows a language switch.
    i18n.set_language("zh_CN")
    assert ("磁盘已满" if kind == "full" else "只读") in page.form.status.text()
    i18n.set_language("en")
    # Typing goes on while it fails; the retry keeps trying.
    type_text(qtbot, edit, " more")
    assert page.dirty
    make_writable(db)
    qtbot.waitUntil(lambda: not page.dirty and page.last_error_kind is None, timeout=5000)
    [rec] = store.query()
    assert rec.data["event"] == "Meeting moved 会议" + LONG + " more"
    assert "saved" in page.form.status.text().lower()
    report = check_database(db)
    assert report.ok, report.problems


def test_disk_full_while_updating_keeps_the_stored_version_intact(qtbot, window, db, monkeypatch):
    monkeypatch.setattr(tool_page, "RETRY_MS", 300)
    page = start_entry(qtbot, window)
    edit = page.form.widgets["event"].edit
    type_text(qtbot, edit, "first version")
    qtbot.waitUntil(lambda: page.record is not None and not page.dirty, timeout=5000)
    make_full(db)
    edit.insertPlainText(LONG)
    qtbot.waitUntil(lambda: page.last_error_kind == "full", timeout=5000)
    assert store.get(page.record.uuid).data["event"] == "first version"  # not half-written
    assert check_database(db).ok
    make_writable(db)
    qtbot.waitUntil(lambda: not page.dirty, timeout=5000)
    assert store.get(page.record.uuid).data["event"] == "first version" + LONG


def test_a_busy_diary_is_reported_and_retried(qtbot, window, monkeypatch):
    import sqlite3

    monkeypatch.setattr(tool_page, "RETRY_MS", 200)
    real_save = store.save
    calls = {"n": 0}

    def busy_twice(rec):
        calls["n"] += 1
        if calls["n"] <= 2:
            raise sqlite3.OperationalError("database is locked")
        return real_save(rec)

    monkeypatch.setattr(tool_page.store, "save", busy_twice)
    page = start_entry(qtbot, window)
    type_text(qtbot, page.form.widgets["event"].edit, "busy")
    qtbot.waitUntil(lambda: page.last_error_kind == "locked", timeout=5000)
    assert "another program" in page.form.status.text()
    qtbot.waitUntil(lambda: not page.dirty, timeout=5000)
    assert store.get(page.record.uuid).data["event"] == "busy"
    assert calls["n"] >= 3


@pytest.mark.parametrize("exc, kind", [
    (OSError(28, "No space left on device"), "full"),
    (OSError(30, "Read-only file system"), "readonly"),
    (Exception("database or disk is full"), "full"),
    (Exception("attempt to write a readonly database"), "readonly"),
    (Exception("database is locked"), "locked"),
    (Exception("something else"), "other"),
])
def test_write_failure_kinds(exc, kind):
    assert write_failure_kind(exc) == kind


# --- entries that do not match the spec ------------------------------------------

ODD = {
    "event": 42,  # a number where text belongs
    "emotions": "angry",  # text where rows belong
    "belief": ["a", "list"],
    "belief_strength": "very high",
    "patterns": 5,
    "red_light": "yes",
    "helpful": {"nested": True},
    "balanced_thought": "A real balanced thought",
    "from_a_future_version": {"keep": ["me", 1, None]},
}


def test_odd_entry_opens_and_keeps_what_the_widgets_cannot_show(qtbot, window):
    rec = store.save(store.EntryRecord(uuid="", tool="abcde", data=dict(ODD), spec_version=0))
    window.open_entry("abcde", rec.uuid)
    page = window.tool_pages["abcde"]
    w = page.form.widgets
    assert w["balanced_thought"].edit.toPlainText() == "A real balanced thought"
    assert w["event"].edit.toPlainText() == ""
    for step in range(len(page.form.pages)):
        page.form.go_to(step)  # every page renders without an error
    # Edit one field: everything else is stored exactly as before.
    type_text(qtbot, w["action"].edit, "I said nothing")
    qtbot.waitUntil(lambda: not page.dirty, timeout=5000)
    stored = store.get(rec.uuid).data
    assert stored == {**ODD, "action": "I said nothing"}
    # Editing the odd field itself replaces its value (the user chose to).
    type_text(qtbot, w["event"].edit, "Now text")
    qtbot.waitUntil(lambda: not page.dirty, timeout=5000)
    assert store.get(rec.uuid).data["event"] == "Now text"
    assert store.get(rec.uuid).data["from_a_future_version"] == {"keep": ["me", 1, None]}


def test_odd_values_inside_rows_survive_an_edit_of_the_row(qtbot, window):
    data = {"event": "x", "emotions": [
        {"emotion": "anger", "intensity": "eighty", "mystery": 1, "after": 20},
        "not a row",
    ]}
    rec = store.save(store.EntryRecord(uuid="", tool="abcde", data=data))
    window.open_entry("abcde", rec.uuid)
    page = window.tool_pages["abcde"]
    page.form.go_to(1)
    rows = page.form.widgets["emotions"]
    assert len(rows.rows) == 1
    combo = rows.rows[0].widgets[0].combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Down)
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: not page.dirty, timeout=5000)
    [row] = store.get(rec.uuid).data["emotions"]
    assert row["intensity"] == "eighty" and row["mystery"] == 1 and row["after"] == 20
    assert row["emotion"] != "anger"
    assert json.dumps(row)  # still plain JSON
