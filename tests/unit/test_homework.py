"""Homework packs: reading, writing, progress and hand-in."""
from __future__ import annotations

import copy
import json
from datetime import date, datetime, timedelta, timezone

import pytest

from coach import homework
from coach.store import entries as store
from coach.tools import registry

TOML = """
format = "coach-homework"
version = 1
title = { en = "Homework after session 2", zh_CN = "第二次课后作业" }
course = "内部服务流程优化"
session = "Session 2"
trainer = "Ms Lin"

[[assignments]]
id = "reframe"
tool = "abcde"
prompt = { en = "Reframe one tense moment with another department.", zh_CN = "重新梳理一次与其他部门的紧张时刻。" }
min_count = 2
due = 2026-11-27
"""


def test_toml_pack_reads_and_round_trips(tmp_path):
    path = tmp_path / "pack.toml"
    path.write_text(TOML, "utf-8")
    pack = homework.load(path)
    a = pack.assignments[0]
    assert (a.id, a.tool, a.min_count, a.due) == ("reframe", "abcde", 2, date(2026, 11, 27))
    assert a.prompt.get("zh_CN").startswith("重新梳理") and pack.title.get("en").startswith("Homework")
    for name in ("again.toml", "again.json"):
        homework.save(pack, tmp_path / name)
        assert homework.load(tmp_path / name) == pack


def test_single_language_prompt_is_used_for_both(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"title": "作业", "assignments": [
        {"tool": "abcde", "prompt": "写一次", "min_count": 1}]}), "utf-8")
    pack = homework.load(path)
    assert pack.assignments[0].prompt.get("en") == "写一次" and pack.assignments[0].id == "1"


@pytest.mark.parametrize("change,where,key", [
    (lambda d: d.update(format="other"), "format", "not_pack"),
    (lambda d: d.update(version=9), "version", "newer"),
    (lambda d: d.update(title=""), "title", "missing_text"),
    (lambda d: d.update(assignments=[]), "assignments", "no_assignments"),
    (lambda d: d["assignments"][0].update(tool="astrology"), "assignments[0].tool", "unknown_tool"),
    (lambda d: d["assignments"][0].update(min_count=0), "assignments[0].min_count", "bad_count"),
    (lambda d: d["assignments"][0].update(min_count="2"), "assignments[0].min_count", "bad_count"),
    (lambda d: d["assignments"][0].update(due="next week"), "assignments[0].due", "bad_date"),
    (lambda d: d["assignments"][0].update(id="../x"), "assignments[0].id", "bad_id"),
    (lambda d: d["assignments"][0].update(prompt=["a"]), "assignments[0].prompt", "bad_text"),
])
def test_bad_packs_name_the_problem(change, where, key):
    doc = {"format": "coach-homework", "version": 1, "title": "T",
           "assignments": [{"id": "a", "tool": "abcde", "prompt": "p", "min_count": 1}]}
    change(doc)
    with pytest.raises(homework.PackError) as info:
        homework.from_dict(doc)
    assert (where, key) in [(w, k) for w, k, _ in info.value.problems]
    assert "作业包" in info.value.report("zh_CN")


def test_unreadable_pack_files(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("title = ", "utf-8")
    with pytest.raises(homework.PackError) as info:
        homework.load(bad)
    assert info.value.problems[0][1] == "syntax"
    with pytest.raises(homework.PackError):
        homework.load(tmp_path / "missing.json")


def _complete(created: datetime | None = None, status: str = "complete") -> store.EntryRecord:
    data = copy.deepcopy(registry()["abcde"].examples["en"])
    return store.save(store.EntryRecord(uuid="", tool="abcde", data=data, status=status,
                                        created_at=created, updated_at=created))


def test_progress_counts_complete_entries_since_opening_and_links(db, tmp_path):
    path = tmp_path / "pack.toml"
    path.write_text(TOML, "utf-8")
    before = _complete(datetime.now(timezone.utc) - timedelta(days=3))
    op = homework.open_pack(homework.load(path), now=datetime.now(timezone.utc) - timedelta(hours=1))
    _complete()
    _complete(status="draft")  # drafts do not count
    op = homework.current()
    [p] = homework.progress(op, today=date(2026, 11, 28))
    assert (p.done, p.required, p.complete, p.overdue) == (1, 2, False, True)
    homework.link("reframe", before.uuid)
    [p] = homework.progress(homework.current(), today=date(2026, 11, 26))
    assert (p.done, p.complete, p.overdue) == (2, True, False)
    assert before.uuid in homework.answering_uuids(homework.current())
    homework.close_pack()
    assert homework.current() is None


def test_handin_writes_pdf_and_json_named_for_the_trainee(db, tmp_path):
    path = tmp_path / "pack.toml"
    path.write_text(TOML, "utf-8")
    op = homework.open_pack(homework.load(path), now=datetime.now(timezone.utc) - timedelta(hours=1))
    keep, leave = _complete(), _complete()
    seen = {}

    def fake_pdf(html, images, target, **kw):
        seen["html"] = html
        target.write_bytes(b"%PDF-1.4 fake")

    pdf, js = homework.handin(op, "李 雷/../", [keep.uuid], tmp_path / "out", "zh_CN",
                              pdf_writer=fake_pdf)
    assert pdf.name == "李-雷_.._-Session-2.pdf" and js.name == "李-雷_.._-Session-2.json"
    assert pdf.parent == tmp_path / "out"
    doc = json.loads(js.read_text("utf-8"))
    assert [e["uuid"] for e in doc["entries"]] == [keep.uuid]
    assert doc["homework"]["trainee"] == "李 雷/../" and leave.uuid not in js.read_text("utf-8")
    assert "第二次课后作业" in seen["html"] and "Session 2 课后作业 · 李 雷/../" in seen["html"]
