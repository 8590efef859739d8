"""Optional encryption at rest (SQLCipher).

Plain SQLite stays the default. When the user sets a passphrase, the diary,
its backups and any damaged diary moved aside (``coach.sqlite3.damaged-*``)
are converted into SQLCipher files keyed with it -- a file that cannot be
read as a database is *sealed*: its exact bytes (and its -wal) are kept in a
SQLCipher file, given back when encryption is turned off -- and a small
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

Key derivation once per unlock. SQLCipher turns a passphrase into the page
key with PBKDF2-HMAC-SHA512 (256,000 iterations, ~0.15-0.3 s), salted with
the file's first 16 bytes, and does so again on every connection. Coach
derives the same key once with :func:`hashlib.pbkdf2_hmac` (same algorithm,
iterations and salt, read from SQLCipher's defaults at import) and keys every
connection with the raw key (``PRAGMA key = "x'<key hex>'"``), so only the
unlock pays the KDF. New files (backups, conversions, restores) are written
with ``x'<key hex><salt hex>'`` and reuse the salt of the first file keyed
with that passphrase in this session (normally the diary's), so opening a
backup of an encrypted diary costs no second derivation. Derived keys live
only in memory beside the passphrase and are dropped when it changes.
"""
from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from pathlib import Path
from typing import Callable

from sqlcipher3 import dbapi2 as sqlcipher

log = logging.getLogger(__name__)

# SQLCipher logs every failed page decryption to stderr (a wrong passphrase
# reads as noise); the caller reports it, so keep the terminal clean.
_quiet = sqlcipher.connect(":memory:")
_quiet.execute("PRAGMA cipher_log_level = NONE")
# The key derivation the bundled SQLCipher applies to a passphrase; raw keys
# are only used when it is one hashlib can reproduce exactly.
_KDF_ITER = int(_quiet.execute("PRAGMA cipher_default_kdf_iter").fetchone()[0])
_KDF_HASH = {"PBKDF2_HMAC_SHA512": "sha512", "PBKDF2_HMAC_SHA256": "sha256",
             "PBKDF2_HMAC_SHA1": "sha1"}.get(
    _quiet.execute("PRAGMA cipher_default_kdf_algorithm").fetchone()[0])
_HEADER_PLAIN = int(_quiet.execute("PRAGMA cipher_default_plaintext_header_size").fetchone()[0])
_quiet.close()
SALT_SIZE = 16
KEY_SIZE = 32
# False: key every connection with the passphrase (SQLCipher derives each
# time). benchmarks/encryption.py turns it off to measure the old way.
REUSE_KEYS = _KDF_HASH is not None and _HEADER_PLAIN == 0

MARKER = "coach.encrypted"
PLAIN_HEADER = b"SQLite format 3\x00"
ERRORS = (sqlite3.Error, sqlcipher.Error)
DATABASE_ERRORS = (sqlite3.DatabaseError, sqlcipher.DatabaseError)

_passphrase: str | None = None
_keys: dict[tuple[str, bytes], bytes] = {}  # (passphrase, salt) -> derived key
_new_salt: dict[str, bytes] = {}  # passphrase -> salt for new files
_keys_lock = threading.Lock()


def set_passphrase(passphrase: str | None) -> None:
    """The passphrase of the open diary (None for a plain diary); memory only.
    Derived keys of any other passphrase are forgotten."""
    global _passphrase
    with _keys_lock:
        _passphrase = passphrase or None
        for k in [k for k in _keys if k[0] != _passphrase]:
            del _keys[k]
        for k in [k for k in _new_salt if k != _passphrase]:
            del _new_salt[k]


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


def key_for_diary(db_path: Path) -> str | None:
    """The passphrase to key the diary at ``db_path`` with, None to open it plain.

    An encrypted diary gets the passphrase in memory. So does a diary that
    does not exist yet (or is empty) in a folder marked encrypted while a
    passphrase is in memory: after a damaged encrypted diary was moved aside
    ("start with an empty diary"), the new one must not be plaintext.
    """
    db_path = Path(db_path)
    if is_plain_file(db_path) or not marker_path(db_path).exists():
        return None
    return _passphrase


def quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """The page key SQLCipher derives from ``passphrase`` for a file with
    ``salt``: computed once, then remembered (in memory only)."""
    with _keys_lock:  # threads opening at once wait for one derivation
        key = _keys.get((passphrase, salt))
        if key is None:
            key = hashlib.pbkdf2_hmac(_KDF_HASH, passphrase.encode("utf-8"), salt,
                                      _KDF_ITER, KEY_SIZE)
            _keys[(passphrase, salt)] = key
            _new_salt.setdefault(passphrase, salt)
        return key


def _file_salt(path) -> bytes | None:
    """The salt of an existing encrypted file (its first 16 bytes); None for
    a missing or empty file (SQLCipher will write a new one)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SALT_SIZE)
    except OSError:
        return None
    return head if len(head) == SALT_SIZE else None


def key_literal(path, passphrase: str) -> str:
    """What follows ``PRAGMA key =`` or ``ATTACH ... KEY`` to key the file at
    ``path`` with ``passphrase``: the derived raw key (``"x'…'"``, hex
    only), or the quoted passphrase when raw keys are off. A new file gets
    the raw key and the salt to write (the passphrase's salt this session)."""
    if not REUSE_KEYS or str(path) in ("", ":memory:"):
        return quote(passphrase)
    salt = _file_salt(path)
    if salt is not None:
        return f"\"x'{derive_key(passphrase, salt).hex()}'\""
    with _keys_lock:
        salt = _new_salt.get(passphrase)
    if salt is None:
        salt = os.urandom(SALT_SIZE)
    return f"\"x'{derive_key(passphrase, salt).hex()}{salt.hex()}'\""


def apply_key(con, path, passphrase: str) -> None:
    """Key the fresh SQLCipher connection ``con`` to ``path``."""
    con.execute(f"PRAGMA key = {key_literal(path, passphrase)}")


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
            apply_key(con, path, key)
        except ERRORS:
            con.close()
            raise
    return con


def backup_confirms_passphrase(db_path: Path, passphrase: str) -> bool:
    """Whether a backup written with the diary's key opens with ``passphrase``.

    With a wrong key an encrypted file reads as noise, exactly like one whose
    first page is damaged. Backups Coach writes share the diary's salt, so
    when one with the same salt opens with ``passphrase``, the passphrase is
    the diary's and the diary itself is damaged.
    """
    from . import backups

    salt = _file_salt(db_path)
    if salt is None or not REUSE_KEYS:
        return False
    for path, _when, _reason in backups._scan(Path(db_path).parent):
        if _file_salt(path) != salt:
            continue
        try:
            con = connect(path, readonly=True, key=passphrase)
            try:
                con.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            finally:
                con.close()
        except ERRORS:
            continue
        return True
    return False


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
            apply_key(con, source, from_key)
        facts = _facts(con)
        dest_key = key_literal(dest, to_key) if to_key else quote("")
        con.execute(f"ATTACH DATABASE ? AS conv KEY {dest_key}", (str(dest),))
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
    (new=None) for the diary at ``db_path``, every backup and every damaged
    diary moved aside beside it.

    The diary must be closed by the caller. The diary is converted first;
    if that fails nothing has changed and the error is raised. Backups and
    damaged copies are converted one by one afterwards; with encryption on,
    a plaintext file that cannot be read as a database is sealed (its exact
    bytes inside an encrypted file), so no plaintext copy is left behind.
    The names of files that could not be converted (e.g. keyed with some
    other passphrase) are returned and those files are left as they were. On success the passphrase in memory is
    ``new``. ``progress(done, total)`` is called after each file.
    """
    from . import backups

    db_path = Path(db_path)
    folder = db_path.parent
    files = [p for p, _, _ in backups._scan(folder)]
    damaged = damaged_copies(db_path)
    total = 1 + len(files) + len(damaged)
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
    work = [(p, _convert_backup) for p in files] + [(p, _convert_damaged) for p in damaged]
    for n, (path, convert) in enumerate(work, start=2):
        try:
            convert(path, old, new)
        except (ConversionError, *ERRORS, OSError) as exc:
            log.warning("%s not converted: %s", path.name, exc)
            failed.append(path.name)
        if progress:
            progress(n, total)
    for folder_ in {p.parent for p in files + damaged}:
        _fsync_dir(folder_)
    log.info("diary %s (%d backups and damaged copies converted, %d left as they were)",
             "encrypted" if new else "decrypted", len(files) + len(damaged) - len(failed),
             len(failed))
    return failed


def _replace_with_export(path: Path, from_key: str | None, to_key: str | None) -> None:
    part = path.with_name(path.name + ".convert")
    export_file(path, part, from_key=from_key, to_key=to_key)
    os.replace(part, path)


def _convert_backup(path: Path, old: str | None, new: str | None) -> None:
    """One backup to the new key. With encryption going on, a backup that
    cannot be read as a database (damaged) is sealed rather than left
    readable; a sealed one is unsealed when encryption is turned off."""
    plain = is_plain_file(path)
    from_key = None if plain else old
    if from_key == new:
        return
    if not new and is_sealed(path, old):
        unseal_file(path, old)
        return
    try:
        _replace_with_export(path, from_key, new)
    except (ConversionError, *ERRORS) as exc:
        if not (new and (plain or old is None)):
            raise
        log.warning("backup %s unreadable (%s): sealed as it is", path.name, exc)
        seal_file(path, new)


def _convert_damaged(path: Path, old: str | None, new: str | None) -> None:
    """One damaged diary moved aside. Its bytes are what a repair needs, so
    it is never exported: with encryption going on it is sealed byte for
    byte; a sealed one is re-keyed or unsealed. An encrypted damaged diary
    cannot be re-keyed: on a passphrase change it is left as it was (and
    reported); turning encryption off leaves it as it was."""
    if old and is_sealed(path, old):
        if new == old:
            return
        if new:
            _replace_with_export(path, old, new)
        else:
            unseal_file(path, old)
        return
    if not new or new == old:
        return
    if old is None or is_plain_file(path):
        seal_file(path, new)
        return
    raise ConversionError(f"{path.name}: a damaged encrypted diary cannot be re-keyed")


# --- sealed files: the exact bytes of a damaged copy inside a SQLCipher file --

SEALED_TABLE = "coach_sealed_file"
SIDECARS = ("-wal", "-shm", "-journal")


def damaged_copies(db_path: Path) -> list[Path]:
    """Damaged diaries moved aside beside ``db_path`` (``coach.sqlite3.damaged-*``),
    without their -wal/-shm files."""
    db_path = Path(db_path)
    return sorted(p for p in db_path.parent.glob(db_path.name + ".damaged-*")
                  if p.is_file() and not p.name.endswith(SIDECARS + (".seal", ".unseal", ".convert")))


def is_sealed(path: Path, key: str | None) -> bool:
    """Whether ``path`` is a sealed file that opens with ``key``."""
    if not key or is_plain_file(path):
        return False
    try:
        con = connect(path, readonly=True, key=key)
        try:
            return con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                               (SEALED_TABLE,)).fetchone() is not None
        finally:
            con.close()
    except ERRORS:
        return False


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def seal_file(path: Path, key: str) -> None:
    """Replace the plaintext file ``path`` (and its -wal/-shm/-journal) with a
    SQLCipher file keyed with ``key`` that holds their exact bytes.

    Written to ``<name>.seal``, read back and compared, fsynced, renamed over
    ``path``; only then are the plaintext sidecars removed. Turning
    encryption off (:func:`unseal_file`) gives the original bytes back.
    """
    path = Path(path)
    parts = {"": path.read_bytes()}
    for suffix in SIDECARS:
        side = Path(str(path) + suffix)
        if side.exists():
            parts[suffix] = side.read_bytes()
    tmp = path.with_name(path.name + ".seal")
    tmp.unlink(missing_ok=True)
    try:
        con = connect(tmp, key=key)
        try:
            con.execute(f"CREATE TABLE {SEALED_TABLE} (suffix TEXT PRIMARY KEY, "
                        "data BLOB NOT NULL, sha256 TEXT NOT NULL)")
            con.executemany(f"INSERT INTO {SEALED_TABLE} VALUES (?, ?, ?)",
                            [(k, v, _sha256(v)) for k, v in parts.items()])
            con.commit()
        finally:
            con.close()
        if _read_sealed(tmp, key) != parts:
            raise ConversionError(f"{path.name}: sealed copy differs")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    for suffix in parts:
        if suffix:
            Path(str(path) + suffix).unlink(missing_ok=True)


def _read_sealed(path: Path, key: str) -> dict[str, bytes]:
    con = connect(path, readonly=True, key=key)
    try:
        rows = con.execute(f"SELECT suffix, data, sha256 FROM {SEALED_TABLE}").fetchall()
    finally:
        con.close()
    out = {}
    for suffix, data, digest in rows:
        if suffix not in ("", *SIDECARS) or _sha256(data) != digest:
            raise ConversionError(f"{Path(path).name}: sealed part {suffix!r} is damaged")
        out[suffix] = bytes(data)
    if "" not in out:
        raise ConversionError(f"{Path(path).name}: sealed file has no content")
    return out


def unseal_file(path: Path, key: str) -> None:
    """Give a sealed file its original bytes back (sidecars first, each
    written to a temporary name, fsynced and renamed; the main file last)."""
    path = Path(path)
    parts = _read_sealed(path, key)
    for suffix in sorted(parts, key=lambda s: s == ""):  # the sealed file is replaced last
        target = Path(str(path) + suffix)
        tmp = target.with_name(target.name + ".unseal")
        with open(tmp, "wb") as fh:
            fh.write(parts[suffix])
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)


LEFTOVER_SUFFIXES = (".convert", ".seal", ".unseal")


def remove_leftovers(db_path: Path) -> list[Path]:
    """Remove the temporary files of a conversion cut short (a crash or power
    loss before the rename): ``*.convert``, ``*.seal``, ``*.unseal`` beside the
    diary and in ``backups/``. The one of a cut-short decryption is a
    plaintext copy of an encrypted diary. Only conversions write these names,
    and only while the data folder's writer lock is held: call this holding it.
    """
    from .. import paths

    db_path = Path(db_path)
    removed = []
    for folder in (db_path.parent, paths.backup_dir(db_path.parent)):
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            name = p.name
            for side in SIDECARS:
                name = name.removesuffix(side)
            if name.endswith(LEFTOVER_SUFFIXES) and p.is_file():
                p.unlink(missing_ok=True)
                removed.append(p)
    if removed:
        log.warning("removed %d files of a conversion cut short: %s", len(removed),
                    ", ".join(p.name for p in removed))
    return removed


def _write_marker(db_path: Path) -> None:
    marker = marker_path(db_path)
    with open(marker, "w", encoding="utf-8") as fh:
        fh.write("This Coach diary is encrypted with SQLCipher. It opens only with its "
                 "passphrase; there is no way to recover it without.\n")
        fh.flush()
        os.fsync(fh.fileno())
