"""Backups through SQLite's online backup API (never a raw copy of a live file)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

from . import crypt


def backup_database(database: SqliteDatabase, dest: Path) -> Path:
    """Write a consistent copy of ``database`` to ``dest`` and verify it.

    The copy is written to a temporary name, checked with integrity_check and
    only then renamed into place, so ``dest`` is never half-written.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    # Same kind of file as the diary: keyed with the diary's passphrase when
    # it is encrypted, so a backup is never a plaintext copy.
    target = crypt.connect(tmp, key=getattr(database, "passphrase", None))
    try:
        database.connection().backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
        result = target.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"backup failed verification: {result}")
    finally:
        target.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dest)
    return dest
