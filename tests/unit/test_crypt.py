"""Encryption at rest: converting the diary and its backups, opening with the
passphrase, backups that stay encrypted, the CLI with COACH_PASSPHRASE."""
from __future__ import annotations

import re
import sqlite3

import pytest

from coach.store import backups, close_database, crypt, open_database
from coach.store import entries as store
from coach.store.connection import PassphraseRequiredError, WrongPassphraseError
from tests.conftest import run_coach

KEY = "corr'ect horse 马"


@pytest.fixture(autouse=True)
def _no_passphrase_left():
    crypt.set_passphrase(None)
    yield
    crypt.set_passphrase(None)


def fill(data_dir):
    database = open_database(data_dir / "coach.sqlite3")
    for text in ("one", "二 三", "searchable needle"):
        store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": text}))
    backups.backup_now(database, data_dir)
    close_database(database)


def dump(path, key=None):
    con = crypt.connect(path, key=key)
    try:
        return (con.execute("PRAGMA user_version").fetchone()[0],
                con.execute("PRAGMA application_id").fetchone()[0],
                sorted(con.execute("SELECT uuid, tool, data FROM entry").fetchall()))
    finally:
        con.close()


def plain_sqlite_cannot_read(path):
    con = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            con.execute("SELECT COUNT(*) FROM entry").fetchone()
    finally:
        con.close()


def test_encrypt_open_wrong_key_and_decrypt_round_trip(data_dir):
    fill(data_dir)
    path = data_dir / "coach.sqlite3"
    before = dump(path)
    assert crypt.convert_diary(path, old=None, new=KEY) == []
    assert crypt.is_encrypted(path) and crypt.passphrase() == KEY
    plain_sqlite_cannot_read(path)
    [backup] = list((data_dir / "backups").glob("*.sqlite3"))
    plain_sqlite_cannot_read(backup)  # the old plain backup was encrypted too
    leftovers = sorted(p.name for p in data_dir.iterdir())
    assert leftovers == ["backups", "coach.encrypted", "coach.sqlite3"]  # no plaintext copy
    assert dump(path, KEY) == before

    crypt.set_passphrase(None)
    with pytest.raises(PassphraseRequiredError):
        open_database(path)
    crypt.set_passphrase("wrong")
    with pytest.raises(WrongPassphraseError) as err:
        open_database(path)
    from coach import i18n
    assert "does not open this diary" in i18n.tr(err.value.message_key, **err.value.args_)
    crypt.set_passphrase(KEY)
    database = open_database(path)
    hits = store.search("needle") if hasattr(store, "search") else None
    assert database.execute_sql("SELECT COUNT(*) FROM entry").fetchone()[0] == 3
    close_database(database)
    del hits

    assert crypt.convert_diary(path, old=KEY, new=None) == []
    assert not crypt.is_encrypted(path) and crypt.passphrase() is None
    assert not (data_dir / "coach.encrypted").exists()
    assert dump(path, None) == before
    assert backups.verify(backup) > 0  # readable again without a key


def test_change_passphrase(data_dir):
    fill(data_dir)
    path = data_dir / "coach.sqlite3"
    before = dump(path)
    crypt.convert_diary(path, old=None, new=KEY)
    crypt.convert_diary(path, old=KEY, new="second")
    with pytest.raises(crypt.DATABASE_ERRORS):
        dump(path, KEY)
    assert dump(path, "second") == before
    [backup] = list((data_dir / "backups").glob("*.sqlite3"))
    assert dump(backup, "second")[2] == before[2]


def test_failed_conversion_changes_nothing(data_dir, monkeypatch):
    fill(data_dir)
    path = data_dir / "coach.sqlite3"
    original = path.read_bytes()

    def broken(dest, key, expected):
        raise crypt.ConversionError("simulated mismatch")

    monkeypatch.setattr(crypt, "verify_file", broken)
    with pytest.raises(crypt.ConversionError):
        crypt.convert_diary(path, old=None, new=KEY)
    assert path.read_bytes() == original
    assert sorted(p.name for p in data_dir.iterdir()) == ["backups", "coach.sqlite3"]
    assert crypt.passphrase() is None


def test_backups_of_an_encrypted_diary_stay_encrypted_and_restore_with_the_key(data_dir):
    fill(data_dir)
    path = data_dir / "coach.sqlite3"
    crypt.convert_diary(path, old=None, new=KEY)
    database = open_database(path)
    dest = backups.backup_now(database, data_dir, reason="manual")
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "after the backup"}))
    plain_sqlite_cannot_read(dest)
    assert backups.describe(dest).entries == 3
    assert backups.verify(dest) > 0
    backups.restore(data_dir, dest, database)
    assert database.execute_sql("SELECT COUNT(*) FROM entry").fetchone()[0] == 3
    close_database(database)
    plain_sqlite_cannot_read(path)

    crypt.set_passphrase("wrong")
    assert backups.describe(dest).entries is None
    with pytest.raises(backups.BackupVerifyError):
        backups.verify(dest)


def test_cli_with_coach_passphrase(data_dir):
    fill(data_dir)
    crypt.convert_diary(data_dir / "coach.sqlite3", old=None, new=KEY)
    no_key = run_coach("search", "needle", data_dir=data_dir, env={"COACH_PASSPHRASE": ""})
    assert no_key.returncode == 2 and "COACH_PASSPHRASE" in no_key.stderr
    wrong = run_coach("check", data_dir=data_dir, env={"COACH_PASSPHRASE": "wrong"})
    assert wrong.returncode == 2 and "does not open this diary" in wrong.stderr
    found = run_coach("search", "needle", data_dir=data_dir, env={"COACH_PASSPHRASE": KEY})
    assert found.returncode == 0, found.stderr
    assert "needle" in found.stdout
    ok = run_coach("check", data_dir=data_dir, env={"COACH_PASSPHRASE": KEY})
    assert ok.returncode == 0, ok.stdout + ok.stderr
    backup = run_coach("backup", data_dir=data_dir, env={"COACH_PASSPHRASE": KEY})
    assert backup.returncode == 0, backup.stderr
    newest = backups.list_backups(data_dir)[0].path
    plain_sqlite_cannot_read(newest)
    restored = run_coach("restore", str(newest), data_dir=data_dir,
                         env={"COACH_PASSPHRASE": KEY})
    assert restored.returncode == 0, restored.stderr
    plain_sqlite_cannot_read(data_dir / "coach.sqlite3")
    assert crypt.is_encrypted(data_dir / "coach.sqlite3")


# --- one key derivation per unlock -------------------------------------------

def test_derived_raw_key_and_passphrase_open_the_same_files(tmp_path, monkeypatch):
    """hashlib reproduces SQLCipher's KDF exactly: a file SQLCipher keyed with
    the passphrase opens with the raw key, and one written with a raw key and
    salt opens with the passphrase (plain SQLCipher, no Coach code)."""
    sq = crypt.sqlcipher
    by_pass = tmp_path / "by-pass.db"
    con = sq.connect(str(by_pass))
    con.execute(f"PRAGMA key = {crypt.quote(KEY)}")
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES ('written with the passphrase')")
    con.commit()
    con.close()
    con = crypt.connect(by_pass, key=KEY)
    assert con.execute("SELECT x FROM t").fetchall() == [("written with the passphrase",)]
    con.close()
    assert list(crypt._keys) == [(KEY, by_pass.read_bytes()[:16])]

    by_key = tmp_path / "by-key.db"
    con = crypt.connect(by_key, key=KEY)  # new file: raw key + the session's salt
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES ('written with the raw key')")
    con.commit()
    con.close()
    assert by_key.read_bytes()[:16] == by_pass.read_bytes()[:16]
    con = sq.connect(str(by_key))
    con.execute(f"PRAGMA key = {crypt.quote(KEY)}")
    assert con.execute("SELECT x FROM t").fetchall() == [("written with the raw key",)]
    con.close()
    con = sq.connect(str(by_key))
    con.execute(f"PRAGMA key = {crypt.quote('wrong')}")
    with pytest.raises(sq.DatabaseError, match="not a database"):
        con.execute("SELECT x FROM t").fetchall()
    con.close()


def test_one_derivation_per_unlock(data_dir, monkeypatch):
    """Start (passphrase check, open, daily backup), a second thread's
    connection, listing and verifying backups, restore: the KDF runs once."""
    import threading
    import hashlib

    fill(data_dir)
    path = data_dir / "coach.sqlite3"
    crypt.convert_diary(path, old=None, new=KEY)
    crypt.set_passphrase(None)
    assert crypt._keys == {}  # forgotten with the passphrase
    calls = []
    real = hashlib.pbkdf2_hmac
    monkeypatch.setattr(crypt.hashlib, "pbkdf2_hmac",
                        lambda *a, **kw: calls.append(a[2]) or real(*a, **kw))

    crypt.set_passphrase(KEY)  # unlock
    from coach.store.connection import inspect_file
    inspect_file(path)
    database = open_database(path)
    backups.auto_backup(database, data_dir)
    counted = []
    worker = threading.Thread(target=lambda: counted.append(
        database.execute_sql("SELECT COUNT(*) FROM entry").fetchone()[0]))
    worker.start()
    worker.join()
    assert counted == [3]
    infos = backups.list_backups(data_dir)
    assert [i.entries for i in infos] == [3, 3]
    for info in infos:
        backups.verify(info.path)
    backups.restore(data_dir, infos[-1].path, database)
    close_database(database)
    assert calls == [path.read_bytes()[:16]]

    crypt.set_passphrase("wrong")
    with pytest.raises(WrongPassphraseError):
        open_database(path)
    assert len(calls) == 2


# --- no plaintext copy of an encrypted diary ---------------------------------

NEEDLE = "plaintext-needle-7f3a"


def plaintext_files(folder):
    """Every file under ``folder`` whose bytes contain a known entry text."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and NEEDLE.encode() in p.read_bytes())


def test_no_plaintext_copy_after_backup_restore_and_recovery(data_dir):
    path = data_dir / "coach.sqlite3"
    database = open_database(path)
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": NEEDLE + " old"}))
    backups.backup_now(database, data_dir)
    close_database(database)
    assert plaintext_files(data_dir)  # the check can see plaintext
    crypt.convert_diary(path, old=None, new=KEY)
    assert plaintext_files(data_dir) == []

    database = open_database(path)  # leave a WAL behind with the next entry
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": NEEDLE + " wal"}))
    backups.backup_before(database, data_dir, "migration")
    assert plaintext_files(data_dir) == []
    database.close()

    # a damaged diary moved aside, then "start with an empty diary"
    moved = backups.recover(data_dir, None)
    assert moved.exists() and crypt.is_encrypted(path) is False
    database = open_database(path)
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": NEEDLE + " new"}))
    assert plaintext_files(data_dir) == []
    close_database(database)
    assert crypt.is_encrypted(path)
    plain_sqlite_cannot_read(path)

    # ... or "restore the newest sound backup"; then a restore from the CLI
    backups.recover(data_dir, backups.latest_sound_backup(data_dir).path)
    backups.restore(data_dir, backups.list_backups(data_dir)[-1].path)
    assert crypt.is_encrypted(path)
    assert plaintext_files(data_dir) == []
    damaged = [p for p in data_dir.iterdir() if re.fullmatch(r"coach\.sqlite3\.damaged-[\d-]+", p.name)]
    assert len(damaged) == 2
    for p in damaged:
        plain_sqlite_cannot_read(p)


def test_damaged_first_page_is_told_apart_from_a_wrong_passphrase(data_dir):
    """A damaged first page reads as noise like a wrong key; a backup with the
    diary's key that opens with the passphrase tells the two apart."""
    from coach.store.connection import CorruptDatabaseError

    fill(data_dir)
    path = data_dir / "coach.sqlite3"
    crypt.convert_diary(path, old=None, new=KEY)
    raw = bytearray(path.read_bytes())
    raw[200:1200] = bytes(1000)  # page 1 after the salt
    path.write_bytes(bytes(raw))
    crypt.set_passphrase("wrong")
    with pytest.raises(WrongPassphraseError):
        open_database(path)
    crypt.set_passphrase(KEY)
    with pytest.raises(CorruptDatabaseError):
        open_database(path)
    latest = backups.latest_sound_backup(data_dir)
    assert latest is not None and latest.entries == 3
    backups.recover(data_dir, latest.path)
    database = open_database(path)
    assert database.execute_sql("SELECT COUNT(*) FROM entry").fetchone()[0] == 3
    close_database(database)
    assert crypt.is_encrypted(path)


def test_damaged_copies_and_unreadable_backups_are_sealed_not_left_plain(data_dir):
    """Turning encryption on seals what cannot be converted (a damaged diary
    moved aside with its WAL, an unreadable plaintext backup): no plaintext
    copy is left; a passphrase change re-keys the seals; turning encryption
    off gives the exact bytes back."""
    fill(data_dir)
    path = data_dir / "coach.sqlite3"
    damaged = data_dir / "coach.sqlite3.damaged-20260101-080000"
    originals = {
        damaged: b"SQLite format 3\x00" + (NEEDLE + " damaged ").encode() * 300,
        data_dir / "coach.sqlite3.damaged-20260101-080000-wal": (NEEDLE + " wal ").encode() * 50,
        data_dir / "coach.sqlite3.damaged-20260102-080000": (NEEDLE + " garbage ").encode() * 50,
        data_dir / "backups" / "coach-20260101-080000-auto.sqlite3":
            b"SQLite format 3\x00" + (NEEDLE + " backup ").encode() * 300,
    }
    for p, data in originals.items():
        p.write_bytes(data)
    assert len(plaintext_files(data_dir)) == 4

    assert crypt.convert_diary(path, old=None, new=KEY) == []
    assert plaintext_files(data_dir) == []
    assert not (data_dir / "coach.sqlite3.damaged-20260101-080000-wal").exists()
    assert [p.name for p in crypt.damaged_copies(path)] == [
        "coach.sqlite3.damaged-20260101-080000", "coach.sqlite3.damaged-20260102-080000"]
    assert crypt.is_sealed(damaged, KEY) and not crypt.is_sealed(damaged, "wrong")
    assert backups.describe(data_dir / "backups" / "coach-20260101-080000-auto.sqlite3").entries is None

    assert crypt.convert_diary(path, old=KEY, new="second") == []
    assert plaintext_files(data_dir) == []
    assert crypt.is_sealed(damaged, "second") and not crypt.is_sealed(damaged, KEY)

    assert crypt.convert_diary(path, old="second", new=None) == []
    for p, data in originals.items():
        assert p.read_bytes() == data, p.name
    assert not list(data_dir.rglob("*.seal")) and not list(data_dir.rglob("*.unseal"))


def test_a_damaged_encrypted_diary_is_reported_when_the_passphrase_changes(data_dir):
    fill(data_dir)
    path = data_dir / "coach.sqlite3"
    crypt.convert_diary(path, old=None, new=KEY)
    moved = backups.move_aside(data_dir)
    before = moved.read_bytes()
    database = open_database(path)  # a new, empty, encrypted diary
    close_database(database)
    assert crypt.convert_diary(path, old=KEY, new="second") == [moved.name]
    assert moved.read_bytes() == before
    assert plaintext_files(data_dir) == []
