#!/usr/bin/env python3
"""What encryption at rest costs: the same diary, plain and SQLCipher, in one run.

    python benchmarks/encryption.py [--entries 1000] [--runs 7]

Seeds a plain diary with ``--entries`` entries, converts a copy with a
passphrase (coach.store.crypt.convert_diary), then measures on both, as
medians of ``--runs``:

- start: open_database (inspect, key, migrate check) + the first query
  (count of entries), on a cold connection each time;
- save: one new entry through coach.store.entries.save;
- search: coach.store.search for a word present in some entries.

Prints the medians and the ratio encrypted / plain for each (no targets:
figures for the report).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seed(folder: Path, n: int) -> None:
    from coach.store import close_database, open_database
    from coach.store import entries as store

    database = open_database(folder / "coach.sqlite3")
    words = ["budget", "deadline", "finance", "预算", "会议", "handover", "review"]
    with database.atomic():
        for i in range(n):
            store.save(store.EntryRecord(uuid="", tool="abcde", status="complete", data={
                "event": f"entry {i} about {words[i % len(words)]} and {words[(i * 3) % 7]}",
                "belief": "they think I am slow " * 3}))
    close_database(database)


def measure(folder: Path, key: str | None, runs: int) -> dict[str, float]:
    from coach.store import close_database, crypt, open_database
    from coach.store import entries as store
    from coach.store import search

    crypt.set_passphrase(key)
    path = folder / "coach.sqlite3"
    start, save, find = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        database = open_database(path)
        database.execute_sql("SELECT COUNT(*) FROM entry").fetchone()
        start.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "one more"}))
        save.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        hits = search.search("finance")
        find.append(time.perf_counter() - t0)
        assert hits
        close_database(database)
    crypt.set_passphrase(None)
    return {k: statistics.median(v) * 1000 for k, v in
            (("start", start), ("save", save), ("search", find))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from coach.store import crypt

    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain"
        enc = Path(tmp) / "enc"
        plain.mkdir()
        seed(plain, args.entries)
        shutil.copytree(plain, enc)
        t0 = time.perf_counter()
        crypt.convert_diary(enc / "coach.sqlite3", old=None, new="benchmark passphrase")
        convert_ms = (time.perf_counter() - t0) * 1000
        crypt.set_passphrase(None)
        a = measure(plain, None, args.runs)
        b = measure(enc, "benchmark passphrase", args.runs)
        size = (plain / "coach.sqlite3").stat().st_size / 1024
    print(f"diary: {args.entries} entries, {size:.0f} KiB; encrypting it took {convert_ms:.0f} ms")
    print(f"{'':8} {'plain ms':>10} {'encrypted ms':>13} {'ratio':>7}")
    for k in ("start", "save", "search"):
        print(f"{k:8} {a[k]:10.2f} {b[k]:13.2f} {b[k] / a[k]:7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
