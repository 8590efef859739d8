"""Opening the diary database: the one place that decides pragmas and checks
that the file is a Coach database of a version this app understands."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from . import migrations
from .models import db as db_proxy

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 1,  # NORMAL: durable across application crashes in WAL mode
    "busy_timeout": 5000,
    "cache_size": -16000,
}


class StoreError(Exception):
    """A problem with the database that the user can understand and act on.

    ``message_key`` is an i18n key; ``args`` fill its placeholders.
    """

    message_key = "store.error.generic"

    def __init__(self, path: Path, **args):
        self.path = Path(path)
        self.args_ = {"path": str(path), **args}
        super().__init__(f"{self.message_key}: {self.args_}")


class NewerDatabaseError(StoreError):
    message_key = "store.error.newer"


class NotCoachDatabaseError(StoreError):
    message_key = "store.error.not_coach"


class CorruptDatabaseError(StoreError):
    message_key = "store.error.corrupt"


class LockedDatabaseError(StoreError):
    message_key = "store.error.locked"


def write_failure_kind(exc: BaseException) -> str:
    """What kind of trouble a failed write ran into, for a message the user can act on:
    "full" (disk or database full), "readonly" (folder or file not writable),
    "locked" (another program holds the diary) or "other"."""
    import errno

    text = str(exc).lower()
    code = getattr(exc, "errno", None)
    if "disk is full" in text or "database or disk is full" in text or code == errno.ENOSPC:
        return "full"
    if "readonly" in text or "read-only" in text or code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "readonly"
    if "locked" in text or "busy" in text:
        return "locked"
    return "other"


def inspect_file(path: Path) -> tuple[int, int]:
    """(application_id, user_version) of an existing file, read without writing.

    Raises NotCoachDatabaseError / CorruptDatabaseError for files that are not
    a sound SQLite database.
    """
    uri = f"file:{Path(path).as_posix()}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise CorruptDatabaseError(path, detail=str(exc)) from exc
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise CorruptDatabaseError(path, detail=str(exc)) from exc
        if "locked" in str(exc):
            raise LockedDatabaseError(path, detail=str(exc)) from exc
        raise
    finally:
        con.close()
    if version == 0 and not tables:
        return app_id, 0  # an empty file: treat as new
    if app_id != migrations.APPLICATION_ID:
        raise NotCoachDatabaseError(path)
    return app_id, version


def _backup_before_migration(db: SqliteDatabase, path: Path, current: int, target: int) -> Path:
    from .backups import backup_before

    return backup_before(db, path.parent, "migration")


def open_database(path: Path, *, bind: bool = True, migrate: bool = True) -> SqliteDatabase:
    """Open (creating if needed) and migrate the database at ``path``.

    A file written by a newer Coach is refused before anything is written to
    it, so it stays byte-identical.
    """
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        _, version = inspect_file(path)
        if version > migrations.SCHEMA_VERSION:
            raise NewerDatabaseError(path, found=version, supported=migrations.SCHEMA_VERSION)
    path.parent.mkdir(parents=True, exist_ok=True)
    database = SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    try:
        database.connect(reuse_if_open=True)
        if migrate:
            migrations.migrate(
                database,
                before_step=lambda cur, tgt: _backup_before_migration(database, path, cur, tgt),
            )
    except (sqlite3.OperationalError, peewee.OperationalError) as exc:
        database.close()
        if "locked" in str(exc):
            raise LockedDatabaseError(path, detail=str(exc)) from exc
        raise
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        database.close()
        raise CorruptDatabaseError(path, detail=str(exc)) from exc
    if bind:
        db_proxy.initialize(database)
    return database


def current_database() -> SqliteDatabase:
    """The diary bound to the models (the app's open database)."""
    database = db_proxy.obj
    if database is None:
        raise RuntimeError("no diary is open")
    return database


def close_database(database: SqliteDatabase) -> None:
    if not database.is_closed():
        try:
            database.execute_sql("PRAGMA optimize")
        except sqlite3.Error:
            pass
        database.close()
