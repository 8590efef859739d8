"""Backups: verified, rotated, listed; restore replaces safely; the writer lock."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from coach import paths
from coach.store import StoreError, backups, close_database, migrations, open_database
from coach.store import entries as store
from coach.store.lock import DataLock, FolderLocked, is_locked, read_holder
from tests.conftest import ROOT, run_coach


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add(text: str) -> str:
    rec = store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": text}))
    return rec.uuid


def uuids_in(path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT uuid FROM entry")}
    finally:
        con.close()


def test_backup_now_is_verified_and_listed_with_entry_count(db, data_dir):
    add("one")
    add("二")
    dest = backups.backup_now(db, data_dir)
    assert dest.parent == data_dir / "backups" and dest.name.endswith("-manual.sqlite3")
    assert not list((data_dir / "backups").glob("*.part"))
    assert backups.verify(dest) == migrations.SCHEMA_VERSION
    [info] = backups.list_backups(data_dir)
    assert (info.path, info.reason, info.entries) == (dest, "manual", 2)
    assert info.size == dest.stat().st_size > 0
    con = sqlite3.connect(dest)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    con.close()


def test_auto_backup_at_most_once_a_day_and_quit_refreshes_it(db, data_dir):
    day = datetime(2026, 3, 2, 9, 0, 0)
    first = backups.auto_backup(db, data_dir, now=day)
    assert first is not None
    assert backups.auto_backup(db, data_dir, now=day + timedelta(hours=2)) is None
    add("written after the morning backup")
    quit_backup = backups.auto_backup(db, data_dir, refresh=True, now=day + timedelta(hours=8))
    autos = [b for b in backups.list_backups(data_dir) if b.reason == "auto"]
    assert [b.path for b in autos] == [quit_backup]  # still one for the day, the fresh one
    assert autos[0].entries == 1
    assert backups.auto_backup(db, data_dir, now=day + timedelta(days=1)) is not None


def test_auto_backup_never_raises(db, data_dir, monkeypatch):
    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "backup_database", boom)
    assert backups.auto_backup(db, data_dir) is None


def test_rotation_keeps_7_daily_4_weekly_6_monthly(db, data_dir):
    start = datetime(2025, 1, 1, 12, 0, 0)
    for day in range(400):  # one automatic backup a day for 400 days
        backups.backup_now(db, data_dir, reason="auto", now=start + timedelta(days=day))
    kept = sorted(b.created for b in backups.list_backups(data_dir))
    last = start + timedelta(days=399)
    assert last in kept
    daily = [d for d in kept if (last - d).days < 7]
    assert len(daily) == 7
    months = {(d.year, d.month) for d in kept}
    assert len(months) == 6
    weeks = {d.isocalendar()[:2] for d in kept}
    assert len(weeks) >= 4
    assert len(kept) <= 7 + 4 + 6


def test_rotation_never_touches_foreign_files(db, data_dir):
    other = data_dir / "backups" / "my-copy.sqlite3"
    other.parent.mkdir()
    other.write_bytes(b"mine")
    for i in range(20):
        backups.backup_now(db, data_dir, now=datetime(2026, 1, 1) + timedelta(minutes=i))
    assert other.read_bytes() == b"mine"


def test_restore_into_the_open_diary_backs_up_first(db, data_dir):
    keep = add("in the backup")
    snapshot = backups.backup_now(db, data_dir)
    later = add("written after the backup")
    safety = backups.restore(data_dir, snapshot, database=db)
    assert safety is not None and safety.name.endswith("-pre-restore.sqlite3")
    assert store.exists(keep) and not store.exists(later)  # same connection keeps working
    assert uuids_in(safety) == {keep, later}  # nothing lost: the replaced diary is kept
    add("after restore")
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.count() == 2


@pytest.mark.parametrize("content", [b"", b"not a database at all " * 100, "sqlite-other", "newer"])
def test_restore_refuses_unsound_files_and_changes_nothing(db, data_dir, tmp_path, content):
    add("precious")
    bad = tmp_path / "bad.sqlite3"
    if content == "sqlite-other":
        sqlite3.connect(bad).execute("CREATE TABLE t (x)").connection.close()
    elif content == "newer":
        backups.backup_now(db, data_dir)
        src = backups.list_backups(data_dir)[0].path
        bad.write_bytes(src.read_bytes())
        con = sqlite3.connect(bad)
        con.execute("PRAGMA user_version = 999")
        con.close()
    else:
        bad.write_bytes(content)
    before = digest(bad)
    n_backups = len(backups.list_backups(data_dir))
    with pytest.raises(StoreError):
        backups.restore(data_dir, bad, database=db)
    assert digest(bad) == before
    assert len(backups.list_backups(data_dir)) == n_backups
    assert store.count() == 1


def test_recover_moves_the_damaged_file_aside_and_keeps_it(data_dir):
    database = open_database(paths.db_path(data_dir))
    store_uuid = add("safe in a backup")
    snapshot = backups.backup_now(database, data_dir)
    close_database(database)
    damaged = paths.db_path(data_dir)
    damaged.write_bytes(b"garbage" * 1000)
    moved = backups.recover(data_dir, snapshot)
    assert moved.read_bytes() == b"garbage" * 1000
    assert moved.name.startswith("coach.sqlite3.damaged-")
    assert uuids_in(damaged) == {store_uuid}


def test_lock_is_exclusive_and_names_its_holder(data_dir):
    with DataLock(data_dir, role="app"):
        assert is_locked(data_dir)
        assert read_holder(data_dir)[1] == "app"
        with pytest.raises(FolderLocked) as info:
            DataLock(data_dir, role="cli").acquire()
        assert info.value.role == "app"
    assert not is_locked(data_dir)


def test_lock_vanishes_with_a_killed_process(data_dir):
    code = ("import sys, time; sys.path.insert(0, sys.argv[2]);"
            "from coach.store.lock import DataLock; L = DataLock(__import__('pathlib').Path(sys.argv[1])).acquire();"
            "print('locked', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(data_dir), str(ROOT)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        assert is_locked(data_dir)
    finally:
        proc.kill()
        proc.wait(10)
    assert not is_locked(data_dir)


# --- CLI ------------------------------------------------------------------------

def test_cli_backup_and_restore_round_trip(data_dir, tmp_path):
    database = open_database(paths.db_path(data_dir))
    first = add("first")
    close_database(database)
    out = tmp_path / "mine.sqlite3"
    result = run_coach("backup", "-o", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "1" in result.stdout and out.exists()
    assert uuids_in(out) == {first}

    database = open_database(paths.db_path(data_dir))
    second = add("second")
    close_database(database)
    result = run_coach("restore", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert uuids_in(paths.db_path(data_dir)) == {first}
    [pre] = [b for b in backups.list_backups(data_dir) if b.reason == "pre-restore"]
    assert uuids_in(pre.path) == {first, second}
    assert run_coach("check", data_dir=data_dir).returncode == 0


def test_cli_backup_default_goes_to_backups_folder(data_dir):
    close_database(open_database(paths.db_path(data_dir)))
    result = run_coach("--lang", "zh_CN", "backup", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "备份已写入并校验" in result.stdout
    assert [b.reason for b in backups.list_backups(data_dir)] == ["manual"]


def test_cli_restore_refuses_a_non_coach_file_with_a_clear_message(data_dir, tmp_path):
    close_database(open_database(paths.db_path(data_dir)))
    before = digest(paths.db_path(data_dir))
    junk = tmp_path / "notes.txt"
    junk.write_text("just some notes")
    result = run_coach("restore", str(junk), data_dir=data_dir)
    assert result.returncode == 2
    assert "not a sound Coach diary" in result.stderr
    assert digest(paths.db_path(data_dir)) == before


def test_cli_restore_respects_the_app_lock(data_dir):
    database = open_database(paths.db_path(data_dir))
    add("x")
    snapshot = backups.backup_now(database, data_dir)
    close_database(database)
    before = digest(paths.db_path(data_dir))
    with DataLock(data_dir, role="app"):
        result = run_coach("restore", str(snapshot), data_dir=data_dir)
    assert result.returncode == 3
    assert "Close the app first" in result.stderr
    assert digest(paths.db_path(data_dir)) == before


def test_check_reports_an_inconsistent_search_index(data_dir):
    database = open_database(paths.db_path(data_dir))
    add("indexed text")
    add("more indexed text")
    database.execute_sql("DROP TRIGGER entry_fts_ai")
    add("not indexed")
    close_database(database)
    result = run_coach("check", "--format", "json", data_dir=data_dir)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["entries"] == 3 and report["indexed_entries"] == 2
    assert any("search index" in p for p in report["problems"])


def test_check_reports_unreadable_entry_data_and_the_entry_keeps_it(data_dir):
    database = open_database(paths.db_path(data_dir))
    uuid = add("fine")
    database.execute_sql("UPDATE entry SET data = '{broken' WHERE uuid = ?", (uuid,))
    rec = store.get(uuid)
    assert rec.data == {store.RAW_DATA_KEY: "{broken"}
    store.save(rec)  # saving it again keeps the raw text instead of an empty form
    assert store.get(uuid).data == {store.RAW_DATA_KEY: "{broken"}
    database.execute_sql("UPDATE entry SET data = '{broken' WHERE uuid = ?", (uuid,))
    close_database(database)
    result = run_coach("check", data_dir=data_dir)
    assert result.returncode == 1
    assert "not a JSON object" in result.stdout


def test_while_the_app_is_open_import_waits_but_export_works(data_dir, tmp_path):
    database = open_database(paths.db_path(data_dir))
    add("exported while the app runs")
    close_database(database)
    out = tmp_path / "all.json"
    with DataLock(data_dir, role="app"):
        exported = run_coach("export", "-f", "json", "-o", str(out), data_dir=data_dir)
        assert exported.returncode == 0, exported.stderr
        before = digest(paths.db_path(data_dir))
        imported = run_coach("import", str(out), "--yes", data_dir=data_dir)
        assert imported.returncode == 3
        assert "Close the app first" in imported.stderr
        assert digest(paths.db_path(data_dir)) == before
    other = tmp_path / "other"
    other.mkdir()
    database = open_database(paths.db_path(other))
    add("already in the other diary")
    close_database(database)
    imported = run_coach("import", str(out), "--yes", data_dir=other)
    assert imported.returncode == 0, imported.stderr
    assert [b.reason for b in backups.list_backups(other)] == ["pre-import"]


def test_cli_restore_over_a_damaged_diary_keeps_the_damaged_file(data_dir):
    database = open_database(paths.db_path(data_dir))
    uuid = add("in the backup")
    snapshot = backups.backup_now(database, data_dir)
    close_database(database)
    paths.db_path(data_dir).write_bytes(b"\x00garbage" * 500)
    result = run_coach("restore", str(snapshot), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    [moved] = data_dir.glob("coach.sqlite3.damaged-*")
    assert moved.read_bytes() == b"\x00garbage" * 500
    assert str(moved) in result.stdout
    assert uuids_in(paths.db_path(data_dir)) == {uuid}
