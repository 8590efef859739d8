"""Bad import files get a clear message naming the place, and change nothing."""
from __future__ import annotations

import copy
import json

import pytest

from coach import i18n
from coach.export import importer
from coach.store import entries as store
from coach.store import transfer
from coach.tools import registry

U1 = "3f2b6c1e-8a4d-4c7b-9e1f-0a1b2c3d4e5f"
U2 = "7d9e0f1a-2b3c-4d5e-8f90-a1b2c3d4e5f6"
U3 = "00000000-1111-4222-8333-444455556666"
NOW = "2026-11-20T09:30:00.000000+00:00"


def valid_doc() -> dict:
    spec = registry()["abcde"]
    return {
        "format": "coach-export", "version": 1, "app_version": "0.1.0",
        "exported_at": "2026-11-21T10:00:00+08:00",
        "people": [{"key": "p1", "name": "王姐", "department": "财务部", "customer_type": "function",
                    "note": "", "archived": False, "created_at": NOW}],
        "entries": [
            {"uuid": U1, "tool": "abcde", "spec_version": spec.version, "status": "complete",
             "created_at": NOW, "updated_at": NOW, "deleted_at": None, "title": "",
             "tags": ["weekly"], "people": ["p1"], "follows": None,
             "data": copy.deepcopy(spec.examples["zh_CN"]), "followups": []},
            {"uuid": U2, "tool": "abcde", "spec_version": spec.version, "status": "draft",
             "created_at": NOW, "updated_at": NOW, "deleted_at": None, "title": "draft",
             "tags": [], "people": [], "follows": U1, "data": {"event": "half"}, "followups": []},
        ],
        "tk_attempts": [finished_attempt(U3)],
    }


def finished_attempt(uuid: str) -> dict:
    """A complete TK attempt as the TK tool writes it (every item answered with option A)."""
    from coach.tools import tk_instrument as instrument

    order = instrument.new_order()
    answers = {str(i): instrument.mode_for_choice(i, s, "A") for i, s in order}
    return {"uuid": uuid, "started_at": NOW, "finished_at": NOW, "order": order,
            "answers": answers, "scores": instrument.score(answers)}


def set_path(doc, path, value):
    *head, last = path
    target = doc
    for part in head:
        target = target[part]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return doc


DELETE = object()

# (name, path to change, new value, expected message key or None for a spec message, expected place)
FIELD_CASES = [
    ("format missing", ("format",), DELETE, "wrong_format", "format"),
    ("format wrong", ("format",), "anki-deck", "wrong_format", "format"),
    ("version newer", ("version",), 2, "newer_version", "version"),
    ("version zero", ("version",), 0, "bad_version", "version"),
    ("version text", ("version",), "1", "bad_version", "version"),
    ("version bool", ("version",), True, "bad_version", "version"),
    ("exported_at bad", ("exported_at",), "yesterday", "bad_datetime", "exported_at"),
    ("entries missing", ("entries",), DELETE, "missing", "entries"),
    ("entries not list", ("entries",), {"a": 1}, "not_array", "entries"),
    ("people not list", ("people",), "p1", "not_array", "people"),
    ("tk not list", ("tk_attempts",), 3, "not_array", "tk_attempts"),
    ("entry not object", ("entries", 1), "hello", "not_object_item", "entries[1]"),
    ("uuid missing", ("entries", 0, "uuid"), DELETE, "missing", "entries[0].uuid"),
    ("uuid number", ("entries", 0, "uuid"), 12, "not_string", "entries[0].uuid"),
    ("uuid path-like", ("entries", 0, "uuid"), "../../etc/passwd", "bad_uuid", "entries[0].uuid"),
    ("uuid windows path", ("entries", 0, "uuid"), "C:\\Windows\\system32", "bad_uuid",
     "entries[0].uuid"),
    ("uuid duplicate", ("entries", 1, "uuid"), U1, "duplicate_uuid", "entries[1].uuid"),
    ("tool unknown", ("entries", 0, "tool"), "astrology", "unknown_tool", "entries[0].tool"),
    ("tool path-like", ("entries", 0, "tool"), "../abcde", "unknown_tool", "entries[0].tool"),
    ("tool missing", ("entries", 0, "tool"), DELETE, "missing", "entries[0].tool"),
    ("spec_version newer", ("entries", 0, "spec_version"), 99, "newer_spec",
     "entries[0].spec_version"),
    ("spec_version text", ("entries", 0, "spec_version"), "v1", "bad_int", "entries[0].spec_version"),
    ("status unknown", ("entries", 0, "status"), "published", "bad_choice", "entries[0].status"),
    ("created_at missing", ("entries", 0, "created_at"), DELETE, "missing", "entries[0].created_at"),
    ("created_at no offset", ("entries", 0, "created_at"), "2026-11-20T09:30:00", "bad_datetime",
     "entries[0].created_at"),
    ("created_at impossible day", ("entries", 0, "created_at"), "2026-02-30T09:30:00+00:00",
     "bad_datetime", "entries[0].created_at"),
    ("created_at date only", ("entries", 0, "created_at"), "2026-11-20", "bad_datetime",
     "entries[0].created_at"),
    ("created_at number", ("entries", 0, "created_at"), 1700000000, "bad_datetime",
     "entries[0].created_at"),
    ("updated_at garbage", ("entries", 0, "updated_at"), "<script>", "bad_datetime",
     "entries[0].updated_at"),
    ("deleted_at bad", ("entries", 0, "deleted_at"), "soon", "bad_datetime", "entries[0].deleted_at"),
    ("created_at year 10", ("entries", 0, "created_at"), "0010-01-01T00:00:00+00:00", "bad_datetime",
     "entries[0].created_at"),
    ("title number", ("entries", 0, "title"), 5, "not_string", "entries[0].title"),
    ("title too long", ("entries", 0, "title"), "x" * 600, "too_long", "entries[0].title"),
    ("tags not list", ("entries", 0, "tags"), "a,b", "not_array", "entries[0].tags"),
    ("tag not text", ("entries", 0, "tags"), ["ok", 3], "not_string", "entries[0].tags[1]"),
    ("tag too long", ("entries", 0, "tags"), ["t" * 101], "too_long", "entries[0].tags[0]"),
    ("too many tags", ("entries", 0, "tags"), [f"t{i}" for i in range(60)], "too_many",
     "entries[0].tags"),
    ("unknown person", ("entries", 0, "people"), ["p9"], "unknown_person", "entries[0].people[0]"),
    ("people not list", ("entries", 0, "people"), "p1", "not_array", "entries[0].people"),
    ("follows not uuid", ("entries", 1, "follows"), "entry-1", "bad_uuid", "entries[1].follows"),
    ("data missing", ("entries", 0, "data"), DELETE, "missing", "entries[0].data"),
    ("data list", ("entries", 0, "data"), [1, 2], "not_object", "entries[0].data"),
    ("data wrong type", ("entries", 0, "data", "belief_strength"), "very", None,
     "entries[0].data.belief_strength"),
    ("data out of range", ("entries", 0, "data", "belief_strength"), 101, None,
     "entries[0].data.belief_strength"),
    ("data negative", ("entries", 0, "data", "belief_strength"), -1, None,
     "entries[0].data.belief_strength"),
    ("data float", ("entries", 0, "data", "belief_strength"), 50.5, None,
     "entries[0].data.belief_strength"),
    ("data bool as number", ("entries", 0, "data", "belief_strength"), True, None,
     "entries[0].data.belief_strength"),
    ("data unknown choice", ("entries", 0, "data", "helpful"), "maybe", None, "entries[0].data.helpful"),
    ("data required missing", ("entries", 0, "data", "belief"), DELETE, None, "entries[0].data.belief"),
    ("data nested range", ("entries", 0, "data", "emotions", 0, "intensity"), 500, None,
     "entries[0].data.emotions[0].intensity"),
    ("data text not string", ("entries", 0, "data", "event"), {"html": "<b>"}, None,
     "entries[0].data.event"),
    ("data NUL", ("entries", 1, "data", "event"), "a\x00b", "nul", "entries[1].data.event"),
    ("data lone surrogate", ("entries", 1, "data", "event"), "a\ud800b", "bad_unicode",
     "entries[1].data.event"),
    ("data huge string", ("entries", 1, "data", "note"), "x" * 100_001, "too_long",
     "entries[1].data.note"),
    ("followups not list", ("entries", 0, "followups"), {}, "not_array", "entries[0].followups"),
    ("followup done_at bad", ("entries", 0, "followups"), [{"key": "k", "done_at": "never"}],
     "bad_datetime", "entries[0].followups[0].done_at"),
    ("person name missing", ("people", 0, "name"), DELETE, "missing", "people[0].name"),
    ("person name blank", ("people", 0, "name"), "   ", "missing", "people[0].name"),
    ("person type unknown", ("people", 0, "customer_type"), "boss", "bad_choice",
     "people[0].customer_type"),
    ("person key path", ("people", 0, "key"), "../p1", "bad_key", "people[0].key"),
    ("person archived text", ("people", 0, "archived"), "no", "not_bool", "people[0].archived"),
    ("tk uuid bad", ("tk_attempts", 0, "uuid"), "x", "bad_uuid", "tk_attempts[0].uuid"),
    ("tk score out of range", ("tk_attempts", 0, "scores", "competing"), 13, "out_of_range",
     "tk_attempts[0].scores.competing"),
    ("tk scores do not match", ("tk_attempts", 0, "scores", "competing"), 0, "tk_invalid",
     "tk_attempts[0]"),
    ("tk order invalid", ("tk_attempts", 0, "order"), [[999, True]], "tk_invalid", "tk_attempts[0]"),
    ("tk started missing", ("tk_attempts", 0, "started_at"), DELETE, "missing",
     "tk_attempts[0].started_at"),
    ("tk answers list", ("tk_attempts", 0, "answers"), ["a"], "not_object", "tk_attempts[0].answers"),
]


def _issues(doc) -> list[importer.Issue]:
    raw = json.dumps(doc).encode()  # a lone surrogate arrives as a \\ud800 escape
    with pytest.raises(importer.ImportFileError) as info:
        importer.validate(importer.parse(raw))
    return info.value.issues


@pytest.mark.parametrize("name,path,value,key,where", FIELD_CASES, ids=[c[0] for c in FIELD_CASES])
def test_bad_field_is_named_with_its_place(db, name, path, value, key, where):
    doc = set_path(valid_doc(), path, value)
    issues = _issues(doc)
    match = [i for i in issues if i.where == where]
    assert match, [(i.where, i.key) for i in issues]
    if key is not None:
        assert match[0].key == key
    else:
        assert match[0].text is not None  # the tool spec's own message
    # the message is readable in both languages and names the place
    for lang in i18n.LANGUAGES:
        text = match[0].message(lang)
        assert where in text and "import.err" not in text
    assert store.count(include_deleted=True) == 0


RAW_CASES = [
    ("empty file", b"", "empty"),
    ("only spaces", b"   \n", "empty"),
    ("not json", b"hello", "bad_json"),
    ("truncated json", b'{"format": "coach-export", "entries": [', "bad_json"),
    ("trailing comma", b'{"format": "coach-export",}', "bad_json"),
    ("top level list", b"[1, 2]", "not_object"),
    ("top level string", b'"coach"', "not_object"),
    ("latin-1 bytes", '{"format": "é"}'.encode("latin-1"), "not_utf8"),
    ("NaN", b'{"format": "coach-export", "version": NaN}', "bad_json"),
    ("Infinity", b'{"format": "coach-export", "version": 1, "entries": [], "x": Infinity}', "bad_json"),
    ("deeply nested", b'{"a":' + b"[" * 5000 + b"]" * 5000 + b"}", "too_deep"),
    ("nested 40", b'{"format": "coach-export", "version": 1, "entries": [], "x": '
     + b"[" * 40 + b"]" * 40 + b"}", "too_deep"),
    ("huge integer", b'{"format": "coach-export", "version": ' + b"9" * 5000 + b"}", "bad_json"),
]


@pytest.mark.parametrize("name,raw,key", RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_unreadable_files_are_refused(name, raw, key):
    with pytest.raises(importer.ImportFileError) as info:
        importer.validate(importer.parse(raw))
    assert info.value.issues[0].key == key
    assert info.value.report("zh_CN").startswith("无法导入")


def test_overflowing_float_is_refused(db):
    doc = valid_doc()
    raw = json.dumps(doc).replace('"belief_strength": 80', '"belief_strength": 1e400').encode()
    with pytest.raises(importer.ImportFileError) as info:
        importer.validate(importer.parse(raw))
    assert any(i.key == "not_finite" for i in info.value.issues)


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2048)
    with pytest.raises(importer.ImportFileError) as info:
        importer.read(path, max_bytes=1024)
    assert info.value.issues[0].key == "too_big"


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(importer.ImportFileError) as info:
        importer.read(tmp_path / "nope.json")
    assert info.value.issues[0].key == "missing"
    with pytest.raises(importer.ImportFileError) as info:
        importer.read(tmp_path)
    assert info.value.issues[0].key == "not_a_file"


def test_byte_order_mark_is_accepted(db):
    raw = b"\xef\xbb\xbf" + json.dumps(valid_doc()).encode()
    parsed = importer.validate(importer.parse(raw))
    assert len(parsed.entries) == 2


def test_many_problems_are_all_listed_up_to_a_limit(db):
    doc = valid_doc()
    doc["entries"] = [{"uuid": "bad", "tool": "nope"} for _ in range(200)]
    issues = _issues(doc)
    assert len(issues) == importer.MAX_ISSUES


def test_script_and_path_like_text_is_stored_as_inert_text(db, tmp_path):
    doc = valid_doc()
    nasty = {
        "event": "<script>alert('x')</script> <img src=x onerror=alert(1)>",
        "action": "../../../../etc/passwd",
        "belief": "=HYPERLINK(\"http://example.invalid\",\"click\")",
        "next_step": "{{ 7*7 }} ${HOME} $(rm -rf ~) `id`",
    }
    doc["entries"][0]["data"].update(nasty)
    doc["entries"][0]["title"] = "C:\\Users\\..\\secret.txt"
    parsed = importer.validate(importer.parse(json.dumps(doc).encode()))
    importer.apply(importer.plan(parsed))
    stored = store.get(U1)
    for key, value in nasty.items():
        assert stored.data[key] == value
    assert stored.title == "C:\\Users\\..\\secret.txt"
    assert not (tmp_path / "etc").exists()
    # and documents show it as text, never as markup
    from coach.export.render import document, render_html, csv_tables
    from coach.export.selection import Selection, collect

    bundle = collect(Selection())
    html = render_html(document(bundle, "en"))
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "{{ 7*7 }}" in html.replace("&#39;", "'")
    table = csv_tables(bundle, "en")["abcde"]
    assert "'=HYPERLINK" in table


def test_invalid_file_changes_nothing(db):
    parsed = importer.validate(importer.parse(json.dumps(valid_doc()).encode()))
    importer.apply(importer.plan(parsed))
    before = transfer.count_rows()
    doc = valid_doc()
    doc["entries"][0]["data"]["event"] = "changed"
    doc["entries"][0]["updated_at"] = "2027-01-01T00:00:00+00:00"
    doc["entries"].append({"uuid": "nope"})
    with pytest.raises(importer.ImportFileError):
        importer.validate(importer.parse(json.dumps(doc).encode()))
    assert transfer.count_rows() == before
    assert store.get(U1).data["event"] != "changed"
