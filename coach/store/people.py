"""People the user works with: counts, archive, and the entries about them.

(Creating and editing a person is :func:`coach.store.entries.save_person`.)
"""
from __future__ import annotations

from peewee import fn

from .entries import PersonRecord, _to_record, EntryRecord
from .models import Entry, EntryPerson, FollowUp, Person, db


def get(person_id: int) -> PersonRecord | None:
    p = Person.get_or_none(Person.id == person_id)
    return PersonRecord(p.id, p.name, p.department, p.customer_type, p.note) if p else None


def archived_ids() -> set[int]:
    return {p.id for p in Person.select(Person.id).where(Person.archived == True)}  # noqa: E712


def set_archived(person_id: int, archived: bool = True) -> None:
    """Hide a person from the pickers (their links to entries stay)."""
    with db.atomic():
        Person.update(archived=archived).where(Person.id == person_id).execute()


def entry_counts() -> dict[int, int]:
    """person id -> number of live entries linked to them."""
    q = (EntryPerson.select(EntryPerson.person, fn.COUNT(EntryPerson.entry).alias("n"))
         .join(Entry).where(Entry.deleted_at.is_null(True)).group_by(EntryPerson.person))
    return {row.person_id: row.n for row in q}


def names() -> dict[int, str]:
    """Every person's name by id (archived included: old entries still show them)."""
    return {p.id: p.name for p in Person.select(Person.id, Person.name)}


def departments() -> list[str]:
    q = (Person.select(Person.department).where(Person.department != "")
         .distinct().order_by(fn.lower(Person.department)))
    return [p.department for p in q]


def ids_in_department(department: str) -> list[int]:
    if not department.strip():
        return []
    return [p.id for p in Person.select(Person.id)
            .where(fn.lower(Person.department) == department.strip().lower())]


def entries_about(person_ids: list[int]) -> list[EntryRecord]:
    """Live entries linked to any of these people, newest first."""
    if not person_ids:
        return []
    rows = (Entry.select().join(EntryPerson)
            .where(EntryPerson.person.in_(person_ids) & Entry.deleted_at.is_null(True))
            .distinct().order_by(Entry.created_at.desc(), Entry.id.desc()))
    return [_to_record(r) for r in rows]


def followups_of(uuids: list[str]) -> dict[str, list[tuple[str, str, str | None, bool]]]:
    """entry uuid -> [(text, owner, due_date, done)] in due-date order."""
    out: dict[str, list[tuple[str, str, str | None, bool]]] = {u: [] for u in uuids}
    if not uuids:
        return out
    q = (FollowUp.select(FollowUp, Entry.uuid).join(Entry).where(Entry.uuid.in_(uuids))
         .order_by(FollowUp.due_date.is_null(), FollowUp.due_date, FollowUp.id))
    for f in q:
        out[f.entry.uuid].append((f.text, f.owner, f.due_date, f.done_at is not None))
    return out
