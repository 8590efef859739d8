"""Optional encryption at rest (SQLCipher).

Plain SQLite stays the default. When the user sets a passphrase, the diary
and its backups are converted into SQLCipher files keyed with it, and a small
marker file ``coach.encrypted`` is written beside the diary, so a wrong
passphrase ("file is not a database") is told apart from a damaged file.

The passphrase lives only in memory (:func:`set_passphrase`); it is never
written anywhere. There is no way to recover a diary without it.

Conversions never change the diary in place: a new file is written with
``sqlcipher_export``, verified (opened with the new key, integrity_check,
same row counts, same user_version and application_id), and only then
renamed over the old one. A plain file starts with the 16-byte SQLite header
and an encrypted one does not, which decides how a file is opened and lets a
conversion cut short between the marker and the rename be recognised.
"""
from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import Callable

from sqlcipher3 import dbapi2 as sqlcipher

log = logging.getLogger(__name__)

# SQLCipher logs every failed page decryption to stderr (a wrong passphrase
# reads as noise); the caller reports it, so keep the terminal clean.
_quiet = sqlcipher.connect(":memory:")
_quiet.execute("PRAGMA cipher_log_level = NONE")
_quiet.close()

MARKER = "coach.encrypted"
PLAIN_HEADER = b"SQLite format 3\x00"
ERRORS = (sqlite3.Error, sqlcipher.Error)
DATABASE_ERRORS = (sqlite3.DatabaseError, sqlcipher.DatabaseError)

_passphrase: str | None = None


def set_passphrase(passphrase: str | None) -> None:
    """The passphrase of the open diary (None for a plain diary); memory only."""
    global _passphrase
    _passphrase = passphrase or None


def passphrase() -> str | None:
    return _passphrase


def check_passphrase(candidate: str) -> bool:
    """Whether ``candidate`` is the passphrase in memory (for the idle lock)."""
    import hmac

    return _passphrase is not None and hmac.compare_digest(
        candidate.encode("utf-8"), _passphrase.encode("utf-8"))


def marker_path(db_path: Path) -> Path:
    return Path(db_path).parent / MARKER


def is_plain_file(path: Path) -> bool:
    """True for a file that starts with the plain SQLite header."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == PLAIN_HEADER
    except OSError:
        return False


def is_encrypted(db_path: Path) -> bool:
    """Whether the diary at ``db_path`` is encrypted (and needs a passphrase).

    The marker says so; a file that nevertheless starts with the plain header
    is a conversion to plain cut short after the rename (or before it, when
    turning encryption on), so it is plain.
    """
    db_path = Path(db_path)
    if not marker_path(db_path).exists():
        return False
    return db_path.exists() and db_path.stat().st_size > 0 and not is_plain_file(db_path)


def quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_DEFAULT = object()


def connect(path: Path, *, readonly: bool = False, key=_DEFAULT):
    """A DB-API connection to ``path``: plain sqlite3 for a plain file, a
    SQLCipher connection keyed with ``key`` (default: the passphrase in memory)
    otherwise. A new or empty file gets the passphrase in memory, so a backup
    of an encrypted diary is encrypted too."""
    path = Path(path)
    if key is _DEFAULT:
        key = None if is_plain_file(path) else _passphrase
    module = sqlcipher if key else sqlite3
    if readonly:
        con = module.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    else:
        con = module.connect(str(path))
    if key:
        try:
            con.execute(f"PRAGMA key = {quote(key)}")
        except ERRORS:
            con.close()
            raise
    return con


def _facts(con, schema: str = "main") -> dict:
    names = [r[0] for r in con.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type='table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    counts = {n: con.execute(f'SELECT COUNT(*) FROM {schema}."{n}"').fetchone()[0]
              for n in names}
    return {
        "user_version": con.execute(f"PRAGMA {schema}.user_version").fetchone()[0],
        "application_id": con.execute(f"PRAGMA {schema}.application_id").fetchone()[0],
        "counts": counts,
    }


class ConversionError(Exception):
    """A converted file did not verify; nothing was replaced."""


def export_file(source: Path, dest: Path, *, from_key: str | None, to_key: str | None) -> dict:
    """Write ``source`` (plain or keyed with ``from_key``) to the new file
    ``dest`` (keyed with ``to_key``, plain when None), verify it and fsync it.

    ``dest`` must not exist. Returns the verified facts (row counts,
    user_version, application_id). On any failure ``dest`` is removed and
    ``source`` is untouched.
    """
    source, dest = Path(source), Path(dest)
    if dest.exists():
        dest.unlink()
    # Read-write (nothing is written): on close SQLite folds a WAL back into
    # the file and removes it, where a read-only connection would leave one.
    con = sqlcipher.connect(str(source))
    try:
        if from_key:
            con.execute(f"PRAGMA key = {quote(from_key)}")
        facts = _facts(con)
        con.execute(f"ATTACH DATABASE ? AS conv KEY {quote(to_key or '')}", (str(dest),))
        con.execute("SELECT sqlcipher_export('conv')")
        con.execute(f"PRAGMA conv.user_version = {int(facts['user_version'])}")
        con.execute(f"PRAGMA conv.application_id = {int(facts['application_id'])}")
        con.execute("DETACH DATABASE conv")
    except ERRORS as exc:
        con.close()
        dest.unlink(missing_ok=True)
        raise ConversionError(str(exc)) from exc
    con.close()
    try:
        verify_file(dest, to_key, facts)
        with open(dest, "rb") as fh:
            os.fsync(fh.fileno())
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    return facts


def verify_file(path: Path, key: str | None, expected: dict) -> None:
    """Open ``path`` with ``key`` and check integrity and the expected facts."""
    if bool(key) == is_plain_file(path):
        raise ConversionError(f"{path.name}: wrong kind of file (encrypted={bool(key)})")
    try:
        con = connect(path, readonly=True, key=key)
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
            facts = _facts(con)
        finally:
            con.close()
    except ERRORS as exc:
        raise ConversionError(f"{path.name}: {exc}") from exc
    if rows != ["ok"]:
        raise ConversionError(f"{path.name}: integrity check: {rows[:3]}")
    if facts != expected:
        raise ConversionError(f"{path.name}: content differs after conversion")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def convert_diary(db_path: Path, *, old: str | None, new: str | None,
                  progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Turn encryption on (old=None), change the passphrase, or turn it off
    (new=None) for the diary at ``db_path`` and every backup beside it.

    The diary must be closed by the caller. The diary is converted first;
    if that fails nothing has changed and the error is raised. Backups are
    converted one by one afterwards; the names of backups that could not be
    converted (e.g. keyed with some other passphrase) are returned and those
    files are left as they were. On success the passphrase in memory is
    ``new``. ``progress(done, total)`` is called after each file.
    """
    from . import backups

    db_path = Path(db_path)
    folder = db_path.parent
    files = [p for p, _, _ in backups._scan(folder)]
    total = 1 + len(files)
    tmp = db_path.with_name(db_path.name + ".convert")
    if db_path.exists() and db_path.stat().st_size > 0:
        from_key = None if is_plain_file(db_path) else old
        export_file(db_path, tmp, from_key=from_key, to_key=new)
        if new:
            _write_marker(db_path)
        _remove_sidecars(db_path)
        os.replace(tmp, db_path)
        _fsync_dir(folder)
    elif new:
        _write_marker(db_path)
    if not new:
        marker_path(db_path).unlink(missing_ok=True)
        _fsync_dir(folder)
    set_passphrase(new)
    if progress:
        progress(1, total)
    failed = []
    for n, path in enumerate(files, start=2):
        try:
            from_key = None if is_plain_file(path) else old
            if from_key != new:
                part = path.with_name(path.name + ".convert")
                export_file(path, part, from_key=from_key, to_key=new)
                os.replace(part, path)
        except (ConversionError, *ERRORS, OSError) as exc:
            log.warning("backup %s not converted: %s", path.name, exc)
            failed.append(path.name)
        if progress:
            progress(n, total)
    if files:
        _fsync_dir(files[0].parent)
    log.info("diary %s (%d backups converted, %d left as they were)",
             "encrypted" if new else "decrypted", len(files) - len(failed), len(failed))
    return failed


def _write_marker(db_path: Path) -> None:
    marker = marker_path(db_path)
    with open(marker, "w", encoding="utf-8") as fh:
        fh.write("This Coach diary is encrypted with SQLCipher. It opens only with its "
                 "passphrase; there is no way to recover it without.\n")
        fh.flush()
        os.fsync(fh.fileno())
