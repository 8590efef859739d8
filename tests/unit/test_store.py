"""Entries in the store: round trips, tags, people, trash, full-text index."""
from __future__ import annotations

import json

import pytest

from coach.store import entries as store
from coach.store.check import check_database
from coach.store.models import Entry


def make(data=None, **kw):
    return store.EntryRecord(uuid="", tool="abcde", data=data or {"event": "Budget meeting ran late"}, **kw)


def test_save_and_get_round_trip(db):
    rec = store.save(make(title="Meeting", tags=["finance", "Q3"], status="complete"))
    again = store.get(rec.uuid)
    assert again.data == {"event": "Budget meeting ran late"}
    assert again.title == "Meeting"
    assert again.tags == ["finance", "Q3"]  # sorted without regard to case
    assert again.status == "complete"
    assert again.created_at.tzinfo is not None
    assert again.created_at == again.updated_at


def test_update_keeps_created_and_moves_updated(db):
    rec = store.save(make())
    created = rec.created_at
    rec.data = {"event": "changed"}
    updated = store.save(rec)
    assert updated.created_at == created
    assert updated.updated_at >= created
    assert store.get(rec.uuid).data == {"event": "changed"}
    assert store.count() == 1


def test_unknown_keys_are_preserved_exactly(db):
    data = {"event": "x", "from_the_future": {"nested": [1, 2, "三"]}, "emotions": [
        {"emotion": "anger", "intensity": 5, "extra": True}]}
    rec = store.save(make(data))
    assert store.get(rec.uuid).data == data


def test_stored_json_uses_stable_keys_not_labels(db):
    rec = store.save(make({"event": "x", "emotions": [{"emotion": "wronged", "intensity": 40}]}))
    raw = Entry.get(Entry.uuid == rec.uuid).data
    assert json.loads(raw)["emotions"][0]["emotion"] == "wronged"
    assert "委屈" not in raw and "Feeling wronged" not in raw


def test_tags_are_case_insensitive_and_deduplicated(db):
    rec = store.save(make(tags=["Finance", "finance", " finance ", "财务"]))
    assert store.get(rec.uuid).tags == ["Finance", "财务"]
    store.save(make(tags=["FINANCE"]))
    assert dict(store.all_tags()) == {"Finance": 2, "财务": 1}


def test_people_are_linked(db):
    li = store.save_person(store.PersonRecord(None, "李工", "财务部", "function"))
    rec = store.save(make(people=[li.id]))
    assert store.get(rec.uuid).people == [li.id]
    assert [p.name for p in store.people()] == ["李工"]
    with pytest.raises(ValueError):
        store.save_person(store.PersonRecord(None, "  "))
    with pytest.raises(ValueError):
        store.save_person(store.PersonRecord(None, "X", customer_type="boss"))


def test_trash_restore_and_purge(db):
    rec = store.save(make())
    store.trash(rec.uuid)
    assert store.query() == []
    assert [r.uuid for r in store.query(only_deleted=True)] == [rec.uuid]
    store.restore(rec.uuid)
    assert [r.uuid for r in store.query()] == [rec.uuid]
    store.purge(rec.uuid)  # not in the trash: nothing happens
    assert store.exists(rec.uuid)
    store.trash(rec.uuid)
    store.purge(rec.uuid)
    assert not store.exists(rec.uuid)


def test_recent_and_drafts(db):
    a = store.save(make(status="complete"))
    b = store.save(make())
    assert [r.uuid for r in store.recent()] == [b.uuid, a.uuid]
    assert [r.uuid for r in store.drafts()] == [b.uuid]


def test_completed_data_only_counts_completed_live_entries(db):
    store.save(make({"event": "1"}, status="complete"))
    store.save(make({"event": "2"}))
    gone = store.save(make({"event": "3"}, status="complete"))
    store.trash(gone.uuid)
    assert store.completed_data("abcde") == [{"event": "1"}]


def _fts(db, query):
    return [r[0] for r in db.execute_sql(
        "SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?", (query,)).fetchall()]


def test_search_index_follows_every_write(db):
    rec = store.save(make({"event": "跨部门的预算会议延期了"}))
    row_id = Entry.get(Entry.uuid == rec.uuid).id
    assert _fts(db, '"预算会议"') == [row_id]
    rec.data = {"event": "completely different"}
    store.save(rec)
    assert _fts(db, '"预算会议"') == []
    assert _fts(db, '"different"') == [row_id]
    store.trash(rec.uuid)
    store.purge(rec.uuid)
    assert _fts(db, '"different"') == []
    assert check_database(db).ok


def test_a_failed_transaction_leaves_no_trace(db):
    rec = store.save(make({"event": "before"}))
    rec.data = {"event": "after"}
    rec.status = "bogus"
    with pytest.raises(ValueError):
        store.save(rec)
    assert store.get(rec.uuid).data == {"event": "before"}


def test_settings_defaults_and_round_trip(db):
    from coach.store import settings

    assert settings.get("language") is None
    settings.set("language", "zh_CN")
    assert settings.get("language") == "zh_CN"


def test_followups_are_synced_and_keep_their_done_mark(db, monkeypatch):
    from datetime import date

    from coach.tools import get
    from coach.tools.base import FollowUpItem

    spec = get("abcde")

    def items(data):
        return [FollowUpItem(f"step:{i}", text, "me", "2026-01-02" if i == 0 else None)
                for i, text in enumerate(data.get("steps", []))]

    monkeypatch.setattr(spec, "followups", items)
    rec = store.save(make({"event": "x", "steps": ["call Li", "send recap"]}))
    open_items = store.followups()
    assert [f.text for f in open_items] == ["call Li", "send recap"]
    assert open_items[0].overdue(date(2026, 1, 3)) and not open_items[1].overdue(date(2026, 1, 3))
    store.set_followup_done(open_items[0].id)
    rec.data = {"event": "x", "steps": ["call Li today", "send recap", "book room"]}
    store.save(rec)
    assert [f.text for f in store.followups()] == ["send recap", "book room"]
    done = [f for f in store.followups(include_done=True) if f.done]
    assert [f.text for f in done] == ["call Li today"]
    store.trash(rec.uuid)
    assert store.followups() == []
