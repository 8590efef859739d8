"""Your own prompts travel with exports and imports, and are never removed
from under the entries that use them."""
from __future__ import annotations

import copy
import json

import pytest

from coach import custom, wording
from coach.export import importer, jsonfmt
from coach.export.render import csv_tables, document, render_html
from coach.export.selection import Selection, collect
from coach.store import close_database, open_database, search, settings
from coach.store import entries as store
from coach.tools import registry


def rebind(database) -> None:
    from coach.store.models import db as proxy

    proxy.initialize(database)


def own_prompts_and_an_entry() -> tuple[dict, str, str, str]:
    """A diary with an own emotion, pattern and question, and an entry using all three."""
    p = custom.empty()
    emotion = custom.add_item(p, "emotions", "Drained")
    pattern = custom.add_item(p, "patterns", "Comparing myself")
    question = custom.add_question(p, "abcde", "What did my body feel?")
    p["vocabularies"]["emotions"]["hidden"] = ["guilt"]
    custom.save(p)
    settings.set(wording.SETTING, [{"word": "总是", "kind": "absolute", "suggestion": "这几次"}])
    data = copy.deepcopy(registry()["abcde"].examples["en"])
    data["emotions"] = [{"emotion": emotion, "intensity": 60, "after": 30}]
    data["patterns"] = [pattern]
    data[question] = "Tight shoulders, shallow breath"
    store.save(store.EntryRecord(uuid="", tool="abcde", data=data, status="complete"))
    return p, emotion, pattern, question


def to_doc(selection: Selection | None = None) -> dict:
    doc = jsonfmt.build(collect(selection or Selection()))
    doc.pop("exported_at")
    return doc


def parse(doc: dict) -> importer.Parsed:
    return importer.validate(importer.parse(json.dumps(doc, ensure_ascii=False).encode()))


def test_export_carries_own_prompts_and_words(db):
    p, emotion, _pattern, question = own_prompts_and_an_entry()
    doc = to_doc()
    assert doc["prompts"] == custom.normalise(p)
    assert doc["prompts"]["vocabularies"]["emotions"]["added"][0] == {"key": emotion, "label": "Drained"}
    assert doc["prompts"]["questions"]["abcde"][0]["key"] == question
    assert doc["wording_words"] == [{"word": "总是", "kind": "absolute", "suggestion": "这几次"}]
    # a partial export (chosen entries) carries them too: its entries may use them
    uuid = doc["entries"][0]["uuid"]
    assert to_doc(Selection(uuids=[uuid]))["prompts"] == doc["prompts"]


def test_documents_label_own_items_and_show_own_answers(db):
    _p, emotion, _pattern, _question = own_prompts_and_an_entry()
    bundle = collect(Selection())
    html = render_html(document(bundle, "en"))
    assert "Drained" in html and "Comparing myself" in html
    assert "What did my body feel?" in html and "Tight shoulders" in html
    assert emotion not in html  # the label, never the stable key
    table = csv_tables(bundle, "en")["abcde"]
    assert "What did my body feel?" in table and "Tight shoulders" in table


def test_round_trip_into_an_empty_diary_recreates_prompts(db, tmp_path):
    p, emotion, _pattern, question = own_prompts_and_an_entry()
    doc = to_doc()
    other = open_database(tmp_path / "other.sqlite3")
    try:
        # without the prompts the entry would not fit this diary's forms
        bare = {k: v for k, v in doc.items() if k not in ("prompts", "wording_words")}
        with pytest.raises(importer.ImportFileError) as err:
            parse(bare)
        assert "entries[0].data.emotions[0].emotion" in err.value.report("en")
        the_plan = importer.plan(parse(doc))
        assert the_plan.prompt_changes == {"items": 2, "hidden": 1, "questions": 1}
        assert the_plan.words_added == 1
        assert any("2 items and 1 questions added, 1 items hidden, 1 wording words added" in line
                   for line in importer.summary_lines(the_plan, "en"))
        result = importer.apply(the_plan)
        assert (result.added, result.prompts_added, result.words_added) == (1, 3, 1)
        assert custom.load() == custom.normalise(p)
        assert wording.clean_custom(settings.get(wording.SETTING)) == doc["wording_words"]
        # the answer to the own question is searchable in the new diary
        assert [r.tool for r in search.find(search.Filter(query="shallow breath"))] == ["abcde"]
        assert to_doc() == doc
        # importing again changes nothing at all
        assert not importer.plan(parse(doc)).changes_anything
    finally:
        close_database(other)
        rebind(db)
    assert emotion and question


def test_import_merges_prompts_and_keeps_local_labels(db, tmp_path):
    _p, emotion, _pattern, _question = own_prompts_and_an_entry()
    doc = to_doc()
    other = open_database(tmp_path / "other.sqlite3")
    try:
        mine = custom.empty()
        mine_key = custom.add_item(mine, "emotions", "Restless")
        mine["vocabularies"]["emotions"]["added"].append({"key": emotion, "label": "Worn out"})
        custom.save(mine)
        importer.apply(importer.plan(parse(doc)))
        added = custom.load()["vocabularies"]["emotions"]["added"]
        assert [a["key"] for a in added] == [mine_key, emotion]
        assert added[1]["label"] == "Worn out"  # the diary's own label wins
    finally:
        close_database(other)
        rebind(db)


def test_a_failed_import_leaves_prompts_untouched(db, tmp_path, monkeypatch):
    own_prompts_and_an_entry()
    doc = to_doc()
    other = open_database(tmp_path / "other.sqlite3")
    try:
        from coach.store import transfer

        def broken(*args, **kwargs):
            raise RuntimeError("disk gone")

        monkeypatch.setattr(transfer, "_followup_rows", broken)
        with pytest.raises(RuntimeError):
            importer.apply(importer.plan(parse(doc)))
        assert custom.load() == custom.empty()
        assert settings.get(wording.SETTING) is None
        assert store.count() == 0
    finally:
        close_database(other)
        rebind(db)


@pytest.mark.parametrize("path,value,where", [
    (("prompts",), [], "prompts"),
    (("prompts", "vocabularies", "moods"), {"added": []}, "prompts.vocabularies.moods"),
    (("prompts", "vocabularies", "emotions", "added"), [{"key": "anger", "label": "x"}],
     "prompts.vocabularies.emotions.added[0].key"),
    (("prompts", "vocabularies", "emotions", "added"), [{"key": "my-x", "label": "  "}],
     "prompts.vocabularies.emotions.added[0].label"),
    (("prompts", "vocabularies", "emotions", "hidden"), ["no-such-item"],
     "prompts.vocabularies.emotions.hidden[0]"),
    (("prompts", "questions", "nope"), [], "prompts.questions.nope"),
    (("prompts", "questions", "abcde"), [{"key": "my_q_1", "label": "Q", "retired": "yes"}],
     "prompts.questions.abcde[0].retired"),
    (("wording_words",), [{"word": "always", "kind": "rude"}], "wording_words[0].kind"),
])
def test_bad_prompts_are_refused_with_their_place(db, path, value, where):
    doc = {"format": "coach-export", "version": 1, "entries": [], "prompts": custom.empty()}
    target = doc
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value
    with pytest.raises(importer.ImportFileError) as err:
        parse(doc)
    assert any(issue.where == where for issue in err.value.issues), err.value.report("en")
    assert custom.load() == custom.empty()


def test_merge_never_removes_and_keeps_retired_questions():
    local = custom.empty()
    a = custom.add_item(local, "patterns", "Mine")
    q = custom.add_question(local, "abcde", "Local question")
    theirs = custom.empty()
    b = custom.add_item(theirs, "patterns", "Theirs")
    theirs["questions"]["abcde"] = [{"key": q, "label": "Their wording", "retired": True}]
    theirs["vocabularies"]["patterns"]["hidden"] = [b]
    merged = custom.merge(local, theirs)
    assert [x["key"] for x in merged["vocabularies"]["patterns"]["added"]] == [a, b]
    assert merged["vocabularies"]["patterns"]["hidden"] == [b]
    assert merged["questions"]["abcde"] == [{"key": q, "label": "Local question", "retired": True}]
    assert custom.changes(local, merged) == {"items": 1, "hidden": 1, "questions": 0}
    assert custom.merge(merged, theirs) == merged  # idempotent


def test_removing_a_used_item_hides_it_and_an_unused_one_is_deleted(db):
    _p, emotion, pattern, question = own_prompts_and_an_entry()
    spare = custom.load()
    unused = custom.add_item(spare, "emotions", "Spare")
    custom.save(spare)
    assert store.count_using_choice(emotion) == 1 and store.count_using_choice(unused) == 0
    prompts = custom.load()
    assert custom.remove_item(prompts, "emotions", emotion, in_use=True) == "hidden"
    assert custom.remove_item(prompts, "emotions", unused, in_use=False) == "deleted"
    assert store.count_answered("abcde", question) == 1
    assert custom.remove_question(prompts, "abcde", question, answered=True) == "retired"
    custom.save(prompts)
    spec = custom.customise(registry()["abcde"])
    choice = next(c for c in spec.field("emotions").fields[0].choices if c.key == emotion)
    assert choice.hidden and unused not in [c.key for c in spec.field("emotions").fields[0].choices]
    assert spec.field(question).retired
    # the entry that uses them still validates and keeps its answers searchable
    rec = store.query()[0]
    assert spec.validate(rec.data, complete=True) == []
    assert store.save(rec).data[question] == "Tight shoulders, shallow breath"
    assert [r.uuid for r in search.find(search.Filter(query="shallow breath"))] == [rec.uuid]
    assert pattern
