"""peewee models: the shape of the diary on disk.

The database is reached through ``db`` (a proxy), so the app, the CLI and the
tests each hand in their own file. Schema changes are made only by numbered
steps in :mod:`coach.store.migrations`; these classes describe the schema as
it is at ``SCHEMA_VERSION`` and are used for queries.
"""
from __future__ import annotations

from datetime import datetime, timezone

from peewee import (
    BooleanField,
    CharField,
    CompositeKey,
    DatabaseProxy,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

db = DatabaseProxy()


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UtcDateTimeField(TextField):
    """A timezone-aware datetime stored as ISO 8601 text in UTC."""

    def db_value(self, value):
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat(timespec="microseconds")

    def python_value(self, value):
        if value is None:
            return None
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class Entry(BaseModel):
    """One filled-in form of one course tool.

    ``data`` holds the tool's answers as JSON keyed by the spec's stable keys;
    unknown keys are kept as they are. ``search_text`` is the plain text the
    full-text index sees (kept in sync by triggers in the same transaction).
    """

    uuid = CharField(unique=True)
    tool = CharField(index=True)
    spec_version = IntegerField(default=1)
    status = CharField(default="draft", index=True)  # draft | complete
    title = TextField(default="")
    data = TextField(default="{}")
    search_text = TextField(default="")
    created_at = UtcDateTimeField(index=True)
    updated_at = UtcDateTimeField()
    deleted_at = UtcDateTimeField(null=True, index=True)
    follows = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="followed_by")


class Person(BaseModel):
    """Somebody the user works with (a name or a pseudonym)."""

    name = TextField()
    department = TextField(default="")
    customer_type = CharField(default="")  # rank | function | process | ""
    note = TextField(default="")
    created_at = UtcDateTimeField(default=utcnow)
    archived = BooleanField(default=False)


class Tag(BaseModel):
    """A free tag; names are unique without regard to case."""

    name = TextField(unique=True)


class EntryTag(BaseModel):
    entry = ForeignKeyField(Entry, on_delete="CASCADE", backref="tag_links")
    tag = ForeignKeyField(Tag, on_delete="CASCADE", backref="entry_links")

    class Meta:
        primary_key = CompositeKey("entry", "tag")


class EntryPerson(BaseModel):
    entry = ForeignKeyField(Entry, on_delete="CASCADE", backref="person_links")
    person = ForeignKeyField(Person, on_delete="CASCADE", backref="entry_links")

    class Meta:
        primary_key = CompositeKey("entry", "person")


class FollowUp(BaseModel):
    """An open action that surfaces on Home until done (from plans, conflicts…)."""

    entry = ForeignKeyField(Entry, on_delete="CASCADE", backref="followups")
    key = CharField()  # stable key inside the entry, e.g. "action:3" or "followup_date"
    text = TextField(default="")
    owner = TextField(default="")
    due_date = CharField(null=True)  # ISO date (local calendar day)
    done_at = UtcDateTimeField(null=True)


class TkAttempt(BaseModel):
    """One attempt at the conflict-mode self-assessment."""

    uuid = CharField(unique=True)
    started_at = UtcDateTimeField(default=utcnow)
    finished_at = UtcDateTimeField(null=True)
    order = TextField(default="[]")  # JSON: item ids in asked order, with A/B swap flags
    answers = TextField(default="{}")  # JSON: item id -> chosen mode key
    scores = TextField(default="{}")  # JSON: mode -> 0..12 once finished


class Setting(BaseModel):
    """A user preference stored as JSON (defaults live in coach.store.settings)."""

    key = CharField(primary_key=True)
    value = TextField()


class DailyTally(BaseModel):
    """How often on a local calendar day I used one of the three weapons
    (smile / praise / constructive question)."""

    day = CharField(max_length=10)  # ISO date, local calendar day
    kind = CharField(max_length=32)
    count = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("day", "kind")


ALL_MODELS = [Entry, Person, Tag, EntryTag, EntryPerson, FollowUp, TkAttempt, Setting, DailyTally]
