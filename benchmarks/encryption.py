#!/usr/bin/env python3
"""What encryption at rest costs: the same diary plain, encrypted the old way
(SQLCipher derives the key on every connection) and encrypted as Coach does it
now (the key derived once per unlock), all in one run.

    python benchmarks/encryption.py [--entries 1000] [--runs 5] [--backups 5]

Seeds a plain diary with ``--entries`` entries and ``--backups`` backups,
converts a copy with a passphrase (coach.store.crypt.convert_diary), then
measures, as medians of ``--runs``:

- unlock: the one-off key derivation (PBKDF2-HMAC-SHA512, SQLCipher's
  default iterations) -- intentional: it is what makes guessing slow;
- start: what the app does from the passphrase prompt to the first screen,
  without Qt: the passphrase check (inspect_file), open_database (inspect,
  connect, migration check), the daily backup, the first query on the main
  thread and one on a worker thread (the Progress page's pool). For the
  encrypted diary this includes the unlock (the passphrase is set afresh);
- reopen: the same again with the passphrase already in memory (what a
  second start costs beyond the unlock);
- open: open_database + the first query alone, passphrase in memory (the
  figure measured before this benchmark grew);
- save: one new entry through coach.store.entries.save;
- search: coach.store.search for a word present in some entries;
- backups: listing the backups (each one opened to count its entries).

Prints the medians and ratios against the plain diary measured in the same
run (no targets: figures for the report). "old" sets crypt.REUSE_KEYS = False.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KEY = "benchmark passphrase"
OPS = ("start", "reopen", "open", "save", "search", "backups")


def seed(folder: Path, n: int, n_backups: int) -> None:
    from datetime import datetime, timedelta

    from coach.store import backups, close_database, open_database
    from coach.store import entries as store

    database = open_database(folder / "coach.sqlite3")
    words = ["budget", "deadline", "finance", "预算", "会议", "handover", "review"]
    with database.atomic():
        for i in range(n):
            store.save(store.EntryRecord(uuid="", tool="abcde", status="complete", data={
                "event": f"entry {i} about {words[i % len(words)]} and {words[(i * 3) % 7]}",
                "belief": "they think I am slow " * 3}))
    now = datetime.now()
    for d in range(n_backups):  # one a day, none today: start writes today's
        backups.backup_now(database, folder, reason="auto", now=now - timedelta(days=d + 1))
    close_database(database)


def app_start(path: Path) -> None:
    """The store side of coach.ui.app.run_gui up to the first screen."""
    from coach.store import backups
    from coach.store.connection import inspect_file, open_database

    inspect_file(path)  # StartPassphraseDialog.try_open
    database = open_database(path)  # open_or_recover
    backups.auto_backup(database, path.parent)  # the first start of the day writes one
    database.execute_sql("SELECT COUNT(*) FROM entry").fetchone()
    out = []

    def worker():
        out.append(database.execute_sql("SELECT COUNT(*) FROM entry").fetchone()[0])
        database.close()  # the worker's own connection

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert out and out[0] > 0
    return database


def today_backups(folder: Path) -> None:
    """Remove today's automatic backup so the next start writes one again."""
    from datetime import datetime

    from coach.store import backups

    for path, when, reason in backups._scan(folder):
        if reason == "auto" and when.date() == datetime.now().date():
            path.unlink()


def measure(folder: Path, key: str | None, runs: int) -> dict[str, float]:
    from coach.store import backups, close_database, crypt, open_database
    from coach.store import entries as store
    from coach.store import search

    path = folder / "coach.sqlite3"
    times: dict[str, list[float]] = {k: [] for k in OPS}
    for _ in range(runs):
        crypt.set_passphrase(None)  # forget keys: the next start unlocks afresh
        today_backups(folder)
        t0 = time.perf_counter()
        crypt.set_passphrase(key)
        database = app_start(path)
        times["start"].append(time.perf_counter() - t0)
        close_database(database)

        today_backups(folder)
        t0 = time.perf_counter()
        database = app_start(path)
        times["reopen"].append(time.perf_counter() - t0)

        close_database(database)
        t0 = time.perf_counter()
        database = open_database(path)
        database.execute_sql("SELECT COUNT(*) FROM entry").fetchone()
        times["open"].append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "one more"}))
        times["save"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        hits = search.search("finance")
        times["search"].append(time.perf_counter() - t0)
        assert hits
        t0 = time.perf_counter()
        infos = backups.list_backups(folder)
        times["backups"].append(time.perf_counter() - t0)
        assert all(i.readable for i in infos), "a backup did not open"
        close_database(database)
    crypt.set_passphrase(None)
    return {k: statistics.median(v) * 1000 for k, v in times.items()}


def unlock_cost(folder: Path, runs: int) -> tuple[float, float]:
    """(hashlib derivation, SQLCipher keying a connection with the passphrase), ms."""
    from coach.store import crypt

    path = folder / "coach.sqlite3"
    salt = path.read_bytes()[:16]
    ours, theirs = [], []
    for _ in range(runs):
        crypt.set_passphrase(None)
        t0 = time.perf_counter()
        crypt.derive_key(KEY, salt)
        ours.append(time.perf_counter() - t0)
        con = crypt.sqlcipher.connect(str(path))
        t0 = time.perf_counter()
        con.execute(f"PRAGMA key = {crypt.quote(KEY)}")
        con.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        theirs.append(time.perf_counter() - t0)
        con.close()
    crypt.set_passphrase(None)
    return statistics.median(ours) * 1000, statistics.median(theirs) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--backups", type=int, default=5)
    args = parser.parse_args()
    from coach.store import crypt

    sq = crypt.sqlcipher.connect(":memory:")
    facts = [sq.execute(f"PRAGMA {p}").fetchone()[0] for p in
             ("cipher_version", "cipher_default_kdf_algorithm", "cipher_default_kdf_iter")]
    sq.close()
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain"
        enc = Path(tmp) / "enc"
        plain.mkdir()
        seed(plain, args.entries, args.backups)
        shutil.copytree(plain, enc)
        t0 = time.perf_counter()
        crypt.convert_diary(enc / "coach.sqlite3", old=None, new=KEY)
        convert_ms = (time.perf_counter() - t0) * 1000
        crypt.set_passphrase(None)
        base = measure(plain, None, args.runs)
        crypt.REUSE_KEYS = False
        old = measure(enc, KEY, args.runs)
        crypt.REUSE_KEYS = True
        new = measure(enc, KEY, args.runs)
        ours, theirs = unlock_cost(enc, args.runs)
        size = (plain / "coach.sqlite3").stat().st_size / 1024
    print(f"SQLCipher {facts[0]}, {facts[1]}, {facts[2]} iterations")
    print(f"diary: {args.entries} entries, {size:.0f} KiB, {args.backups} backups; "
          f"encrypting it with its backups took {convert_ms:.0f} ms")
    print(f"unlock (one-off key derivation): {ours:.0f} ms with hashlib, "
          f"{theirs:.0f} ms inside SQLCipher per connection the old way")
    print(f"{'':8} {'plain ms':>9} {'old ms':>9} {'new ms':>9} {'old/plain':>10} "
          f"{'new/plain':>10} {'old/new':>8}")
    for k in OPS:
        print(f"{k:8} {base[k]:9.2f} {old[k]:9.2f} {new[k]:9.2f} {old[k] / base[k]:10.1f} "
              f"{new[k] / base[k]:10.1f} {old[k] / new[k]:8.1f}")
    print("start includes the unlock for the encrypted diary; reopen is the same "
          "sequence with the passphrase already in memory")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
