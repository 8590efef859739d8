#!/usr/bin/env python3
"""Backup, restore and health-check cost on a diary of realistic size.

    python benchmarks/backups.py [--entries 5000] [--repeat 5]

Seeds a temporary diary (≈ 1 KB of mixed Chinese/English text per entry),
then reports the median time of: a verified backup (online backup API +
integrity_check + fsync + rename + rotation), listing the backups with entry
counts, a restore into the open diary (pre-restore backup + copy + verify),
``check_database`` (integrity, foreign keys, FTS5 integrity-check, row counts,
JSON), and the app's daily backup when today's already exists. The baseline,
measured in the same run, is a plain file copy (shutil.copyfile + fsync) of
the same database, which is NOT safe on a live diary.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = ["会议延期", "跨部门协作", "财务部", "报销单", "deadline", "review", "客户反馈", "预算",
         "handover", "质量部", "交付排程", "we agreed", "下周再确认", "follow up", "采购"]


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from coach.store import backups, open_database
    from coach.store import entries as store
    from coach.store.check import check_database
    from coach.store.models import db

    folder = Path(tempfile.mkdtemp(prefix="coach-bench-backups-"))
    database = open_database(folder / "coach.sqlite3")
    rng = random.Random(1)
    t = time.perf_counter()
    with db.atomic():
        for i in range(args.entries):
            text = " ".join(rng.choice(WORDS) for _ in range(80))
            store.save(store.EntryRecord(uuid="", tool="abcde", status="complete",
                                         data={"event": f"{i} {text}", "belief": text[:200],
                                               "belief_strength": rng.randint(0, 100)},
                                         tags=[rng.choice(["会议", "客户", "review"])]))
    seed_s = time.perf_counter() - t
    size = (folder / "coach.sqlite3").stat().st_size
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    copy_target = folder / "plain-copy.sqlite3"

    def plain_copy():
        shutil.copyfile(folder / "coach.sqlite3", copy_target)
        with open(copy_target, "rb") as fh:
            os.fsync(fh.fileno())

    baseline = median_ms(plain_copy, args.repeat)
    figures = {
        "verified backup (backup_now)": median_ms(
            lambda: backups.backup_now(database, folder, reason="manual"), args.repeat),
        "list backups with entry counts": median_ms(lambda: backups.list_backups(folder),
                                                    args.repeat),
        "daily backup, already done today": median_ms(lambda: backups.auto_backup(database, folder),
                                                      args.repeat),
        "check_database (coach check)": median_ms(lambda: check_database(database), args.repeat),
    }
    source = folder / "chosen-backup.sqlite3"  # outside backups/: rotation never removes it
    shutil.copyfile(backups.list_backups(folder)[-1].path, source)
    figures["restore into the open diary"] = median_ms(
        lambda: backups.restore(folder, source, database=database), max(2, args.repeat // 2))
    assert store.count() == args.entries
    print(f"diary: {args.entries} entries, {size / 1024 / 1024:.1f} MB (seeded in {seed_s:.1f} s); "
          f"{len(backups.list_backups(folder))} backups kept after rotation")
    print(f"{'operation':36} {'median ms':>10} {'× baseline':>11}")
    print(f"{'baseline: plain file copy + fsync':36} {baseline:10.1f} {1:11.1f}")
    for name, ms in figures.items():
        print(f"{name:36} {ms:10.1f} {ms / baseline:11.1f}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
