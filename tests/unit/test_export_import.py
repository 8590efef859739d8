"""Export formats, the import merge, and lossless round trips."""
from __future__ import annotations

import copy
import csv
import io
import json
import tempfile
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.export import Cancelled, importer, jsonfmt
from coach.export.render import csv_tables, document, render_html, render_markdown, write_csv
from coach.export.selection import Selection, collect
from coach.export.service import ExportRequest, run_export
from coach.store import close_database, open_database
from coach.store import entries as store
from coach.store.models import FollowUp, TkAttempt
from coach.tools import registry


def seed(n_per_tool: int = 2) -> list[str]:
    person = store.save_person(store.PersonRecord(None, "王姐", "财务部", "function"))
    uuids = []
    for spec in registry().values():
        for lang in ("en", "zh_CN"):
            for _ in range(n_per_tool):
                rec = store.save(store.EntryRecord(uuid="", tool=spec.key,
                                                   data=copy.deepcopy(spec.examples[lang]),
                                                   status="complete", tags=["week 1"],
                                                   people=[person.id]))
                uuids.append(rec.uuid)
    return uuids


def rebind(database) -> None:
    from coach.store.models import db as proxy

    proxy.initialize(database)


def export_doc(selection: Selection | None = None) -> dict:
    doc = jsonfmt.build(collect(selection or Selection()))
    doc.pop("exported_at")
    return doc


def import_doc(doc: dict, resolution: str = "copy") -> importer.Result:
    parsed = importer.validate(importer.parse(json.dumps(doc).encode()))
    return importer.apply(importer.plan(parsed), resolution=resolution)


# --- JSON ------------------------------------------------------------------------

def test_json_export_has_the_documented_shape(db):
    seed(1)
    doc = jsonfmt.build(collect(Selection()))
    assert doc["format"] == "coach-export" and doc["version"] == 1
    assert set(doc) == {"format", "version", "app_version", "exported_at", "entries", "people",
                        "tk_attempts", "prompts", "wording_words", "tally"}
    entry = doc["entries"][0]
    assert set(entry) == {"uuid", "tool", "spec_version", "status", "created_at", "updated_at",
                          "deleted_at", "title", "tags", "people", "follows", "data", "followups"}
    assert datetime.fromisoformat(entry["created_at"]).utcoffset() == timedelta(0)
    assert entry["people"] == ["p1"] and doc["people"][0]["name"] == "王姐"


def test_round_trip_into_an_empty_diary_is_identical(db, tmp_path):
    uuids = seed(2)
    store.trash(uuids[0])
    follower = store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "again"},
                                            follows=uuids[1]))
    from coach.store import tk
    from coach.tools import tk_instrument as instrument

    attempt = tk.start()
    for item_id, swapped in attempt.order:
        tk.answer(attempt.uuid, item_id, instrument.mode_for_choice(item_id, swapped, "B"))
    tk.finish(attempt.uuid)
    tk.start()  # and one left halfway
    first = export_doc(Selection(include_deleted=True))
    assert any(e["follows"] == uuids[1] for e in first["entries"])
    other = open_database(tmp_path / "other.sqlite3")
    try:
        result = import_doc(first)
        assert result.added == len(first["entries"])
        assert export_doc(Selection(include_deleted=True)) == first
        # importing the same file again changes nothing
        again = importer.plan(importer.validate(importer.parse(json.dumps(first).encode())))
        assert again.counts()["unchanged"] == len(first["entries"]) and not again.changes_anything
    finally:
        close_database(other)
        rebind(db)
    assert follower.follows == uuids[1]


def test_followup_done_marks_travel(db, tmp_path, monkeypatch):
    from coach.tools.base import FollowUpItem

    spec = registry()["abcde"]
    monkeypatch.setattr(spec, "followups",
                        lambda data: [FollowUpItem("next", data.get("next_step") or "")])
    rec = store.save(store.EntryRecord(uuid="", tool="abcde", data={"next_step": "call Li"}))
    fu = FollowUp.get(FollowUp.key == "next")
    store.set_followup_done(fu.id)
    doc = export_doc()
    assert doc["entries"][0]["followups"][0]["done_at"]
    other = open_database(tmp_path / "other.sqlite3")
    try:
        import_doc(doc)
        row = FollowUp.get(FollowUp.key == "next")
        assert row.done_at is not None and row.text == "call Li"
        assert export_doc() == doc
    finally:
        close_database(other)
        rebind(db)
    assert rec.uuid


def test_merge_preview_new_updated_unchanged_conflict(db):
    uuids = seed(1)
    doc = export_doc()
    base = {e["uuid"]: e for e in doc["entries"]}
    # updated: the file is newer; conflict: the diary is newer; unchanged: same
    later = (datetime.now(timezone.utc) + timedelta(days=1)).isoformat()
    base[uuids[0]]["data"]["event"] = "edited elsewhere"
    base[uuids[0]]["updated_at"] = later
    store.save(store.EntryRecord(**{**store.get(uuids[1]).__dict__,
                                    "data": {**store.get(uuids[1]).data, "event": "edited here"}}))
    base[uuids[1]]["data"]["event"] = "edited in the file, earlier"
    new = copy.deepcopy(base[uuids[0]])
    new["uuid"] = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
    doc["entries"].append(new)
    the_plan = importer.plan(importer.validate(importer.parse(json.dumps(doc).encode())))
    states = {i.record.uuid: i.state for i in the_plan.items}
    assert states[uuids[0]] == "updated"
    assert states[uuids[1]] == "conflict"
    assert states[new["uuid"]] == "new"
    assert list(states.values()).count("unchanged") == len(uuids) - 2
    result = importer.apply(the_plan, resolution="copy")
    assert (result.added, result.updated, result.copies) == (1, 1, 1)
    assert store.get(uuids[0]).data["event"] == "edited elsewhere"
    assert store.get(uuids[1]).data["event"] == "edited here"  # never overwritten silently
    copies = [r for r in store.query() if "import-conflict" in r.tags]
    assert len(copies) == 1 and copies[0].data["event"] == "edited in the file, earlier"


@pytest.mark.parametrize("resolution,expected", [("skip", "edited here"),
                                                 ("overwrite", "from file")])
def test_conflict_resolutions(db, resolution, expected):
    uuids = seed(1)
    doc = export_doc()
    rec = store.get(uuids[0])
    store.save(store.EntryRecord(**{**rec.__dict__, "data": {**rec.data, "event": "edited here"}}))
    doc["entries"][0]["data"]["event"] = "from file"
    result = import_doc(doc, resolution)
    assert store.get(uuids[0]).data["event"] == expected
    assert store.count() == len(uuids)
    assert (result.skipped, result.updated) == ((1, 0) if resolution == "skip" else (0, 1))


def test_import_is_all_or_nothing(db, monkeypatch):
    seed(1)
    doc = export_doc()
    for e in doc["entries"]:
        e["uuid"] = e["uuid"][:-4] + "ffff"
    before = store.count()
    from coach.store import transfer

    real = transfer._followup_rows
    calls = {"n": 0}

    def explode(*args):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return real(*args)

    monkeypatch.setattr(transfer, "_followup_rows", explode)
    with pytest.raises(OSError):
        import_doc(doc)
    assert store.count() == before


def test_cancelled_import_rolls_back(db):
    seed(1)
    doc = export_doc()
    for e in doc["entries"]:
        e["uuid"] = e["uuid"][:-4] + "eeee"
    before = store.count()
    the_plan = importer.plan(importer.validate(importer.parse(json.dumps(doc).encode())))
    with pytest.raises(Cancelled):
        importer.apply(the_plan, cancelled=lambda: the_plan.items[0].state == "new"
                       and store.count() > before)
    assert store.count() == before


def test_import_backs_up_first(db, data_dir):
    from coach.export.safety import backup_before_import

    seed(1)
    doc = export_doc()
    doc["entries"][0]["uuid"] = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
    parsed = importer.validate(importer.parse(json.dumps(doc).encode()))
    result = importer.apply(importer.plan(parsed), backup=lambda: backup_before_import(db, data_dir))
    assert result.backup.exists() and result.backup.parent.name == "backups"


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=40)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(st.tuples(texts, st.integers(0, 100), st.booleans(),
                                 st.lists(texts.filter(lambda t: t.strip()), max_size=3),
                                 st.sampled_from(["draft", "complete"]),
                                 st.integers(0, 10**9)), min_size=1, max_size=6),
       person=texts.filter(lambda t: t.strip()))
def test_property_export_import_export_is_identical(events, person):
    spec = registry()["abcde"]
    with tempfile.TemporaryDirectory() as tmp:
        first_db = open_database(Path(tmp) / "a.sqlite3")
        p = store.save_person(store.PersonRecord(None, person))
        for text, strength, red, tags, status, seconds in events:
            data = copy.deepcopy(spec.examples["en"]) if status == "complete" else {}
            # a complete entry must be valid: the import checks what the UI checks
            data.update(event=text if text.strip() else "x", belief_strength=strength, red_light=red)
            moment = datetime(2020, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=seconds)
            store.save(store.EntryRecord(uuid="", tool="abcde", data=data, status=status,
                                         tags=tags, people=[p.id], created_at=moment,
                                         updated_at=moment))
        first = export_doc()
        close_database(first_db)
        second_db = open_database(Path(tmp) / "b.sqlite3")
        import_doc(first)
        assert export_doc() == first
        close_database(second_db)


# --- documents -----------------------------------------------------------------

@pytest.mark.parametrize("lang,heading", [("en", "My collaboration practice"),
                                          ("zh_CN", "我的协作练习记录")])
def test_html_and_markdown_documents(db, lang, heading):
    seed(2)
    doc = document(collect(Selection()), lang)
    html = render_html(doc)
    md = render_markdown(doc)
    assert heading in html and md.startswith(f"# {heading}")
    assert doc.show_toc and ("目录" if lang == "zh_CN" else "Contents") in html
    example = registry()["abcde"].examples[lang]
    assert example["balanced_thought"].replace("'", "&#39;") in html
    assert example["balanced_thought"] in md
    assert "王姐" in html


def test_csv_per_tool_with_spec_columns_and_bom(db, tmp_path):
    seed(1)
    bundle = collect(Selection())
    target = write_csv(bundle, "zh_CN", tmp_path / "out.zip")
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        assert names == [f"{k}.csv" for k in registry()]
        raw = zf.read("abcde.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    spec = registry()["abcde"]
    header = rows[0]
    assert header[:2] == ["编号", "创建时间"]
    assert [f.label.zh_CN for f in spec.all_fields() if not f.hidden] == header[7:]
    assert len(rows) == 3
    strength_col = header.index(spec.field("belief_strength").label.zh_CN)
    assert rows[1][strength_col] == "80"
    folder = write_csv(bundle, "en", tmp_path / "csvs")
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{k}.csv" for k in registry())


def test_filters_by_tool_and_period(db):
    uuids = seed(1)
    old = store.get(uuids[0])
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "old one"},
                                 created_at=datetime(2020, 5, 1, 12, tzinfo=timezone.utc),
                                 updated_at=datetime(2020, 5, 1, 12, tzinfo=timezone.utc)))
    sel = Selection(since=date(2020, 5, 1), until=date(2020, 5, 1))
    bundle = collect(sel)
    assert [e.data["event"] for e in bundle.entries] == ["old one"]
    assert bundle.people == []  # a partial export carries only the people it names
    assert len(collect(Selection(uuids=[old.uuid])).entries) == 1
    assert collect(Selection(tools=["nope"])).entries == []


def test_cancelled_export_leaves_no_file(db, tmp_path):
    seed(3)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "out.html"
    target.write_text("previous")
    calls = {"n": 0}

    def cancel():
        calls["n"] += 1
        return calls["n"] > 3

    with pytest.raises(Cancelled):
        run_export(ExportRequest("html", target, Selection(), "en"), cancelled=cancel)
    assert target.read_text() == "previous"
    assert [p.name for p in out.iterdir()] == ["out.html"]


def test_failed_pdf_leaves_no_file(db, tmp_path):
    seed(1)

    def broken(html, images, target, **kw):
        Path(target).write_bytes(b"%PDF half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        run_export(ExportRequest("pdf", tmp_path / "out" / "out.pdf", Selection(), "en"),
                   pdf_writer=broken)
    assert list((tmp_path / "out").iterdir()) == []


def test_non_ascii_tags_are_reused_not_duplicated(db):
    a = store.save(store.EntryRecord(uuid="", tool="abcde", data={}, tags=["À", "café"]))
    b = store.save(store.EntryRecord(uuid="", tool="abcde", data={}, tags=["À", "CAFÉ"]))
    assert a.tags == ["café", "À"] and "À" in b.tags


def test_charts_from_the_progress_page_go_into_html(db, monkeypatch):
    """With coach.charts present, its PNGs are embedded (data URIs in HTML, resources in PDF)."""
    import sys
    import types

    seed(1)
    calls = {}

    class FakeChart:
        def __init__(self, title, empty=False):
            self.title, self.figure, self.empty = title, object(), empty

    charts = types.ModuleType("coach.charts")
    charts.dashboard_charts = lambda period, tools, lang, today=None: (
        calls.update(period=period, tools=tools, lang=lang) or
        [FakeChart("情绪变化"), FakeChart("nothing yet", empty=True)])
    charts.figure_bytes = lambda fig, fmt, dpi: b"\x89PNG fake"
    progress = types.ModuleType("coach.progress")

    class Period:
        def __init__(self, kind, start, end):
            self.kind, self.start, self.end = kind, start, end

    progress.Period = Period
    monkeypatch.setitem(sys.modules, "coach.charts", charts)
    monkeypatch.setitem(sys.modules, "coach.progress", progress)
    import coach

    monkeypatch.setattr(coach, "charts", charts, raising=False)
    monkeypatch.setattr(coach, "progress", progress, raising=False)
    from coach.export.service import chart_images

    bundle = collect(Selection())
    images = chart_images(bundle, "zh_CN")
    assert [c.title for c in images] == ["情绪变化"] and calls["period"].kind == "custom"
    html = render_html(document(bundle, "zh_CN", charts=images))
    assert "data:image/png;base64," in html and "情绪变化" in html
    assert 'src="chart1.png"' in render_html(document(bundle, "zh_CN", charts=images), for_pdf=True)
    assert chart_images(collect(Selection(uuids=[bundle.entries[0].uuid])), "en") == []


def test_nul_characters_never_stored_and_never_exported(db, tmp_path):
    from coach.store.models import Entry

    rec = store.save(store.EntryRecord(uuid="", tool="abcde", title="t\x00itle", tags=["a\x00b"],
                                       data={"event": "pasted\x00junk", "patterns": ["x\x00"]}))
    stored = store.get(rec.uuid)
    assert (stored.title, stored.tags, stored.data["event"]) == ("title", ["ab"], "pastedjunk")
    # a diary written by an older version may hold one: the export drops it, so it imports
    Entry.update(data=json.dumps({"event": "old\x00text"})).where(Entry.uuid == rec.uuid).execute()
    doc = export_doc()
    assert "\x00" not in json.dumps(doc)
    other = open_database(tmp_path / "other.sqlite3")
    try:
        assert import_doc(doc).added == 1
        assert store.get(rec.uuid).data == {"event": "oldtext"}
    finally:
        close_database(other)
        rebind(db)


def test_three_weapons_tally_travels_and_merges_by_the_higher_count(db, tmp_path):
    from coach.store import tally

    tally.add(date(2026, 11, 20), "smile", 3)
    tally.add(date(2026, 11, 21), "question", 1)
    doc = export_doc()
    assert doc["tally"] == [{"day": "2026-11-20", "kind": "smile", "count": 3},
                            {"day": "2026-11-21", "kind": "question", "count": 1}]
    assert export_doc(Selection(since=date(2026, 11, 21)))["tally"] == doc["tally"][1:]
    assert export_doc(Selection(tools=["abcde"]))["tally"] == []  # not a tool's data
    other = open_database(tmp_path / "other.sqlite3")
    try:
        tally.add(date(2026, 11, 20), "smile", 5)  # counted here too, higher
        the_plan = importer.plan(importer.validate(importer.parse(json.dumps(doc).encode())))
        assert the_plan.tally_raises == [{"day": "2026-11-21", "kind": "question", "count": 1}]
        assert "higher counts for 1 days" in " ".join(importer.summary_lines(the_plan, "en"))
        importer.apply(the_plan)
        assert tally.counts(date(2026, 11, 20))["smile"] == 5
        assert tally.counts(date(2026, 11, 21))["question"] == 1
        again = importer.plan(importer.validate(importer.parse(json.dumps(doc).encode())))
        assert not again.changes_anything
        bad = {**doc, "tally": [{"day": "2026-02-30", "kind": "smile", "count": 1},
                                {"day": "2026-11-20", "kind": "hug", "count": -1}]}
        with pytest.raises(importer.ImportFileError) as err:
            importer.validate(importer.parse(json.dumps(bad).encode()))
        assert {i.where for i in err.value.issues} == {"tally[0].day", "tally[1].kind", "tally[1].count"}
    finally:
        close_database(other)
        rebind(db)
