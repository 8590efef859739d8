#!/usr/bin/env python3
"""Render every screen to PNG in both languages, offscreen, for a person to look at.

    python scripts/snapshots.py [-o snapshots/] [--scale 1.5] [--only NAME]

Uses a temporary diary seeded with the tools' worked examples. Other areas
add screens by appending to SCREENS (name, function(window) -> widget).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def seed(lang: str) -> None:
    from coach.store import entries as store
    from coach.tools import registry

    for spec in registry().values():
        for example_lang in (lang,):
            data = spec.examples.get(example_lang)
            if data:
                store.save(store.EntryRecord(uuid="", tool=spec.key, data=dict(data),
                                             status="complete", spec_version=spec.version,
                                             tags=["example"]))
    first = next(iter(registry().values()))
    store.save(store.EntryRecord(uuid="", tool=first.key, status="draft",
                                 data={first.all_fields()[0].key: "…"}))


def _tool_step(key: str, step: int):
    def show(window):
        page = window.tool_pages[key]
        window.show_page(page)
        rec = [r for r in __import__("coach.store.entries", fromlist=["x"]).query(tool=key)
               if r.status == "complete"]
        if rec:
            page.open_entry(rec[0].uuid)
        page.form.go_to(step, focus=False)
        return window
    return show


def _moved_to_trash(window):
    """The open entry was trashed in the Journal: a fresh form says where it went."""
    from coach.store import entries as store

    page = window.tool_pages["abcde"]
    window.show_page(page)
    rec = store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "…"}))
    page.open_entry(rec.uuid)
    store.trash(rec.uuid)
    page.data_changed()
    return window


def _tool_example(key: str):
    def show(window):
        page = window.tool_pages[key]
        window.show_page(page)
        page.new_entry()
        page.form.example_button.setChecked(True)
        return window
    return show


def _lang() -> str:
    from coach import i18n

    return i18n.current()


def _page(attr: str):
    def show(window):
        window.show_page(getattr(window, attr))
        return window
    return show


def _cocreate_screens():
    from coach.tools.cocreate import STEPS

    def step(key):
        def show(window):
            page = window.tool_pages["cocreate"]
            window.show_page(page)
            from coach.store import entries as store

            recs = [r for r in store.query(tool="cocreate") if r.status == "complete"]
            if recs and (page.record is None or page.record.uuid != recs[0].uuid):
                page.open_entry(recs[0].uuid)
            page.go(key)
            return window
        return show

    def present(window):
        page = window.tool_pages["cocreate"]
        step("votes")(window)
        page.present()
        page.presentation.resize(1366, 768)
        return page.presentation

    return [(f"cocreate-{i + 1}-{key}", step(key)) for i, key in enumerate(STEPS)] + [
        ("cocreate-present", present)]


def _precomm_gate(window):
    """A new plan with a high emotion: the gate offers an ABCDE first."""
    page = window.tool_pages["precomm"]
    window.show_page(page)
    page.new_entry()
    w = page.form.widgets
    w["my_emotion"].set_value(75)
    w["emotion_gate"].update_gate()
    return window


def _precomm_scrolled(step: int, key: str):
    """A plan step scrolled down to one of its special widgets."""
    from PySide6.QtWidgets import QApplication

    def show(window):
        _tool_step("precomm", step)(window)
        page = window.tool_pages["precomm"]
        widget = page.form.widgets[key]
        section = page.form.pages[step]
        section.ensureWidgetVisible(widget, 0, 200)
        if key == section.section.fields[-1].key:  # the last field: show all of it
            QApplication.processEvents()
            bar = section.verticalScrollBar()
            bar.setValue(bar.maximum())
        return window
    return show


def _home_panels(window):
    """Home with tally counts and a follow-up just marked done (Undo bar, done list)."""
    from datetime import date

    from coach.store import tally

    home = window.home
    window.show_page(home)
    tally_panel = next(p for p in home.panels if p.objectName() == "tallyPanel")
    followups = next(p for p in home.panels if p.objectName() == "followupsPanel")
    if not any(tally.counts(date.today()).values()):
        for kind, n in (("smile", 3), ("praise", 2), ("question", 1)):
            tally.add(date.today(), kind, n)
        tally.add(date.fromordinal(date.today().toordinal() - 2), "smile", 4)
        if followups.rows:
            followups.set_done(followups.rows[0].item, True)
        followups.done_toggle.setChecked(True)
    home.refresh()
    tally_panel.refresh()
    from PySide6.QtWidgets import QApplication

    for _ in range(3):  # let the rebuilt rows settle before the picture is taken
        QApplication.processEvents()
    return window


def _seed_journal() -> None:
    """A few people, tags and entries (in the snapshot's language) for the Journal screens."""
    from datetime import datetime, timedelta, timezone

    from coach import i18n
    from coach.store import entries as store
    from coach.store import people as people_store
    from coach.store.models import Entry

    if store.people(include_archived=True):
        return
    zh = i18n.current() == "zh_CN"
    p1 = store.save_person(store.PersonRecord(None, "王姐" if zh else "Wang", "财务部" if zh else "Finance",
                                              "function"))
    p2 = store.save_person(store.PersonRecord(None, "李工" if zh else "Li", "财务部" if zh else "Finance",
                                              "process"))
    store.save_person(store.PersonRecord(None, "赵总" if zh else "Zhao", "销售部" if zh else "Sales", "rank"))
    texts = ([("报销单又延期了，财务部在周会上点名", ["财务", "周会"], [p1.id], "no"),
              ("采购付款流程卡在财务部审批", ["财务", "流程"], [p2.id], "partly"),
              ("月底对账前和王姐确认截止时间", ["财务"], [p1.id, p2.id], "no"),
              ("销售部临时要求加急交付", ["交付"], [], "yes")] if zh else
             [("Expense reports late again; Finance named us in the weekly meeting",
               ["finance", "weekly"], [p1.id], "no"),
              ("Purchase payment stuck in Finance approval", ["finance", "process"], [p2.id], "partly"),
              ("Agreed the month-end deadline with Wang", ["finance"], [p1.id, p2.id], "no"),
              ("Sales asked for a rush delivery", ["delivery"], [], "yes")])
    now = datetime.now(timezone.utc)
    for i, (event, tags, people, helpful) in enumerate(texts):
        rec = store.save(store.EntryRecord(
            uuid="", tool="abcde", status="complete" if i % 2 == 0 else "draft", tags=tags,
            people=people, data={"event": event, "helpful": helpful, "patterns": ["mind_reading"],
                                 "belief_strength": 70 - i * 10}))
        Entry.update(created_at=now - timedelta(days=3 * (i + 1), hours=i)).where(
            Entry.uuid == rec.uuid).execute()
    gone = store.save(store.EntryRecord(uuid="", tool="abcde", data={
        "event": "一条已删除的记录" if zh else "A deleted entry about the budget"}, tags=tags))
    store.trash(gone.uuid)
    people_store.set_archived(p1.id, False)


def _journal(tab: str, query: str = "", whole_department: bool = False):
    def show(window):
        _seed_journal()
        page = window.page("journal")
        window.show_page(page)
        page.data_changed()
        page.tabs.setCurrentWidget(getattr(page, tab))
        if tab == "entries":
            page.entries.set_filter(query=query)
            if page.entries.model.rowCount():
                page.entries.table.selectRow(0)
        if tab == "people":
            from coach.store import entries as store

            page.people.select_person(min(p.id for p in store.people()))
            page.people.department.setChecked(whole_department)
        return window
    return show


def _journal_open(query: str):
    def show(window):
        _journal("entries", query)(window)
        window.page("journal").entries.open_current()
        return window
    return show


def _settings_panels():
    """Settings scrolled to each panel (a page taller than the window at 150 %)."""
    from coach.ui.sections import section_modules

    def show(index):
        def go(window):
            from PySide6.QtWidgets import QApplication, QScrollArea

            window.show_page(window.settings_page)
            panel = window.settings_page.panels[index]
            scroll = window.settings_page.findChild(QScrollArea)
            QApplication.processEvents()
            scroll.verticalScrollBar().setValue(panel.mapTo(scroll.widget(), panel.rect().topLeft()).y() - 8)
            QApplication.processEvents()
            return window
        return go

    names = [m.__name__.rsplit(".", 1)[1] for m in section_modules() if hasattr(m, "create_settings_panel")]
    return [(f"settings-panel-{name}", show(i)) for i, name in enumerate(names)]


def _focused(show_page, find):
    """A screen with one control holding the keyboard focus (the focus ring must show)."""
    def show(window):
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        show_page(window)
        window.activateWindow()
        QApplication.processEvents()
        find(window).setFocus(Qt.TabFocusReason)
        for _ in range(3):
            QApplication.processEvents()
        return window
    return show


def _focus_screens():
    from PySide6.QtWidgets import QCheckBox

    def settings_check(window):
        return window.settings_page.findChild(QCheckBox, "pointsEnabled")

    def settings_button(window):
        from PySide6.QtWidgets import QPushButton

        return window.settings_page.findChild(QPushButton, "wordingAdd")

    def journal_table(window):
        return window.page("journal").entries.table

    return [("focus-checkbox", _focused(_page("settings_page"), settings_check)),
            ("focus-button", _focused(_page("settings_page"), settings_button)),
            ("focus-table", _focused(_journal("entries"), journal_table)),
            ("focus-sidebar", _focused(_page("home"), lambda w: w.nav))]


def _dark_palette():
    """A dark application palette, as a desktop in dark mode would hand to Qt."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    pal = QPalette()
    for role, color in ((QPalette.Window, "#2b2f33"), (QPalette.WindowText, "#e8ebee"),
                        (QPalette.Base, "#202428"), (QPalette.AlternateBase, "#2f343a"),
                        (QPalette.Text, "#e8ebee"), (QPalette.Button, "#33383e"),
                        (QPalette.ButtonText, "#e8ebee"), (QPalette.Highlight, "#3b7dd8"),
                        (QPalette.HighlightedText, "#ffffff"),
                        (QPalette.PlaceholderText, "#a3adb8"), (QPalette.Mid, "#4a5058")):
        pal.setColor(role, QColor(color))
    QApplication.setPalette(pal)


def _progress(theme: str | None = None, tool: str | None = None):
    """The dashboard on a diary with a year of realistic practice (seeded once)."""
    def show(window):
        import time

        from PySide6.QtWidgets import QApplication

        from benchmarks.sample_data import seed as seed_sample

        if not getattr(window, "_progress_seeded", False):
            from coach import i18n
            seed_sample(420, days=330, lang=i18n.current())
            window._progress_seeded = True
        page = window.page("progress")
        if theme == "dark":
            _dark_palette()
        elif theme == "light" and getattr(window, "_dark", False):
            QApplication.setPalette(QApplication.style().standardPalette())
        window._dark = theme == "dark"
        window.show_page(page)
        index = page.tool.findData(tool)
        if page.tool.currentIndex() != index:
            page.tool.setCurrentIndex(index)
        page.refresh()
        deadline = time.monotonic() + 30
        while not page.is_ready() and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        for _ in range(5):  # let the layouts settle around the new canvases
            QApplication.processEvents()
        page.scroll.verticalScrollBar().setValue(0)
        return page.scroll.widget() if theme == "light" else window
    return show


def screens():
    from coach.tools import registry

    out = [("home", _page("home")), ("settings", _page("settings_page"))]
    out += _cocreate_screens()
    out += [("precomm-gate", _precomm_gate), ("home-panels", _home_panels),
            ("precomm-2-ready-checklist", _precomm_scrolled(1, "checklist")),
            ("precomm-3-plan-agenda", _precomm_scrolled(2, "agenda_tools")),
            ("precomm-5-after-debrief", _precomm_scrolled(4, "debrief"))]
    out += [("journal-list", _journal("entries")),
            ("journal-search", _journal("entries", "财务" if _lang() == "zh_CN" else "finance")),
            ("journal-open", _journal_open("财务部" if _lang() == "zh_CN" else "Finance")),
            ("journal-trash", _journal("trash")), ("journal-tags", _journal("tags")),
            ("journal-people", _journal("people")),
            ("journal-person-department", _journal("people", whole_department=True))]
    out += [("progress", _progress()), ("progress-full", _progress(theme="light")),
            ("progress-dark", _progress(theme="dark")),
            ("progress-abcde", _progress(theme="light", tool="abcde"))]
    for spec in registry().values():
        if spec.ui != "form":
            continue
        for i, section in enumerate(spec.sections):
            out.append((f"{spec.key}-{i + 1}-{section.key}", _tool_step(spec.key, i)))
        out.append((f"{spec.key}-example", _tool_example(spec.key)))
    out.append(("triangle-live", _triangle_live))
    out.append(("abcde-moved-to-trash", _moved_to_trash))
    out += [("tk-assessment-start", _tk_assessment("start")),
            ("tk-assessment-question", _tk_assessment("question")),
            ("tk-assessment-result", _tk_assessment("result")),
            ("tk-assessment-result-explain", _tk_assessment("explain"))]
    out.append(("fivestar-flags-wording", _fivestar_flags(2)))
    out.append(("fivestar-flags-message", _fivestar_flags(5)))
    out.append(("about", _about))
    out += _settings_panels()
    out += _focus_screens()
    out += _privacy_screens()
    out += _transfer_screens()
    out += [("prompts-settings", _custom_prompts), ("safety-backups", _safety_backups), ("safety-save-failed", _safety_save_failed),
            ("safety-damaged", _safety_damaged)]
    return out


def _privacy_screens():
    """Settings → Privacy, the set-passphrase dialog and the lock screen (issue 12)."""
    from PySide6.QtWidgets import QApplication

    def settle(widget):
        widget.show()
        for _ in range(3):
            QApplication.processEvents()
        return widget

    def panel(window):
        from coach.ui.sections.privacy import PrivacyPanel

        window.show_page(window.settings_page)
        return settle(window.settings_page.findChild(PrivacyPanel))

    def set_dialog(window):
        from coach.ui.sections.privacy import PassphraseDialog

        dialog = PassphraseDialog("set", window)
        dialog.new.setText("secret")
        dialog.again.setText("secrex")
        dialog._accept()  # shows the mismatch message
        return settle(dialog)

    def lock_screen(window):
        from coach.ui.lock import LockScreen

        screen = LockScreen()
        screen.resize(window.size())
        screen.edit.setText("wrong")
        screen.try_unlock()  # no passphrase in memory: shows the error line
        return settle(screen)

    def start_prompt(window):
        from coach import paths
        from coach.ui.lock import StartPassphraseDialog

        dialog = StartPassphraseDialog(paths.db_path(window.data_dir))
        dialog.show_error(__import__("coach.i18n", fromlist=["tr"]).tr("crypt.error.wrong"))
        return settle(dialog)

    return [("privacy-settings", panel), ("privacy-set-dialog", set_dialog),
            ("privacy-lock-screen", lock_screen), ("privacy-start-prompt", start_prompt)]


def _transfer_screens():
    """Export / import dialogs and the Homework page (issue 9)."""
    import json
    import tempfile

    from PySide6.QtWidgets import QApplication

    def settle(widget):
        widget.show()
        for _ in range(3):
            QApplication.processEvents()
        return widget

    def homework_empty(window):
        from coach import homework

        homework.close_pack()
        page = window.page("homework")
        window.show_page(page)
        page.refresh()
        settle(window)
        return window

    def pack(window):
        from pathlib import Path

        from coach import homework

        zh = _lang() == "zh_CN"
        folder = Path(tempfile.mkdtemp(prefix="coach-snap-pack-"))
        path = folder / "pack.json"
        path.write_text(json.dumps({
            "title": {"en": "Homework after session 2", "zh_CN": "第二次课后作业"},
            "course": "内部服务流程优化" if zh else "Internal service and collaboration",
            "session": "2026-11-20 · 第二次课" if zh else "2026-11-20 · Session 2",
            "trainer": "林芳" if zh else "Lin Fang",
            "assignments": [
                {"tool": "abcde", "min_count": 2, "due": "2030-11-27", "prompt": {
                    "en": "Reframe one tense moment with another department, ideally the same day.",
                    "zh_CN": "选一次与其他部门的紧张时刻，最好当天用 ABCDE 梳理一遍。"}},
                {"tool": "precomm", "min_count": 1, "due": "2020-01-10", "prompt": {
                    "en": "Prepare one real conversation before the next session.",
                    "zh_CN": "为下次课前的一次真实沟通做好准备。"}},
                {"tool": "fivestar", "min_count": 1, "prompt": ""}]}, ensure_ascii=False), "utf-8")
        from datetime import datetime, timedelta, timezone

        homework.open_pack(homework.load(path), now=datetime.now(timezone.utc) - timedelta(days=400))
        page = window.page("homework")
        window.show_page(page)
        page.refresh()
        settle(window)
        return window

    def export_dialog(window):
        from coach.ui.sections.transfer import open_export

        dialog = open_export(window.ctx)
        return settle(dialog)

    def import_preview(window):
        from pathlib import Path

        from coach.export import importer, jsonfmt
        from coach.export.selection import Selection, collect
        from coach.ui.transfer_dialogs import ImportPreview

        doc = jsonfmt.build(collect(Selection()))
        # the worked examples only: the Journal's seeded drafts are marked complete half-filled
        doc["entries"] = [e for e in doc["entries"] if "example" in e.get("tags", [])][:4]
        for e in doc["entries"][:2]:
            e["uuid"] = e["uuid"][:-4] + "abcd"
        doc["entries"][2]["data"] = {**doc["entries"][2]["data"], "_note": "edited"}
        parsed = importer.validate(importer.parse(json.dumps(doc).encode()))
        dialog = ImportPreview(window.ctx, Path("coach-2026-11-20.json"), importer.plan(parsed), window)
        return settle(dialog)

    def handin(window):
        pack(window)
        dialog = window.page("homework").handin_dialog()
        dialog.name.setText("李雷" if _lang() == "zh_CN" else "Li Lei")
        return settle(dialog)

    def link(window):
        from datetime import datetime, timezone

        from coach import homework
        from coach.ui.homework_links import LinkEntriesDialog

        pack(window)
        op = homework.current()
        # as if the pack had been opened just now: the diary's entries are all earlier
        op.opened_at = datetime.now(timezone.utc)
        first = homework.candidates(op, op.pack.assignments[0].id)
        if first:
            op.links = {op.pack.assignments[0].id: [first[-1][0].uuid]}
        return settle(LinkEntriesDialog(op, op.pack.assignments[0], window))

    def editor(window):
        dialog = window.page("homework").new_pack_dialog()
        zh = _lang() == "zh_CN"
        dialog.title_zh.setText("第三次课后作业")
        dialog.title_en.setText("Homework after session 3")
        dialog.session.setText("第三次课" if zh else "Session 3")
        dialog.table.cellWidget(0, 3).setText("Reframe one tense moment")
        dialog.table.cellWidget(0, 4).setText("梳理一次紧张时刻")
        dialog.add_row("precomm", 1)
        return settle(dialog)

    return [("homework-empty", homework_empty), ("homework-pack", pack),
            ("export-dialog", export_dialog), ("import-preview", import_preview),
            ("homework-handin", handin), ("homework-link", link), ("homework-editor", editor)]


def _safety_backups(window):
    """Settings → Backups with a few backups listed and a message."""
    from PySide6.QtWidgets import QApplication, QScrollArea

    from coach.store import backups
    from coach.store.connection import current_database
    from coach.ui.sections.backups import BackupsPanel

    if not backups.list_backups(window.data_dir):
        backups.backup_now(current_database(), window.data_dir, reason="auto")
        backups.backup_before(current_database(), window.data_dir, "import")
    window.show_page(window.settings_page)
    panel = next(p for p in window.settings_page.panels if isinstance(p, BackupsPanel))
    panel.backup_now()
    while panel.job.running:  # it runs off the UI thread
        QApplication.processEvents()
    window.settings_page.findChild(QScrollArea).ensureWidgetVisible(panel)
    return window


def _custom_prompts(window):
    """Settings → Your own prompts: own items (one hidden because entries use it)."""
    from PySide6.QtWidgets import QScrollArea

    from coach import custom
    from coach.ui.sections.custom_prompts import CustomPromptsPanel

    zh = _lang() == "zh_CN"
    prompts = custom.load()
    if not prompts["vocabularies"]["emotions"]["added"]:
        custom.add_item(prompts, "emotions", "心累" if zh else "Drained")
        kept = custom.add_item(prompts, "emotions", "憋屈" if zh else "Boxed in")
        prompts["vocabularies"]["emotions"]["hidden"] = ["guilt", kept]
        custom.add_question(prompts, "abcde", "当时身体有什么感觉？" if zh else "What did my body feel?")
        custom.save(prompts)
    window.show_page(window.settings_page)
    panel = next(p for p in window.settings_page.panels if isinstance(p, CustomPromptsPanel))
    panel.prompts_changed()
    panel.vocab.setCurrentIndex(panel.vocab.findData("emotions"))
    panel.tool.setCurrentIndex(panel.tool.findData("abcde"))
    panel.items.scrollToBottom()
    from coach import i18n

    panel._say(panel.info, i18n.tr("prompts.item_kept", count=3))
    window.settings_page.findChild(QScrollArea).ensureWidgetVisible(panel)
    return window


def _safety_save_failed(window):
    """A form whose save keeps failing because the disk is full."""
    page = window.tool_pages["abcde"]
    window.show_page(page)
    page.new_entry()
    page.form.widgets["event"].edit.setPlainText("会议上被点名批评" if _lang() == "zh_CN"
                                                 else "Criticised by name in the meeting")
    page.timer.stop()
    page.last_error_kind = "full"
    page._show_failure()
    page.dirty = False
    return window


def _safety_damaged(window):
    """The start-up question about a damaged diary."""
    from datetime import datetime

    from coach.store import CorruptDatabaseError, backups
    from coach.ui.startup import DamagedDialog

    path = window.data_dir / "coach.sqlite3"
    latest = backups.BackupInfo(path.parent / "backups" / "coach-x-auto.sqlite3",
                                datetime.now(), "auto", 81920, 42)
    dialog = DamagedDialog(CorruptDatabaseError(path, detail="file is not a database"), latest,
                           window)
    dialog.show()
    return dialog


def _fivestar_flags(step: int):
    """The five-star wording check with absolute and blaming words typed in."""
    def show(window):
        from PySide6.QtWidgets import QApplication

        from coach import i18n

        page = window.tool_pages["fivestar"]
        window.show_page(page)
        page.new_entry()
        zh = i18n.current() == "zh_CN"
        w = page.form.widgets
        w["wording"].edit.setPlainText(
            "你们部门总是拖到最后一刻，这次必须周五前给我。" if zh else
            "Your department always leaves it to the last minute; this time you must reply by Friday.")
        w["subject"].edit.setText("请采购部周五前确认包装材料的备选供应商" if zh else
                                  "Could Procurement confirm a backup packaging supplier by Friday?")
        w["need"].edit.setText("周五前给一个备选供应商名单" if zh else "A shortlist of backup suppliers by Friday")
        page.form.go_to(step, focus=False)
        if step == 5:
            w["message"].compose()
        for _ in range(5):  # let the grown flag list settle through nested layouts
            QApplication.processEvents()
        page.dirty = False
        return window
    return show


def _tk_assessment(screen: str):
    """The TK self-assessment: start, a question half way, and a result with a retake."""
    def show(window):
        from coach.store import tk as attempts
        from coach.tools import tk_instrument as ti

        page = window.page("tk_assessment")
        if not attempts.finished():
            order = [[i.id, i.id % 2 == 0] for i in ti.ITEMS]
            for uuid, letters, when in (
                    ("snap-1", "A" * 30, "2026-01-10T09:00:00+00:00"),
                    ("snap-2", ["A" if n % 3 else "B" for n in range(30)], "2026-03-02T09:00:00+00:00")):
                answers = ti.answers_from_choices(order, letters)
                attempts.import_attempts([{"uuid": uuid, "started_at": when, "finished_at": when,
                                           "order": order, "answers": answers}])
        window.show_page(page)
        if screen == "start":
            page.show_start()
        elif screen == "question":
            if attempts.unfinished() is None:
                a = attempts.start([[i.id, i.id % 3 == 0] for i in ti.ITEMS])
                for item_id, swapped in a.order[:11]:
                    attempts.answer(a.uuid, item_id, ti.mode_for_choice(item_id, swapped, "A"))
            page.resume()
        else:
            page.show_latest_result()
            if screen == "explain":
                bar = page.result.verticalScrollBar()
                bar.setValue(bar.maximum())
        return window
    return show


def _triangle_live(window):
    """A triangle half way: two corners filled, the reply touching one of them."""
    from coach import i18n

    page = window.tool_pages["triangle"]
    window.show_page(page)
    page.new_entry()
    zh = i18n.current() == "zh_CN"
    w = page.form.widgets
    w["facts"].edit.setPlainText("财务部王姐说报销单连续三个月晚交" if zh else
                                 "Wang from Finance said our expense reports were late three months running")
    w["feelings"].boxes["wronged"].setChecked(True)
    page.form.go_to(1, focus=False)
    w["reply"].edit.setPlainText("王姐，报销单的事我知道了。" if zh else
                                 "Wang, I hear you about the expense reports.")
    page.dirty = False
    return window


def _about(window):
    dialog = window.show_about()
    names = [c.name for c in dialog.components]
    dialog.table.selectRow(names.index("Qt and Qt for Python"))
    return dialog


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", default="snapshots")
    parser.add_argument("--scale", default="1")
    parser.add_argument("--only", help="substring of the screen names to render (several: comma-separated)")
    parser.add_argument("--size", default="1180x780")
    parser.add_argument("--dark", action="store_true", help="render with the dark palette")
    args = parser.parse_args()
    if args.scale != "1":
        os.environ["QT_SCALE_FACTOR"] = args.scale
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from coach import i18n
    from coach.store import close_database, open_database
    from coach.ui.app import make_application
    from coach.ui.main_window import MainWindow

    app = make_application()
    if args.dark:
        from coach.ui import theme

        theme.apply("dark")
    w, h = (int(v) for v in args.size.split("x"))
    written = []
    for lang in ("zh_CN", "en"):
        tmp = Path(tempfile.mkdtemp(prefix="coach-snap-"))
        database = open_database(tmp / "coach.sqlite3")
        i18n.set_language(lang)
        seed(lang)
        window = MainWindow(tmp)
        window.resize(w, h)
        window.show()
        for name, show in screens():
            if args.only and not any(part in name for part in args.only.split(",")):
                continue
            widget = show(window)
            app.processEvents()
            path = out / f"{name}.{lang}.png"
            widget.grab().save(str(path))
            written.append(path)
        window.close()
        close_database(database)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
