"""Automatic and manual backups of the diary, their rotation, and restore.

Every backup is written with SQLite's online backup API to a temporary name,
verified (integrity_check) and only then renamed into ``backups/``
(see :func:`coach.store.backup.backup_database`). File names carry the time
and the reason: ``coach-20261126-071502-auto.sqlite3``.

- :func:`auto_backup` runs when the app starts or quits: at most one
  automatic backup per calendar day (the quit backup refreshes the day's one).
- :func:`backup_before` runs before every migration, import and restore.
- :func:`rotate` keeps the newest backup of each of the last 7 days, 4 weeks
  and 6 months, plus the 5 newest of any kind.
- :func:`restore` replaces the diary's content with a verified backup after
  backing up the current content; with the database open it copies through
  the backup API in one transaction, so a crash leaves either the old or the
  new diary, never a mix.
"""
from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from peewee import SqliteDatabase

from .. import paths
from . import crypt, migrations
from .backup import backup_database
from .connection import diary_database
from .connection import CorruptDatabaseError, NewerDatabaseError, NotCoachDatabaseError, StoreError

log = logging.getLogger(__name__)

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 6
KEEP_NEWEST = 5
REASONS = ("auto", "manual", "pre-migration", "pre-import", "pre-restore", "pre-recovery")
_NAME = re.compile(r"^coach-(\d{8}-\d{6})(?:-(\d+))?-([a-z-]+)\.sqlite3$")


class BackupVerifyError(StoreError):
    """A file offered for restore is not a sound Coach diary."""

    message_key = "store.error.unsound_backup"


@dataclass
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int
    entries: int | None  # None when the file could not be read
    schema_version: int | None = None

    @property
    def readable(self) -> bool:
        return self.entries is not None


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def _target(folder: Path, reason: str, now: datetime) -> Path:
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    base = paths.backup_dir(folder)
    dest = base / f"coach-{_stamp(now)}-{reason}.sqlite3"
    n = 1
    while dest.exists():  # two backups within one second
        n += 1
        dest = base / f"coach-{_stamp(now)}-{n}-{reason}.sqlite3"
    return dest


def parse_name(path: Path) -> tuple[datetime, str] | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    try:
        when = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return when, m.group(3)


def backup_now(database: SqliteDatabase, folder: Path, reason: str = "manual",
               now: datetime | None = None) -> Path:
    """Write a verified backup into the folder's ``backups/`` and rotate."""
    dest = backup_database(database, _target(Path(folder), reason, now or datetime.now()))
    log.info("backup written: %s", dest.name)
    rotate(folder, now=now)
    return dest


def backup_before(database: SqliteDatabase, folder: Path, what: str) -> Path:
    """A verified backup before a migration, import or restore (``what``:
    "migration", "import", "restore", "recovery"). Raises if it cannot be
    written: the caller must not go on without it."""
    return backup_now(database, folder, reason=f"pre-{what}")


def auto_backup(database: SqliteDatabase, folder: Path, *, refresh: bool = False,
                now: datetime | None = None) -> Path | None:
    """The daily automatic backup (app start: ``refresh=False``; quit: ``True``).

    Writes one if there is none for today; with ``refresh`` it replaces
    today's automatic backup with a fresh one. Never raises: a failed
    automatic backup is logged and must not stop the app.
    """
    now = now or datetime.now()
    try:
        today = [b for b in _scan(folder) if b[2] == "auto" and b[1].date() == now.date()]
        if today and not refresh:
            return None
        dest = backup_now(database, folder, reason="auto", now=now)
        for path, _when, _reason in today:
            if path != dest:
                path.unlink(missing_ok=True)
        return dest
    except (OSError, sqlite3.Error, Exception) as exc:  # noqa: BLE001 - logged, never fatal
        log.warning("automatic backup failed: %s", exc)
        return None


def _scan(folder: Path) -> list[tuple[Path, datetime, str]]:
    """(path, time, reason) of every backup file, newest first."""
    base = paths.backup_dir(Path(folder))
    out = []
    if base.is_dir():
        for p in base.glob("*.sqlite3"):
            parsed = parse_name(p)
            if parsed is None:
                try:
                    parsed = (datetime.fromtimestamp(p.stat().st_mtime), "other")
                except OSError:
                    continue
            out.append((p, parsed[0], parsed[1]))
    out.sort(key=lambda t: (t[1], t[0].name), reverse=True)
    return out


def rotate(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete backups outside the rotation; returns the deleted paths.

    Kept: the newest backup of each of the last KEEP_DAILY days, KEEP_WEEKLY
    ISO weeks and KEEP_MONTHLY months that have backups, plus the KEEP_NEWEST
    newest files. Files not named by Coach are never touched.
    """
    scanned = [t for t in _scan(folder) if t[2] != "other"]
    keep: set[Path] = {p for p, _, _ in scanned[:KEEP_NEWEST]}
    for bucket, limit in ((lambda d: d.date(), KEEP_DAILY),
                          (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
                          (lambda d: (d.year, d.month), KEEP_MONTHLY)):
        seen: list = []
        for path, when, _reason in scanned:
            key = bucket(when)
            if key in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(key)
            keep.add(path)
    removed = []
    for path, _when, _reason in scanned:
        if path not in keep:
            try:
                path.unlink()
                removed.append(path)
            except OSError as exc:
                log.warning("could not remove old backup %s: %s", path.name, exc)
    return removed


def describe(path: Path) -> BackupInfo:
    path = Path(path)
    parsed = parse_name(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if parsed is None:
        parsed = (datetime.fromtimestamp(path.stat().st_mtime) if path.exists() else datetime.now(),
                  "other")
    entries = version = None
    try:
        con = crypt.connect(path, readonly=True)
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            entries = con.execute(
                "SELECT COUNT(*) FROM entry WHERE deleted_at IS NULL").fetchone()[0]
        finally:
            con.close()
    except crypt.ERRORS:
        entries = None
    return BackupInfo(path, parsed[0], parsed[1], size, entries, version)


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every backup in ``backups/``, newest first, with size and entry count."""
    return [describe(p) for p, _, _ in _scan(folder)]


def verify(path: Path) -> int:
    """Check that ``path`` is a sound Coach diary this version can open.

    Returns its schema version; raises :class:`BackupVerifyError` (with a
    readable ``reason``), :class:`NewerDatabaseError` or the connection's
    errors otherwise. Never writes to the file.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupVerifyError(path, reason="missing")
    try:
        con = crypt.connect(path, readonly=True)
    except crypt.ERRORS as exc:
        raise BackupVerifyError(path, reason=str(exc)) from exc
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if app_id != migrations.APPLICATION_ID or version < 1:
            raise NotCoachDatabaseError(path)
        if version > migrations.SCHEMA_VERSION:
            raise NewerDatabaseError(path, found=version, supported=migrations.SCHEMA_VERSION)
        rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            raise CorruptDatabaseError(path, detail="; ".join(map(str, rows[:3])))
        con.execute("SELECT COUNT(*) FROM entry").fetchone()
    except crypt.DATABASE_ERRORS as exc:
        if crypt.passphrase() and not crypt.is_plain_file(path):
            # with the wrong key an encrypted file reads as noise, like a damaged one
            raise BackupVerifyError(
                path, reason="damaged, or encrypted with another passphrase") from exc
        raise CorruptDatabaseError(path, detail=str(exc)) from exc
    finally:
        con.close()
    return version


def latest_sound_backup(folder: Path) -> BackupInfo | None:
    for info in list_backups(folder):
        try:
            verify(info.path)
        except StoreError:
            continue
        return info
    return None


def _copy_verified(source: Path, dest: Path) -> None:
    """Copy a (closed) database file, verify, fsync, rename.

    The copy is of the same kind as the diary: keyed with the passphrase in
    memory when there is one (a plain backup restored into an encrypted diary
    comes back encrypted), plain otherwise.
    """
    source, dest = Path(source), Path(dest)
    part = dest.with_name(dest.name + ".part")
    try:
        crypt.export_file(source, part, to_key=crypt.passphrase(),
                          from_key=None if crypt.is_plain_file(source) else crypt.passphrase())
    except crypt.ConversionError as exc:
        raise BackupVerifyError(source, reason=str(exc)) from exc
    os.replace(part, dest)


def restore(folder: Path, source: Path, database: SqliteDatabase | None = None) -> Path | None:
    """Replace the diary in ``folder`` with the backup ``source``.

    ``source`` is verified first (nothing changes if it is not sound). The
    current diary is backed up (``pre-restore``) before it is replaced; the
    path of that backup is returned (None if there was no diary yet).

    With ``database`` (the open diary), the content is copied into it through
    the backup API in a single transaction and the schema is brought up to
    date; the connection stays usable. Without it, the file is replaced by an
    atomic rename (the caller holds the folder lock and has no connection).
    """
    folder = Path(folder)
    source = Path(source).resolve()
    verify(source)
    target = paths.db_path(folder)
    if source == target.resolve():
        raise BackupVerifyError(source, reason="same file as the diary")
    staged = folder / f".restore-{os.getpid()}.sqlite3"
    _copy_verified(source, staged)  # a private, verified copy: the source is never touched
    try:
        safety = None
        if database is not None:
            safety = backup_before(database, folder, "restore")
            page = database.execute_sql("PRAGMA page_size").fetchone()[0]
            src = crypt.connect(staged)
            try:
                if src.execute("PRAGMA page_size").fetchone()[0] != page:
                    src.execute(f"PRAGMA page_size = {int(page)}")
                    src.execute("VACUUM")
                src.backup(database.connection())
            finally:
                src.close()
            migrations.migrate(database)
        else:
            if target.exists() and target.stat().st_size > 0:
                current = diary_database(target, pragmas={"busy_timeout": 5000})
                try:
                    safety = backup_before(current, folder, "restore")
                finally:
                    current.close()
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            with open(staged, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(staged, target)
            _fsync_dir(folder)
    finally:
        staged.unlink(missing_ok=True)
    log.info("restored %s (current diary backed up to %s)", source.name, safety)
    return safety


def move_aside(folder: Path, now: datetime | None = None) -> Path:
    """Rename a damaged diary (and its -wal/-shm) to ``coach.sqlite3.damaged-<time>``.

    Nothing is deleted; the user can give the file to somebody who can repair it.
    """
    target = paths.db_path(Path(folder))
    dest = target.with_name(f"{target.name}.damaged-{_stamp(now or datetime.now())}")
    n = 1
    while dest.exists():
        n += 1
        dest = target.with_name(f"{target.name}.damaged-{_stamp(now or datetime.now())}-{n}")
    os.replace(target, dest)
    for suffix in ("-wal", "-shm"):
        side = Path(str(target) + suffix)
        if side.exists():
            os.replace(side, Path(str(dest) + suffix))
    _fsync_dir(Path(folder))
    return dest


def recover(folder: Path, backup: Path | None) -> Path:
    """After the user agreed: move the damaged diary aside and put ``backup``
    in its place (or leave no diary, so a new empty one is created).
    Returns where the damaged file went."""
    if backup is not None:
        verify(backup)
    moved = move_aside(folder)
    if backup is not None:
        _copy_verified(backup, paths.db_path(Path(folder)))
    return moved


_fsync_dir = crypt._fsync_dir  # one copy of "make a rename durable"
