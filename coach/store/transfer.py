"""Bulk reads and writes for export and import (the SQL side of coach.export).

Reads return plain dicts; :func:`apply_import` writes a whole validated import
in ONE transaction (entries, tags, people, follow-up marks, TK attempts, own prompts), so
an import happens completely or not at all. Rows are written in batches so a
10,000-entry file imports in a few seconds.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterable, Sequence

from ..tools import get as get_tool
from . import settings as settings_store
from . import tally as tally_store
from .entries import EntryRecord, _dumps, _search_text, _to_record, tag_key
from .models import Entry, EntryPerson, EntryTag, FollowUp, Person, Tag, TkAttempt, db

BATCH = 400


def _chunks(seq: Sequence, size: int = BATCH) -> Iterable[Sequence]:
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


# --- reading -------------------------------------------------------------------

def select_entries(*, tools: Sequence[str] | None = None, since: datetime | None = None,
                   until: datetime | None = None, uuids: Sequence[str] | None = None,
                   include_deleted: bool = False, status: str | None = None) -> list[EntryRecord]:
    """Entries matching the filter, oldest first (the order of a document)."""
    q = Entry.select()
    if tools:
        q = q.where(Entry.tool.in_(list(tools)))
    if status:
        q = q.where(Entry.status == status)
    if not include_deleted:
        q = q.where(Entry.deleted_at.is_null(True))
    if since:
        q = q.where(Entry.created_at >= Entry.created_at.db_value(since))
    if until:
        q = q.where(Entry.created_at < Entry.created_at.db_value(until))
    if uuids is not None:
        wanted = list(dict.fromkeys(uuids))
        rows = []
        for chunk in _chunks(wanted):
            rows.extend(q.where(Entry.uuid.in_(list(chunk))))
    else:
        rows = list(q)
    rows.sort(key=lambda r: (r.created_at, r.id))
    return _records(rows)


def _records(rows: list[Entry]) -> list[EntryRecord]:
    if not rows:
        return []
    ids = [r.id for r in rows]
    tags: dict[int, list[str]] = {i: [] for i in ids}
    people: dict[int, list[int]] = {i: [] for i in ids}
    uuid_of: dict[int, str] = {}
    for chunk in _chunks(ids):
        for entry_id, name in (EntryTag.select(EntryTag.entry, Tag.name).join(Tag)
                               .where(EntryTag.entry.in_(list(chunk))).order_by(Tag.name).tuples()):
            tags[entry_id].append(name)
        for entry_id, person_id in (EntryPerson.select(EntryPerson.entry, EntryPerson.person)
                                    .where(EntryPerson.entry.in_(list(chunk))).tuples()):
            people[entry_id].append(person_id)
    follow_ids = list({r.follows_id for r in rows if r.follows_id})
    for chunk in _chunks(follow_ids):
        for entry_id, uuid in Entry.select(Entry.id, Entry.uuid).where(Entry.id.in_(list(chunk))).tuples():
            uuid_of[entry_id] = uuid
    out = []
    for r in rows:
        follows_id, r.follows_id = r.follows_id, None  # resolved here, not per row in _to_record
        rec = _to_record(r, tags[r.id], people[r.id])
        rec.follows = uuid_of.get(follows_id) if follows_id else None
        r.follows_id = follows_id
        out.append(rec)
    return out


def followup_marks(uuids: Sequence[str]) -> dict[str, list[dict]]:
    """Follow-up rows of the given entries: uuid -> [{key, done_at}] sorted by key."""
    out: dict[str, list[dict]] = {}
    for chunk in _chunks(list(uuids)):
        q = (FollowUp.select(FollowUp.key, FollowUp.done_at, Entry.uuid).join(Entry)
             .where(Entry.uuid.in_(list(chunk))))
        for row in q.objects():
            out.setdefault(row.uuid, []).append({"key": row.key, "done_at": row.done_at})
    for marks in out.values():
        marks.sort(key=lambda m: m["key"])
    return out


@dataclass
class PersonRow:
    id: int
    name: str
    department: str
    customer_type: str
    note: str
    archived: bool
    created_at: datetime | None


def people_rows(ids: Iterable[int] | None = None) -> list[PersonRow]:
    """People (all, or the given ids) in id order, archived ones included."""
    q = Person.select().order_by(Person.id)
    if ids is not None:
        wanted = sorted(set(ids))
        rows = []
        for chunk in _chunks(wanted):
            rows.extend(q.where(Person.id.in_(list(chunk))))
        rows.sort(key=lambda p: p.id)
    else:
        rows = list(q)
    return [PersonRow(p.id, p.name, p.department, p.customer_type, p.note, bool(p.archived),
                      p.created_at) for p in rows]


def tk_attempt_rows() -> list[dict]:
    out = []
    for t in TkAttempt.select().order_by(TkAttempt.started_at, TkAttempt.id):
        out.append({"uuid": t.uuid, "started_at": t.started_at, "finished_at": t.finished_at,
                    "order": _loads(t.order, []), "answers": _loads(t.answers, {}),
                    "scores": _loads(t.scores, {})})
    return out


def tk_attempts_by_uuid(uuids: Sequence[str]) -> dict[str, dict]:
    rows = {}
    for chunk in _chunks(list(uuids)):
        for t in TkAttempt.select().where(TkAttempt.uuid.in_(list(chunk))):
            rows[t.uuid] = {"uuid": t.uuid, "started_at": t.started_at, "finished_at": t.finished_at,
                            "order": _loads(t.order, []), "answers": _loads(t.answers, {}),
                            "scores": _loads(t.scores, {})}
    return rows


def _loads(raw: str, default):
    try:
        return json.loads(raw)
    except (TypeError, ValueError):
        return default


def existing_uuids(uuids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(list(uuids)):
        found.update(u for (u,) in Entry.select(Entry.uuid).where(Entry.uuid.in_(list(chunk))).tuples())
    return found


# --- writing -------------------------------------------------------------------

@dataclass
class PersonIn:
    """A person of the import file; matched to a local person by name + department."""

    key: str
    name: str
    department: str = ""
    customer_type: str = ""
    note: str = ""
    archived: bool = False
    created_at: datetime | None = None


@dataclass
class EntryIn:
    record: EntryRecord  # people holds person keys of the file (str), mapped on write
    person_keys: list[str] = field(default_factory=list)
    marks: list[dict] = field(default_factory=list)  # [{key, done_at}]
    replace: bool = False  # True: overwrite the local entry with this uuid


def _person_match_key(name: str, department: str) -> tuple[str, str]:
    return (" ".join(name.split()).casefold(), " ".join(department.split()).casefold())


def apply_import(people_in: Sequence[PersonIn], entries_in: Sequence[EntryIn],
                 tk_in: Sequence[dict], *, progress: Callable[[int, int], None] | None = None,
                 settings: dict[str, Any] | None = None, tally: Sequence[dict] = ()) -> None:
    """Write everything in one transaction; raises (and rolls back) on any error.

    ``settings`` (key -> value) are written first, in the same transaction: the
    user's own prompts that the imported entries use; ``tally`` sets daily
    three-weapons counts."""
    total = len(entries_in) + len(tk_in) + 1
    done = 0

    def step(n: int = 1):
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    with db.atomic():
        for key, value in (settings or {}).items():
            settings_store.set(key, value)
        tally_store.write_counts(list(tally))
        # people: reuse a local person with the same name and department
        local = {}
        for p in Person.select():
            local.setdefault(_person_match_key(p.name, p.department), p.id)
        person_id: dict[str, int] = {}
        for p in people_in:
            mk = _person_match_key(p.name, p.department)
            if mk in local:
                person_id[p.key] = local[mk]
                continue
            row = Person.create(name=p.name.strip(), department=p.department.strip(),
                                customer_type=p.customer_type, note=p.note, archived=p.archived,
                                created_at=p.created_at or datetime.now().astimezone())
            local[mk] = row.id
            person_id[p.key] = row.id
        names_of = {pid: name for pid, name in Person.select(Person.id, Person.name).tuples()}

        # tags: one lookup, create the missing ones
        tag_id: dict[str, int] = {}
        for t in Tag.select():
            tag_id.setdefault(tag_key(t.name), t.id)

        def tag_ids(names: list[str]) -> list[int]:
            out, seen = [], set()
            for name in names:
                clean = " ".join(name.split())
                key = tag_key(clean)
                if not clean or key in seen:
                    continue
                seen.add(key)
                if key not in tag_id:
                    tag_id[key] = Tag.create(name=clean).id
                out.append(tag_id[key])
            return out

        # entries: replaced ones are deleted first (links and follow-ups cascade), then
        # every entry is inserted in batches with its original timestamps.
        replaced = [e.record.uuid for e in entries_in if e.replace]
        old_follow: dict[str, str] = {}
        for chunk in _chunks(replaced):
            # entries elsewhere that follow a replaced one must keep pointing at it
            target_ids = [i for (i,) in Entry.select(Entry.id).where(Entry.uuid.in_(list(chunk))).tuples()]
            for fid, target_uuid in (Entry.select(Entry.id, Entry.uuid).where(Entry.id.in_(target_ids)).tuples()):
                for (follower_uuid,) in Entry.select(Entry.uuid).where(Entry.follows == fid).tuples():
                    old_follow[follower_uuid] = target_uuid
            Entry.delete().where(Entry.uuid.in_(list(chunk))).execute()
        # raw executemany: peewee's per-row SQL building costs more than SQLite itself
        conn = db.connection()
        rows = []
        from .. import custom

        specs = custom.customised_specs()  # after the settings above: own questions included
        for e in entries_in:
            rec = e.record
            rec.people = sorted({person_id[k] for k in e.person_keys if k in person_id})
            rows.append((
                rec.uuid, rec.tool, rec.spec_version, rec.status, rec.title or "", _dumps(rec.data),
                _search_text(rec, [names_of.get(p, "") for p in rec.people], specs),
                _ts(rec.created_at), _ts(rec.updated_at), _ts(rec.deleted_at),
            ))
        for chunk in _chunks(rows, 1000):
            conn.executemany(
                "INSERT INTO entry (uuid, tool, spec_version, status, title, data, search_text, "
                "created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk)
            step(len(chunk))
        id_of: dict[str, int] = {}
        all_uuids = [e.record.uuid for e in entries_in]
        for chunk in _chunks(all_uuids):
            id_of.update(Entry.select(Entry.uuid, Entry.id).where(Entry.uuid.in_(list(chunk))).tuples())
        tag_links, person_links, followups = [], [], []
        follows_updates: list[tuple[str, str]] = []
        for e in entries_in:
            rec = e.record
            eid = id_of[rec.uuid]
            tag_links.extend((eid, t) for t in tag_ids(rec.tags))
            person_links.extend((eid, p) for p in rec.people)
            if rec.follows:
                follows_updates.append((rec.uuid, rec.follows))
            followups.extend(_followup_rows(eid, rec, e.marks))
        for follower, target in old_follow.items():
            follows_updates.append((follower, target))
        conn.executemany("INSERT INTO entry_tag (entry_id, tag_id) VALUES (?, ?)", tag_links)
        conn.executemany("INSERT INTO entry_person (entry_id, person_id) VALUES (?, ?)", person_links)
        conn.executemany("INSERT INTO follow_up (entry_id, key, text, owner, due_date, done_at) "
                         "VALUES (?, ?, ?, ?, ?, ?)", followups)
        if follows_updates:
            targets = {t for _, t in follows_updates} - set(id_of)
            for chunk in _chunks(list(targets)):
                id_of.update(Entry.select(Entry.uuid, Entry.id).where(Entry.uuid.in_(list(chunk))).tuples())
            for follower, target in follows_updates:
                if target in id_of and follower in id_of:
                    Entry.update(follows=id_of[target]).where(Entry.id == id_of[follower]).execute()
        for t in tk_in:
            TkAttempt.insert(
                uuid=t["uuid"], started_at=t["started_at"], finished_at=t.get("finished_at"),
                order=json.dumps(t.get("order", []), ensure_ascii=False),
                answers=json.dumps(t.get("answers", {}), ensure_ascii=False, sort_keys=True),
                scores=json.dumps(t.get("scores", {}), ensure_ascii=False, sort_keys=True),
            ).execute()
            step()
        step()


def _followup_rows(entry_id: int, rec: EntryRecord, marks: list[dict]) -> list[dict]:
    try:
        spec = get_tool(rec.tool)
    except KeyError:
        return []
    if spec.followups is None:
        return []
    done = {m["key"]: m.get("done_at") for m in marks}
    return [(entry_id, item.key, item.text, item.owner, item.due_date, _ts(done.get(item.key)))
            for item in spec.followups(rec.data)]


def _ts(moment: datetime | None) -> str | None:
    return Entry.created_at.db_value(moment)


def count_rows() -> dict[str, int]:
    return {"entries": Entry.select().count(), "people": Person.select().count(),
            "tags": Tag.select().count(), "tk_attempts": TkAttempt.select().count(),
            "followups": FollowUp.select().count(),
            "done_followups": FollowUp.select().where(FollowUp.done_at.is_null(False)).count()}
