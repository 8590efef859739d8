"""Schema versions: upgrade older files, refuse newer ones untouched."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from coach.store import NewerDatabaseError, NotCoachDatabaseError, CorruptDatabaseError
from coach.store import close_database, migrations, open_database


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_gets_current_version_and_pragmas(data_dir):
    database = open_database(data_dir / "coach.sqlite3")
    try:
        assert migrations.user_version(database) == migrations.SCHEMA_VERSION
        assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert database.execute_sql("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
    finally:
        close_database(database)


def test_older_database_is_upgraded_after_a_backup(data_dir, monkeypatch):
    path = data_dir / "coach.sqlite3"
    database = open_database(path)
    database.execute_sql(
        "INSERT INTO entry (uuid, tool, created_at, updated_at, data) "
        "VALUES ('u1', 'abcde', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', '{}')")
    close_database(database)

    def v2(db):
        db.execute_sql("ALTER TABLE entry ADD COLUMN mood INTEGER")
        db.execute_sql("UPDATE entry SET mood = 7")

    old, new = migrations.SCHEMA_VERSION, migrations.SCHEMA_VERSION + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [(new, v2)])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", new)
    database = open_database(path)
    try:
        assert migrations.user_version(database) == new
        assert database.execute_sql("SELECT uuid, mood FROM entry").fetchall() == [("u1", 7)]
    finally:
        close_database(database)
    backups = list((data_dir / "backups").glob("coach-*-pre-migration.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("PRAGMA user_version").fetchone()[0] == old
    assert con.execute("SELECT uuid FROM entry").fetchall() == [("u1",)]
    con.close()


def test_failed_migration_step_rolls_back(data_dir, monkeypatch):
    path = data_dir / "coach.sqlite3"
    close_database(open_database(path))

    def broken(db):
        db.execute_sql("ALTER TABLE entry ADD COLUMN half_done INTEGER")
        raise RuntimeError("boom")

    old = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [(old + 1, broken)])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", old + 1)
    with pytest.raises(RuntimeError):
        open_database(path)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == old
    cols = [r[1] for r in con.execute("PRAGMA table_info(entry)")]
    assert "half_done" not in cols
    con.close()


def test_newer_database_is_refused_and_left_byte_identical(data_dir):
    path = data_dir / "coach.sqlite3"
    close_database(open_database(path))
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 5}")
    con.close()
    before = digest(path)
    with pytest.raises(NewerDatabaseError) as info:
        open_database(path)
    assert info.value.args_["found"] == migrations.SCHEMA_VERSION + 5
    assert digest(path) == before
    assert not (data_dir / "coach.sqlite3-wal").exists()


def test_foreign_sqlite_file_is_refused(data_dir):
    path = data_dir / "coach.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE other (x)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NotCoachDatabaseError):
        open_database(path)
    assert digest(path) == before


def test_garbage_file_is_refused(data_dir):
    path = data_dir / "coach.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    before = digest(path)
    with pytest.raises(CorruptDatabaseError):
        open_database(path)
    assert digest(path) == before
