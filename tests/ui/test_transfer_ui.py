"""Export, import and homework through the real window and dialogs."""
from __future__ import annotations

import copy
import json
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from coach import homework, i18n
from coach.store import entries as store
from coach.store import settings
from coach.tools import registry
from tests.ui.conftest import type_text


@pytest.fixture
def answer_boxes(qtbot):
    """Answer every message box that pops up (recording its text), like a user would."""
    seen: list[str] = []

    def poll():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            button = box.button(QMessageBox.Yes) or box.defaultButton() or box.button(QMessageBox.Ok)
            if button is not None:
                button.click()
            else:
                box.accept()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(30)
    yield seen
    timer.stop()


def seed(n: int = 3) -> list[str]:
    spec = registry()["abcde"]
    return [store.save(store.EntryRecord(uuid="", tool="abcde", status="complete",
                                         data=copy.deepcopy(spec.examples["zh_CN"]))).uuid
            for _ in range(n)]


def action(window, name):
    return next(a for a in window.section_actions if a.objectName() == name)


def test_file_menu_has_export_import_and_homework_in_both_languages(window):
    names = {a.objectName() for a in window.section_actions}
    assert {"exportAction", "importAction", "exportSelectedAction", "homeworkOpenAction",
            "homeworkNewAction", "homeworkHandinAction"} <= names
    assert action(window, "exportAction").text() == "&Export…"
    i18n.set_language("zh_CN")
    assert action(window, "exportAction").text() == "导出(&E)…"
    assert window.page("homework").title() == "课后作业"


def test_export_dialog_writes_json_and_pdf_off_the_ui_thread(window, qtbot, tmp_path, answer_boxes):
    uuids = seed(3)
    action(window, "exportAction").trigger()
    dialog = window._coach_export_dialog
    assert dialog.scope_all.isChecked() and not dialog.scope_selected.isEnabled()
    assert "not encrypted" in dialog.note.text()
    dialog.set_format("json")
    dialog.export_to(tmp_path / "all")
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=10000)
    doc = json.loads((tmp_path / "all.json").read_text("utf-8"))
    assert sorted(e["uuid"] for e in doc["entries"]) == sorted(uuids)
    assert any("Exported to" in t for t in answer_boxes)

    i18n.set_language("zh_CN")
    action(window, "exportAction").trigger()
    dialog = window._coach_export_dialog
    assert dialog.format.currentText().startswith("PDF")
    dialog.export_to(tmp_path / "doc.pdf")
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20000)
    assert (tmp_path / "doc.pdf").read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_private_text_warning_can_be_declined(window, qtbot, monkeypatch):
    from coach.ui import transfer_dialogs

    seen = []

    def decline():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "privateWarning":
            seen.append(box.text())
            box.button(QMessageBox.Cancel).click()

    QTimer.singleShot(100, decline)
    assert transfer_dialogs.confirm_private(window) is False
    assert "private notes" in seen[0]
    settings.set(transfer_dialogs.SKIP_PRIVATE_WARNING, True)
    assert transfer_dialogs.confirm_private(window) is True


def test_export_selected_from_the_journal(window, qtbot, tmp_path, answer_boxes):
    uuids = seed(3)
    journal = window.page("journal")
    window.show_page(journal)
    journal.data_changed()
    table = journal.entries.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 3)
    table.selectRow(0)
    selected = journal.selected_uuids()
    assert len(selected) == 1
    table.setFocus()
    qtbot.keyClick(table, Qt.Key_E, Qt.ControlModifier | Qt.ShiftModifier)
    dialog = window._coach_export_dialog
    assert dialog.scope_selected.isChecked() and "(1)" in dialog.scope_selected.text()
    dialog.set_format("json")
    dialog.export_to(tmp_path / "one.json")
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=10000)
    doc = json.loads((tmp_path / "one.json").read_text("utf-8"))
    assert [e["uuid"] for e in doc["entries"]] == selected and selected[0] in uuids


def test_long_job_can_be_cancelled(window, qtbot, answer_boxes):
    from coach.export import Cancelled
    from coach.ui.jobs import run_job

    results = []

    def work(progress, cancelled):
        while not cancelled():
            progress(1, 10)
            time.sleep(0.01)
        raise Cancelled()

    job = run_job(window, "working", work, results.append)
    qtbot.waitUntil(lambda: job.dialog.isVisible(), timeout=5000)
    from PySide6.QtWidgets import QPushButton

    qtbot.mouseClick(job.dialog.findChild(QPushButton), Qt.LeftButton)
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    qtbot.waitUntil(lambda: any("Nothing was written" in t for t in answer_boxes), timeout=5000)
    assert results == []


def test_import_preview_then_apply_with_backup(window, qtbot, tmp_path, data_dir, answer_boxes):
    from coach.export import jsonfmt
    from coach.export.selection import Selection, collect
    from coach.ui.transfer_dialogs import start_import

    uuids = seed(2)
    doc = jsonfmt.build(collect(Selection()))
    doc["entries"][0]["uuid"] = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
    # the file brings an emotion of its writer's, used by the new entry
    doc["prompts"]["vocabularies"]["emotions"]["added"] = [{"key": "my-drained-1a2b3c", "label": "Drained"}]
    doc["entries"][0]["data"]["emotions"][0]["emotion"] = "my-drained-1a2b3c"
    window.show_page(window.tool_pages["abcde"])  # a built form must pick the new item up
    rec = store.get(uuids[1])
    store.save(store.EntryRecord(**{**rec.__dict__, "data": {**rec.data, "event": "edited here"}}))
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    start_import(window.ctx, window, path)
    qtbot.waitUntil(lambda: getattr(window, "_coach_import_preview", None) is not None, timeout=10000)
    preview = window._coach_import_preview
    assert "1 new" in preview.summary.text() and "1 conflicting" in preview.summary.text()
    assert "Your own prompts: 1 items" in preview.summary.text()
    assert preview.table.item(0, 0).text().startswith("Conflict")
    assert preview.conflicts.isVisible()
    preview.buttons.button(QDialogButtonBox.Ok).click()
    qtbot.waitUntil(lambda: preview.result is not None, timeout=10000)
    assert store.exists("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
    page = window.tool_pages["abcde"]
    emotion = next(f for f in page.form.spec.field("emotions").fields if f.key == "emotion")
    assert "my-drained-1a2b3c" in [c.key for c in emotion.choices]
    assert store.get(uuids[1]).data["event"] == "edited here"
    assert len([r for r in store.query() if "import-conflict" in r.tags]) == 1
    assert any(p.name.endswith("pre-import.sqlite3") for p in (data_dir / "backups").iterdir())


def test_bad_import_file_shows_the_place_and_changes_nothing(window, qtbot, tmp_path, answer_boxes):
    from coach.ui.transfer_dialogs import start_import

    seed(1)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "coach-export", "version": 1, "entries": [
        {"uuid": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "tool": "abcde", "status": "draft",
         "created_at": "2026-01-01T00:00:00+00:00", "updated_at": "2026-01-01T00:00:00+00:00",
         "data": {"belief_strength": 900}}]}), "utf-8")
    i18n.set_language("zh_CN")
    start_import(window.ctx, window, path)
    qtbot.waitUntil(lambda: any("entries[0].data.belief_strength" in t for t in answer_boxes),
                    timeout=10000)
    assert any("没有做任何更改" in t for t in answer_boxes)
    assert store.count() == 1


TOML = """
format = "coach-homework"
version = 1
title = { en = "Homework after session 2", zh_CN = "第二次课后作业" }
session = "Session 2"
trainer = "Ms Lin"

[[assignments]]
tool = "abcde"
prompt = { en = "Reframe one tense moment with Finance.", zh_CN = "重新梳理一次与财务部的紧张时刻。" }
min_count = 2
due = 2020-01-10
"""


def test_homework_page_open_start_progress_and_hand_in(window, qtbot, tmp_path, answer_boxes):
    page = window.page("homework")
    window.show_page(page)
    qtbot.waitUntil(lambda: page.empty.isVisible())
    assert "homework pack" in page.empty.text() and not page.handin_button.isVisible()
    pack = tmp_path / "pack.toml"
    pack.write_text(TOML, "utf-8")
    assert page.open_pack_file(pack)
    [card] = page.cards
    assert card.count.text() == "0 / 2 done" and "overdue" in card.due.text()
    qtbot.mouseClick(card.start, Qt.LeftButton)
    tool_page = window.tool_pages["abcde"]
    assert window.stack.currentWidget() is tool_page
    assert tool_page.form.prompt.isVisible()
    assert tool_page.form.prompt.text() == "Reframe one tense moment with Finance."
    spec = registry()["abcde"]
    done = [store.save(store.EntryRecord(uuid="", tool="abcde", status="complete",
                                         data=copy.deepcopy(spec.examples["en"]))) for _ in range(2)]
    window.show_page(page)
    [card] = page.cards
    assert card.count.text().startswith("2 / 2 done") and "overdue" not in card.due.text()

    dialog = page.handin_dialog()
    assert dialog.entries.count() == 2
    dialog.entries.item(1).setCheckState(Qt.Unchecked)
    type_text(qtbot, dialog.name, "李雷")
    dialog.folder.setText(str(tmp_path / "out"))
    settings.set("export.skip_private_warning", True)
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20000)
    pdf, js = dialog.written
    assert pdf.name == "李雷-Session-2.pdf" and pdf.read_bytes().startswith(b"%PDF")
    doc = json.loads(js.read_text("utf-8"))
    assert len(doc["entries"]) == 1 and doc["homework"]["trainee"] == "李雷"
    assert settings.get(homework.SETTING_NAME) == "李雷"
    assert done


def test_pack_editor_writes_a_pack_that_opens(window, qtbot, tmp_path, answer_boxes):
    page = window.page("homework")
    editor = page.new_pack_dialog()
    type_text(qtbot, editor.title_zh, "第三次课后作业")
    type_text(qtbot, editor.title_en, "After session 3")
    type_text(qtbot, editor.session, "Session 3")
    editor.table.cellWidget(0, 1).setValue(3)
    type_text(qtbot, editor.table.cellWidget(0, 4), "写三次")
    editor.save_to(tmp_path / "p3.toml")
    pack = homework.load(tmp_path / "p3.toml")
    assert pack.title.get("zh_CN") == "第三次课后作业"
    assert (pack.assignments[0].min_count, pack.assignments[0].prompt.get("en")) == (3, "写三次")
    # an empty title is refused with the place named
    editor = page.new_pack_dialog()
    editor.buttons.button(QDialogButtonBox.Save).click()
    qtbot.waitUntil(lambda: any("title" in t for t in answer_boxes), timeout=5000)
    assert editor.saved is None
