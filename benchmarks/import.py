#!/usr/bin/env python3
"""Import benchmark: 10,000 entries from a coach-export JSON file into an empty diary.

    python benchmarks/import.py [--entries 10000]

Prints the time of each phase (read + validate, preview, apply in one
transaction) and, as the baseline measured in the same run, the time to insert
the same rows with a bare ``executemany`` into a plain SQLite table (the floor
for any importer on this machine). Target: the whole import under 5 s.
"""
from __future__ import annotations

import argparse
import copy
import json
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def make_file(path: Path, n: int) -> None:
    from coach.tools import registry

    specs = list(registry().values())
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    entries = []
    for i in range(n):
        spec = specs[i % len(specs)]
        lang = "zh_CN" if i % 2 else "en"
        data = copy.deepcopy(spec.examples[lang])
        moment = (start + timedelta(minutes=17 * i)).isoformat()
        entries.append({"uuid": str(uuid.uuid4()), "tool": spec.key, "spec_version": spec.version,
                        "status": "complete", "created_at": moment, "updated_at": moment,
                        "title": "", "tags": [f"week {i % 12}", "benchmark"],
                        "people": [f"p{i % 20 + 1}"], "follows": None, "data": data,
                        "followups": []})
    people = [{"key": f"p{k}", "name": f"同事 {k}", "department": "财务部"} for k in range(1, 21)]
    path.write_text(json.dumps({"format": "coach-export", "version": 1, "entries": entries,
                                "people": people}, ensure_ascii=False), "utf-8")


def baseline(path: Path, tmp: Path) -> float:
    doc = json.loads(path.read_text("utf-8"))
    con = sqlite3.connect(str(tmp / "baseline.sqlite3"))
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE entry (uuid TEXT UNIQUE, tool TEXT, data TEXT, created_at TEXT)")
    t0 = time.perf_counter()
    with con:
        con.executemany("INSERT INTO entry VALUES (?, ?, ?, ?)",
                        [(e["uuid"], e["tool"], json.dumps(e["data"], ensure_ascii=False),
                          e["created_at"]) for e in doc["entries"]])
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def diary_floor(path: Path, tmp: Path) -> float:
    """The same rows inserted with bare executemany into a real (empty) Coach diary:
    the schema's indexes and its trigram full-text index, no validation, no merge."""
    from coach.store import close_database, open_database
    from coach.tools import get

    doc = json.loads(path.read_text("utf-8"))
    database = open_database(tmp / "floor.sqlite3", bind=False)
    rows = []
    for e in doc["entries"]:
        spec = get(e["tool"])
        rows.append((e["uuid"], e["tool"], e["status"], json.dumps(e["data"], ensure_ascii=False),
                     spec.text_of(e["data"]), e["created_at"], e["updated_at"]))
    t0 = time.perf_counter()
    with database.atomic():
        database.connection().executemany(
            "INSERT INTO entry (uuid, tool, status, data, search_text, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    elapsed = time.perf_counter() - t0
    close_database(database)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    from coach.export import importer
    from coach.store import close_database, open_database
    from coach.store import entries as store

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        src = tmp / "export.json"
        make_file(src, args.entries)
        size = src.stat().st_size
        base = baseline(src, tmp)
        floor = diary_floor(src, tmp)
        database = open_database(tmp / "coach.sqlite3")
        t0 = time.perf_counter()
        parsed = importer.validate(importer.read(src))
        t1 = time.perf_counter()
        the_plan = importer.plan(parsed)
        t2 = time.perf_counter()
        importer.apply(the_plan)
        t3 = time.perf_counter()
        assert store.count() == args.entries
        # a second import of the same file: everything unchanged
        t4 = time.perf_counter()
        again = importer.plan(importer.validate(importer.read(src)))
        t5 = time.perf_counter()
        assert again.counts()["unchanged"] == args.entries
        close_database(database)
    total = t3 - t0
    print(f"file: {args.entries:,} entries, {size / 1e6:.1f} MB")
    print(f"read + validate : {t1 - t0:6.2f} s")
    print(f"preview (plan)  : {t2 - t1:6.2f} s")
    print(f"apply (1 txn)   : {t3 - t2:6.2f} s")
    print(f"import total    : {total:6.2f} s   (target < 5 s: {'ok' if total < 5 else 'MISSED'})")
    print(f"re-import check : {t5 - t4:6.2f} s   (all {args.entries:,} unchanged)")
    print(f"baseline        : {base:6.2f} s   bare executemany of the same rows into SQLite")
    print(f"diary floor     : {floor:6.2f} s   the same rows straight into a Coach diary "
          "(indexes + trigram search index, no checks)")
    print(f"ratio           : {total / base:6.1f} x bare baseline, {total / floor:4.1f} x diary floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
