"""Numbered forward migrations.

Each step is written against the schema as it was at that version (plain SQL,
never today's model classes) and runs inside one transaction together with
the ``user_version`` bump, so a step either happens completely or not at all.
Add a step by appending ``(N, function)``; never edit a released step.
"""
from __future__ import annotations

from typing import Callable

from peewee import SqliteDatabase

APPLICATION_ID = 0x436F6163  # "Coac": marks a file as a Coach database


def _v1_initial(db: SqliteDatabase) -> None:
    statements = [
        """CREATE TABLE entry (
            id INTEGER PRIMARY KEY,
            uuid VARCHAR(255) NOT NULL UNIQUE,
            tool VARCHAR(255) NOT NULL,
            spec_version INTEGER NOT NULL DEFAULT 1,
            status VARCHAR(255) NOT NULL DEFAULT 'draft',
            title TEXT NOT NULL DEFAULT '',
            data TEXT NOT NULL DEFAULT '{}',
            search_text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT,
            follows_id INTEGER REFERENCES entry (id) ON DELETE SET NULL
        )""",
        "CREATE INDEX entry_tool ON entry (tool)",
        "CREATE INDEX entry_status ON entry (status)",
        "CREATE INDEX entry_created_at ON entry (created_at)",
        "CREATE INDEX entry_deleted_at ON entry (deleted_at)",
        "CREATE INDEX entry_follows_id ON entry (follows_id)",
        """CREATE TABLE person (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            department TEXT NOT NULL DEFAULT '',
            customer_type VARCHAR(255) NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            archived INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE)",
        """CREATE TABLE entry_tag (
            entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
            PRIMARY KEY (entry_id, tag_id)
        )""",
        "CREATE INDEX entry_tag_tag ON entry_tag (tag_id)",
        """CREATE TABLE entry_person (
            entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
            PRIMARY KEY (entry_id, person_id)
        )""",
        "CREATE INDEX entry_person_person ON entry_person (person_id)",
        """CREATE TABLE follow_up (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
            key VARCHAR(255) NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            due_date VARCHAR(255),
            done_at TEXT
        )""",
        "CREATE INDEX follow_up_entry ON follow_up (entry_id)",
        """CREATE TABLE tk_attempt (
            id INTEGER PRIMARY KEY,
            uuid VARCHAR(255) NOT NULL UNIQUE,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            "order" TEXT NOT NULL DEFAULT '[]',
            answers TEXT NOT NULL DEFAULT '{}',
            scores TEXT NOT NULL DEFAULT '{}'
        )""",
        "CREATE TABLE setting (key VARCHAR(255) PRIMARY KEY, value TEXT NOT NULL)",
        # Full-text index over entry.search_text. The trigram tokenizer finds
        # CJK substrings of 3+ characters; shorter queries use LIKE instead.
        # Triggers keep it in the same transaction as every entry write.
        """CREATE VIRTUAL TABLE entry_fts USING fts5(
            search_text, content='entry', content_rowid='id', tokenize='trigram'
        )""",
        """CREATE TRIGGER entry_fts_ai AFTER INSERT ON entry BEGIN
            INSERT INTO entry_fts (rowid, search_text) VALUES (new.id, new.search_text);
        END""",
        """CREATE TRIGGER entry_fts_ad AFTER DELETE ON entry BEGIN
            INSERT INTO entry_fts (entry_fts, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END""",
        """CREATE TRIGGER entry_fts_au AFTER UPDATE OF search_text ON entry BEGIN
            INSERT INTO entry_fts (entry_fts, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
            INSERT INTO entry_fts (rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    ]
    for sql in statements:
        db.execute_sql(sql)


def _v2_daily_tally(db: SqliteDatabase) -> None:
    """Per-day counts of the three weapons (smile, praise, constructive question)."""
    db.execute_sql("""CREATE TABLE daily_tally (
        day VARCHAR(10) NOT NULL,
        kind VARCHAR(32) NOT NULL,
        count INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
        PRIMARY KEY (day, kind)
    )""")


MIGRATIONS: list[tuple[int, Callable[[SqliteDatabase], None]]] = [
    (1, _v1_initial),
    (2, _v2_daily_tally),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]


def user_version(db: SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def migrate(db: SqliteDatabase, *, before_step: Callable[[int, int], None] | None = None) -> int:
    """Bring ``db`` up to SCHEMA_VERSION; returns the number of steps run.

    ``before_step(current, target)`` runs once before the first step on a
    database that already holds data (the caller backs the file up there).
    """
    current = user_version(db)
    pending = [(n, step) for n, step in MIGRATIONS if n > current]
    if not pending:
        return 0
    if current > 0 and before_step is not None:
        before_step(current, SCHEMA_VERSION)
    for number, step in pending:
        with db.atomic():
            step(db)
            db.execute_sql(f"PRAGMA user_version = {int(number)}")
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    return len(pending)
