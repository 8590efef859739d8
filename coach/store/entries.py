"""Reading and writing entries: the API the UI and the CLI use.

Every write is one transaction: the entry row, its tags and people, its
follow-ups and (through triggers) the full-text index change together or not
at all.
"""
from __future__ import annotations

import json
import logging
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Sequence

from peewee import JOIN, fn

from ..tools import get as get_tool
from ..tools.base import FOLLOWUPS_DONE_KEY
from .models import Entry, EntryPerson, EntryTag, FollowUp, Person, Tag, db, utcnow

log = logging.getLogger(__name__)
STATUSES = ("draft", "complete")
RAW_DATA_KEY = "_unreadable_data"  # holds stored data that was not a JSON object


class EntryNotFound(KeyError):
    pass


@dataclass
class EntryRecord:
    """An entry as the rest of the app sees it (plain data, no peewee)."""

    uuid: str
    tool: str
    data: dict
    status: str = "draft"
    title: str = ""
    spec_version: int = 1
    tags: list[str] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None
    follows: str | None = None  # uuid of the plan / conflict it follows up

    def display_title(self, lang: str | None = None) -> str:
        if self.title.strip():
            return self.title.strip()
        try:
            return get_tool(self.tool).title_of(self.data, lang)
        except KeyError:
            return ""


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def without_nul(value):
    """``value`` with NUL characters removed from every string in it.

    A NUL is never text a person typed (it comes with pasted binary junk); it
    cuts strings short in C libraries and an import refuses it, so the diary
    never stores one and exports drop any that older versions stored."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, list):
        return [without_nul(v) for v in value]
    if isinstance(value, dict):
        return {without_nul(k): without_nul(v) for k, v in value.items()}
    return value


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _search_text(record: EntryRecord, people_names: Iterable[str],
                 specs: dict | None = None) -> str:
    """What the search index holds for an entry. Batch callers pass ``specs``
    (``custom.customised_specs()``, read once) instead of one read per entry."""
    from .. import custom  # the user's own questions are searchable too

    try:
        spec = specs[record.tool] if specs is not None else custom.customise(get_tool(record.tool))
        body = spec.text_of(record.data)
    except KeyError:
        body = ""
    parts = [record.title, body, " ".join(record.tags), " ".join(people_names)]
    return "\n".join(p for p in parts if p)


def refresh_search_text(entry_ids: Iterable[int]) -> int:
    """Recompute ``search_text`` of these entries (after a tag or person rename).

    Call inside the transaction that made the change, so the full-text index
    (kept by triggers) changes together with it. Returns how many changed.
    """
    from .. import custom

    changed = 0
    specs = custom.customised_specs()
    for eid in sorted(set(entry_ids)):
        row = Entry.get_or_none(Entry.id == eid)
        if row is None:
            continue
        rec = _to_record(row)
        names = [p.name for p in Person.select(Person.name).where(Person.id.in_(rec.people or [0]))
                 .order_by(Person.id)]
        text = _search_text(rec, names, specs)
        if text != row.search_text:
            Entry.update(search_text=text).where(Entry.id == eid).execute()
            changed += 1
    return changed


def _to_record(row: Entry, tags: list[str] | None = None, people: list[int] | None = None) -> EntryRecord:
    if tags is None:
        tags = [t.name for t in Tag.select(Tag.name).join(EntryTag).where(EntryTag.entry == row.id)
                .order_by(Tag.name)]
    if people is None:
        people = [p.person_id for p in EntryPerson.select(EntryPerson.person).where(EntryPerson.entry == row.id)]
    follows = None
    if row.follows_id:
        target = Entry.get_or_none(Entry.id == row.follows_id)
        follows = target.uuid if target else None
    try:
        data = json.loads(row.data)
    except (TypeError, ValueError):
        data = None
    if not isinstance(data, dict):
        # Hand-edited or damaged: keep the stored text as an unknown key so a
        # later save writes it back instead of silently dropping it.
        data = {RAW_DATA_KEY: row.data}
    return EntryRecord(
        uuid=row.uuid, tool=row.tool, data=data, status=row.status, title=row.title,
        spec_version=row.spec_version, tags=tags, people=sorted(people),
        created_at=row.created_at, updated_at=row.updated_at, deleted_at=row.deleted_at,
        follows=follows,
    )


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def tag_key(name: str) -> str:
    """What the tag table's COLLATE NOCASE treats as equal (ASCII letters only).

    Python's lower()/casefold() also fold letters such as "À", which SQLite's
    NOCASE does not: comparing with them made a second "À" tag collide with the
    unique index.
    """
    return " ".join(name.split()).translate(_ASCII_LOWER)


def _tag_ids(names: Sequence[str]) -> list[int]:
    ids = []
    seen = set()
    for name in names:
        clean = " ".join(name.split())
        if not clean or tag_key(clean) in seen:
            continue
        seen.add(tag_key(clean))
        tag = Tag.get_or_none(Tag.name == clean)  # the column compares with NOCASE
        if tag is None:
            tag = Tag.create(name=clean)
        ids.append(tag.id)
    return ids


def save(record: EntryRecord) -> EntryRecord:
    """Insert or update ``record`` (by uuid) and return it as stored.

    The caller validates first; this function stores exactly what it is
    given, including keys the tool spec does not know.
    """
    if record.status not in STATUSES:
        raise ValueError(f"unknown status {record.status!r}")
    if not record.uuid:
        record.uuid = new_uuid()
    record.data = without_nul(record.data)
    record.title = without_nul(record.title or "")
    record.tags = without_nul(list(record.tags or []))
    now = utcnow()
    with db.atomic():
        row = Entry.get_or_none(Entry.uuid == record.uuid)
        names = [p.name for p in Person.select(Person.name).where(Person.id.in_(record.people or [0]))
                 .order_by(Person.id)]
        follows_id = None
        if record.follows:
            target = Entry.get_or_none(Entry.uuid == record.follows)
            follows_id = target.id if target else None
        values = dict(
            tool=record.tool,
            spec_version=record.spec_version,
            status=record.status,
            title=record.title or "",
            data=_dumps(record.data),
            search_text=_search_text(record, names),
            updated_at=record.updated_at if record.updated_at and row is None else now,
            follows=follows_id,
        )
        if row is None:
            row = Entry.create(uuid=record.uuid, created_at=record.created_at or now,
                               deleted_at=record.deleted_at, **values)
        else:
            Entry.update(**values).where(Entry.id == row.id).execute()
        EntryTag.delete().where(EntryTag.entry == row.id).execute()
        tag_ids = _tag_ids(record.tags)
        if tag_ids:
            EntryTag.insert_many([(row.id, t) for t in tag_ids],
                                 fields=[EntryTag.entry, EntryTag.tag]).execute()
        EntryPerson.delete().where(EntryPerson.entry == row.id).execute()
        person_ids = sorted(set(record.people or []))
        if person_ids:
            EntryPerson.insert_many([(row.id, p) for p in person_ids],
                                    fields=[EntryPerson.entry, EntryPerson.person]).execute()
        _sync_followups(row.id, record)
        stored = Entry.get_by_id(row.id)
    return _to_record(stored)


def _sync_followups(entry_id: int, record: EntryRecord) -> None:
    """Mirror the tool's follow-up items into the follow_up table, keeping done marks."""
    try:
        spec = get_tool(record.tool)
    except KeyError:
        return
    if spec.followups is None:
        return
    try:
        items = {item.key: item for item in spec.followups(record.data)}
    except Exception:  # noqa: BLE001 - a tool's bug must never stop the user's text being saved
        log.exception("follow-ups of %s entry %s could not be derived; kept as they were",
                      record.tool, record.uuid)
        return
    existing = {f.key: f for f in FollowUp.select().where(FollowUp.entry == entry_id)}
    for key, row in existing.items():
        if key not in items:
            row.delete_instance()
    for key, item in items.items():
        row = existing.get(key)
        if row is None:
            FollowUp.create(entry=entry_id, key=key, text=item.text, owner=item.owner,
                            due_date=item.due_date)
        elif (row.text, row.owner, row.due_date) != (item.text, item.owner, item.due_date):
            FollowUp.update(text=item.text, owner=item.owner, due_date=item.due_date
                            ).where(FollowUp.id == row.id).execute()


def get(uuid: str) -> EntryRecord:
    row = Entry.get_or_none(Entry.uuid == uuid)
    if row is None:
        raise EntryNotFound(uuid)
    return _to_record(row)


def exists(uuid: str) -> bool:
    return Entry.select().where(Entry.uuid == uuid).exists()


def query(
    *,
    tool: str | None = None,
    status: str | None = None,
    include_deleted: bool = False,
    only_deleted: bool = False,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = None,
    newest_first: bool = True,
) -> list[EntryRecord]:
    q = Entry.select()
    if tool:
        q = q.where(Entry.tool == tool)
    if status:
        q = q.where(Entry.status == status)
    if only_deleted:
        q = q.where(Entry.deleted_at.is_null(False))
    elif not include_deleted:
        q = q.where(Entry.deleted_at.is_null(True))
    if since:
        q = q.where(Entry.created_at >= Entry.created_at.db_value(since))
    if until:
        q = q.where(Entry.created_at < Entry.created_at.db_value(until))
    q = q.order_by(Entry.updated_at.desc() if newest_first else Entry.created_at.asc())
    if limit:
        q = q.limit(limit)
    rows = list(q)
    if not rows:
        return []
    ids = [r.id for r in rows]
    tags: dict[int, list[str]] = {i: [] for i in ids}
    for link in (EntryTag.select(EntryTag.entry, Tag.name).join(Tag)
                 .where(EntryTag.entry.in_(ids)).order_by(Tag.name).objects()):
        tags[link.entry_id].append(link.name)
    people: dict[int, list[int]] = {i: [] for i in ids}
    for link in EntryPerson.select().where(EntryPerson.entry.in_(ids)):
        people[link.entry_id].append(link.person_id)
    return [_to_record(r, tags[r.id], people[r.id]) for r in rows]


def recent(limit: int = 10) -> list[EntryRecord]:
    return query(limit=limit)


def followers(uuid: str, tool: str | None = None) -> list[EntryRecord]:
    """Live entries that follow up ``uuid`` (e.g. the ABCDE entries done before a plan),
    oldest first."""
    target = Entry.get_or_none(Entry.uuid == uuid)
    if target is None:
        return []
    q = Entry.select().where((Entry.follows == target.id) & Entry.deleted_at.is_null(True))
    if tool:
        q = q.where(Entry.tool == tool)
    return [_to_record(row) for row in q.order_by(Entry.created_at)]


def drafts() -> list[EntryRecord]:
    return query(status="draft")


def trash(uuid: str) -> None:
    with db.atomic():
        Entry.update(deleted_at=utcnow()).where(Entry.uuid == uuid).execute()


def restore(uuid: str) -> None:
    with db.atomic():
        Entry.update(deleted_at=None).where(Entry.uuid == uuid).execute()


def purge(uuid: str) -> None:
    """Delete for good (only from the Trash)."""
    with db.atomic():
        Entry.delete().where((Entry.uuid == uuid) & Entry.deleted_at.is_null(False)).execute()


def trash_many(uuids: Sequence[str]) -> int:
    """Move entries to the Trash in one transaction; returns how many moved."""
    if not uuids:
        return 0
    with db.atomic():
        return (Entry.update(deleted_at=utcnow())
                .where(Entry.uuid.in_(list(uuids)) & Entry.deleted_at.is_null(True)).execute())


def restore_many(uuids: Sequence[str]) -> int:
    if not uuids:
        return 0
    with db.atomic():
        return Entry.update(deleted_at=None).where(Entry.uuid.in_(list(uuids))).execute()


def purge_many(uuids: Sequence[str]) -> int:
    """Delete trashed entries for good (live entries are never touched)."""
    if not uuids:
        return 0
    with db.atomic():
        return Entry.delete().where(Entry.uuid.in_(list(uuids))
                                    & Entry.deleted_at.is_null(False)).execute()


def empty_trash() -> int:
    with db.atomic():
        return Entry.delete().where(Entry.deleted_at.is_null(False)).execute()


def duplicate(uuid: str) -> EntryRecord:
    """A copy of an entry as a new draft (same answers, title, tags and people)."""
    source = get(uuid)
    copy = EntryRecord(uuid=new_uuid(), tool=source.tool, data=json.loads(_dumps(source.data)),
                       status="draft", title=source.title, spec_version=source.spec_version,
                       tags=list(source.tags), people=list(source.people), follows=source.follows)
    return save(copy)


def count(tool: str | None = None, include_deleted: bool = False) -> int:
    q = Entry.select()
    if tool:
        q = q.where(Entry.tool == tool)
    if not include_deleted:
        q = q.where(Entry.deleted_at.is_null(True))
    return q.count()


def count_using_choice(key: str) -> int:
    """Entries (the Trash included) whose answers hold the stable choice key ``key``."""
    needle = json.dumps(key, ensure_ascii=False)  # the key as a JSON string, quotes included
    return Entry.select().where(fn.instr(Entry.data, needle) > 0).count()


def count_answered(tool: str, key: str) -> int:
    """Entries of ``tool`` (the Trash included) with a non-empty answer under ``key``."""
    value = fn.json_extract(Entry.data, "$." + json.dumps(key))
    return Entry.select().where((Entry.tool == tool) & value.is_null(False) & (value != "")).count()


def completed_data(tool: str, since: datetime | None = None, until: datetime | None = None) -> list[dict]:
    """The data dicts of a tool's completed, not deleted entries (oldest first).

    For a tool with follow-ups each dict also carries ``FOLLOWUPS_DONE_KEY``:
    follow-up key -> done, so its figures can tell whether a loop is closed.
    """
    q = (Entry.select(Entry.data).where((Entry.tool == tool) & (Entry.status == "complete")
                                         & Entry.deleted_at.is_null(True)))
    if since:
        q = q.where(Entry.created_at >= Entry.created_at.db_value(since))
    if until:
        q = q.where(Entry.created_at < Entry.created_at.db_value(until))
    try:
        with_followups = get_tool(tool).followups is not None
    except KeyError:
        with_followups = False
    rows = list(q.select(Entry.id, Entry.data).order_by(Entry.created_at).tuples())
    done: dict[int, dict[str, bool]] = {}
    if with_followups and rows:
        ids = [entry_id for entry_id, _ in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for entry_id, key, done_at in (FollowUp.select(FollowUp.entry, FollowUp.key, FollowUp.done_at)
                                           .where(FollowUp.entry.in_(chunk)).tuples()):
                done.setdefault(entry_id, {})[key] = done_at is not None
    out = []
    for entry_id, raw in rows:
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        if with_followups and isinstance(data, dict):
            data[FOLLOWUPS_DONE_KEY] = done.get(entry_id, {})
        out.append(data)
    return out


# --- people --------------------------------------------------------------------

CUSTOMER_TYPES = ("rank", "function", "process")


@dataclass
class PersonRecord:
    id: int | None
    name: str
    department: str = ""
    customer_type: str = ""
    note: str = ""


def people(include_archived: bool = False) -> list[PersonRecord]:
    q = Person.select()
    if not include_archived:
        q = q.where(Person.archived == False)  # noqa: E712
    return [PersonRecord(p.id, p.name, p.department, p.customer_type, p.note)
            for p in q.order_by(fn.lower(Person.name))]


def save_person(person: PersonRecord) -> PersonRecord:
    person.name, person.department, person.note = without_nul(
        [person.name, person.department, person.note or ""])
    if not person.name.strip():
        raise ValueError("a person needs a name")
    if person.customer_type and person.customer_type not in CUSTOMER_TYPES:
        raise ValueError(f"unknown customer type {person.customer_type!r}")
    with db.atomic():
        if person.id is None:
            row = Person.create(name=person.name.strip(), department=person.department.strip(),
                                customer_type=person.customer_type, note=person.note)
            person.id = row.id
        else:
            old = Person.get_or_none(Person.id == person.id)
            Person.update(name=person.name.strip(), department=person.department.strip(),
                          customer_type=person.customer_type, note=person.note
                          ).where(Person.id == person.id).execute()
            if old is not None and old.name != person.name.strip():
                # The name is part of every linked entry's search text.
                refresh_search_text(link.entry_id for link in EntryPerson.select(EntryPerson.entry)
                                    .where(EntryPerson.person == person.id))
    return person


def all_tags() -> list[tuple[str, int]]:
    """Every tag with the number of (not deleted) entries that carry it."""
    q = (Tag.select(Tag.name, fn.COUNT(Entry.id).alias("n"))
         .join(EntryTag, JOIN.LEFT_OUTER).join(Entry, JOIN.LEFT_OUTER)
         .where(Entry.deleted_at.is_null(True) | Entry.id.is_null(True))
         .group_by(Tag.id).order_by(Tag.name))
    return [(t.name, t.n) for t in q.objects()]


# --- follow-ups ----------------------------------------------------------------

@dataclass
class FollowUpView:
    id: int
    entry_uuid: str
    tool: str
    entry_title: str
    key: str
    text: str
    owner: str
    due_date: str | None
    done: bool
    done_at: datetime | None = None

    def overdue(self, today) -> bool:
        return bool(self.due_date) and not self.done and self.due_date < today.isoformat()


def followups(*, include_done: bool = False, entry_uuid: str | None = None) -> list[FollowUpView]:
    """Follow-ups of live entries, open ones first by due date (undated last)."""
    q = (FollowUp.select(FollowUp, Entry).join(Entry)
         .where(Entry.deleted_at.is_null(True)))
    if not include_done:
        q = q.where(FollowUp.done_at.is_null(True))
    if entry_uuid:
        q = q.where(Entry.uuid == entry_uuid)
    out = []
    for f in q:
        rec_title = f.entry.title
        if not rec_title:
            try:
                rec_title = get_tool(f.entry.tool).title_of(json.loads(f.entry.data))
            except (KeyError, ValueError):
                rec_title = ""
        out.append(FollowUpView(f.id, f.entry.uuid, f.entry.tool, rec_title, f.key, f.text,
                                f.owner, f.due_date, f.done_at is not None, f.done_at))
    out.sort(key=lambda v: (v.done, v.due_date is None, v.due_date or "", v.id))
    return out


def set_followup_done(followup_id: int, done: bool = True) -> None:
    with db.atomic():
        FollowUp.update(done_at=utcnow() if done else None).where(FollowUp.id == followup_id).execute()
