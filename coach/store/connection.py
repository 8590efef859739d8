"""Opening the diary database: the one place that decides pragmas and checks
that the file is a Coach database of a version this app understands."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from . import crypt, migrations
from .models import db as db_proxy

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 1,  # NORMAL: durable across application crashes in WAL mode
    "busy_timeout": 5000,
    "cache_size": -16000,
    # Reads through a memory map: a search that scans every entry (LIKE for
    # one- and two-character words) runs about a third faster over 20,000
    # entries (benchmarks/journal.py). Writes still go through the journal.
    "mmap_size": 256 * 1024 * 1024,
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


class PassphraseRequiredError(StoreError):
    """The diary is encrypted and no passphrase is in memory."""

    message_key = "crypt.error.needed"


class WrongPassphraseError(StoreError):
    """The diary is encrypted and the passphrase does not open it."""

    message_key = "crypt.error.wrong"


class DiaryDatabase(SqliteDatabase):
    """peewee's SQLite database that opens through SQLCipher when the diary
    is encrypted (``passphrase`` set), and through plain sqlite3 otherwise.
    The same object lives on across turning encryption on or off: close it,
    convert the file, set ``passphrase``, connect again."""

    passphrase: str | None = None

    def _connect(self):
        if not self.passphrase:
            return super()._connect()
        conn = crypt.sqlcipher.connect(self.database, timeout=self._timeout,
                                       isolation_level=None, **self.connect_params)
        try:
            crypt.apply_key(conn, self.database, self.passphrase)
            self._add_conn_hooks(conn)
        except BaseException:
            conn.close()
            raise
        return conn


def diary_database(path: Path, pragmas=None, **kwargs) -> DiaryDatabase:
    """A (not yet connected) database object for the diary file at ``path``,
    keyed with the passphrase in memory when the file is encrypted (or is
    new in a folder marked encrypted)."""
    database = DiaryDatabase(str(path), pragmas=pragmas or {}, **kwargs)
    database.passphrase = crypt.key_for_diary(path)
    return database


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


def _wrong_passphrase(path: Path, exc: BaseException) -> bool:
    """An encrypted diary that reads as noise: the passphrase is wrong, unless a
    backup with the diary's key opens with it (then the diary is damaged)."""
    return "not a database" in str(exc) and not crypt.backup_confirms_passphrase(
        path, crypt.passphrase())


def inspect_file(path: Path) -> tuple[int, int]:
    """(application_id, user_version) of an existing file, read without writing.

    Raises NotCoachDatabaseError / CorruptDatabaseError for files that are not
    a sound SQLite database.
    """
    encrypted = crypt.is_encrypted(path)
    if encrypted and not crypt.passphrase():
        raise PassphraseRequiredError(path)
    try:
        con = crypt.connect(path, readonly=True,
                            key=crypt.passphrase() if encrypted else None)
    except crypt.ERRORS as exc:
        if encrypted and _wrong_passphrase(path, exc):
            raise WrongPassphraseError(path) from exc
        raise CorruptDatabaseError(path, detail=str(exc)) from exc
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except crypt.DATABASE_ERRORS as exc:
        if encrypted and _wrong_passphrase(path, exc):
            raise WrongPassphraseError(path) from exc
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
    database = diary_database(path, pragmas=PRAGMAS, check_same_thread=False)
    try:
        database.connect(reuse_if_open=True)
        if migrate:
            migrations.migrate(
                database,
                before_step=lambda cur, tgt: _backup_before_migration(database, path, cur, tgt),
            )
    except (sqlite3.OperationalError, crypt.sqlcipher.OperationalError,
            peewee.OperationalError) as exc:
        database.close()
        if "locked" in str(exc):
            raise LockedDatabaseError(path, detail=str(exc)) from exc
        raise
    except (*crypt.DATABASE_ERRORS, peewee.DatabaseError) as exc:
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
        except (*crypt.ERRORS, peewee.PeeweeException):
            pass
        database.close()
