#!/usr/bin/env python3
"""Start-up benchmark: Coach's first painted window against a bare PySide6 window.

    python benchmarks/startup.py [--runs 7] [--entries 1000]

Seeds a temporary diary with 1,000 entries, then starts, offscreen, each in a
fresh process (every run a new interpreter, the way a user starts the app):

- baseline: a script that opens a bare QMainWindow of the same size;
- coach: ``python -m coach`` on that diary.

Both report their first paint on stderr; the time counted is from launching
the process to that line. Prints the medians and the ratio (target: Coach
≤ 1.3 × the bare window), then the median time to save one entry through
``coach.store.entries.save`` on the same diary (target < 5 ms).

``benchmarks/bundle.py`` reuses :func:`time_to_first_paint` for the bundled
app.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MARKER = "main window painted"

# The baseline: the least a PySide6 app does before its window is on screen.
BARE_WINDOW = f"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.setCentralWidget(QLabel("Hello"))
window.resize(1180, 780)

class FirstPaint(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and not self.seen:
            self.seen = True
            print("{MARKER} bare", file=sys.stderr, flush=True)
            QTimer.singleShot(0, window.close)
        return False

probe = FirstPaint()
app.installEventFilter(probe)
window.show()
sys.exit(app.exec())
"""


def base_env() -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
           "QT_LOGGING_RULES": "qt.qpa.*=false"}
    env.pop("COACH_DATA_DIR", None)
    # An installed app starts from compiled bytecode (pip and pyinstaller write
    # it). Without this a machine that sets PYTHONDONTWRITEBYTECODE would time
    # compiling Coach's sources on every start; the untimed first start of the
    # run writes the __pycache__ files.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_to_first_paint(cmd: list[str], env: dict | None = None, cwd: Path | None = None,
                        timeout: float = 120) -> float:
    """Seconds from launching ``cmd`` to its first-paint line on stderr."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", errors="replace", env=env or base_env(),
                            cwd=str(cwd or ROOT))
    painted = None
    lines = []
    assert proc.stderr is not None
    for line in proc.stderr:
        lines.append(line)
        if MARKER in line and painted is None:
            painted = time.perf_counter() - started
    code = proc.wait(timeout=timeout)
    if painted is None or code != 0:
        raise RuntimeError(f"{cmd} exited {code} without painting:\n{''.join(lines)}")
    return painted


def seed(folder: Path, count: int, open_followups: int | None = 30) -> None:
    """``count`` entries of the installed tools, built from their worked examples.

    A diary that old has closed most of its follow-up actions: all but those
    of the newest ``open_followups`` entries are marked done (None: leave
    every one open, the worst case for Home's follow-up panel).
    """
    from coach.store import close_database, open_database
    from coach.store import entries as store
    from coach.store.models import db
    from coach.tools import registry

    database = open_database(folder / "coach.sqlite3")
    rng = random.Random(7)
    specs = [s for s in registry().values() if s.examples]
    with db.atomic():
        for i in range(count):
            spec = specs[i % len(specs)]
            lang = "zh_CN" if i % 3 else "en"
            data = dict(spec.examples.get(lang) or next(iter(spec.examples.values())))
            store.save(store.EntryRecord(uuid="", tool=spec.key, data=data,
                                         status="complete" if rng.random() < 0.8 else "draft",
                                         spec_version=spec.version,
                                         tags=[rng.choice(["月结", "weekly", "财务部", "plan"])]))
        if open_followups is not None:
            keep = {r.uuid for r in store.query(limit=open_followups)} if open_followups else set()
            for item in store.followups():
                if item.entry_uuid not in keep:
                    store.set_followup_done(item.id)
    close_database(database)


def save_timings(folder: Path, runs: int) -> tuple[float, float]:
    """Median ms to save one entry: an autosave of an existing entry, and a new entry."""
    from coach.store import close_database, open_database
    from coach.store import entries as store
    from coach.tools import registry

    database = open_database(folder / "coach.sqlite3")
    spec = next(iter(registry().values()))
    data = dict(spec.examples.get("zh_CN") or next(iter(spec.examples.values())))
    record = store.save(store.EntryRecord(uuid="", tool=spec.key, data=data,
                                          spec_version=spec.version))
    updates, inserts = [], []
    for i in range(runs):
        record.data = {**data, spec.all_fields()[0].key: f"第 {i} 次修改 — edit {i}"}
        started = time.perf_counter()
        store.save(record)
        updates.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        store.save(store.EntryRecord(uuid="", tool=spec.key, data=data, spec_version=spec.version))
        inserts.append((time.perf_counter() - started) * 1000)
    close_database(database)
    return statistics.median(updates), statistics.median(inserts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--open-followups", type=int, default=30,
                        help="entries whose follow-up actions stay open (-1: all of them)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        started = time.perf_counter()
        seed(folder, args.entries, None if args.open_followups < 0 else args.open_followups)
        from coach.store import close_database, open_database
        from coach.store import entries as store

        database = open_database(folder / "coach.sqlite3")
        still_open = len(store.followups())
        close_database(database)
        print(f"seeded {args.entries} entries ({still_open} open follow-ups) "
              f"in {time.perf_counter() - started:.1f} s")

        bare_cmd = [sys.executable, "-c", BARE_WINDOW]
        coach_cmd = [sys.executable, "-m", "coach", "--data-dir", str(folder)]
        coach_env = {**base_env(), "COACH_EXIT_AFTER_SHOW": "0"}
        # one untimed start of each fills the OS file cache, as after any earlier use
        time_to_first_paint(bare_cmd)
        time_to_first_paint(coach_cmd, coach_env)
        bare, coach = [], []
        for _ in range(args.runs):  # interleaved, so both see the same machine load
            bare.append(time_to_first_paint(bare_cmd))
            coach.append(time_to_first_paint(coach_cmd, coach_env))
        b, c = statistics.median(bare), statistics.median(coach)
        print(f"bare PySide6 QMainWindow, first paint: median {b * 1000:.0f} ms "
              f"(min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f}, n={args.runs})")
        print(f"coach ({args.entries} entries), first paint: median {c * 1000:.0f} ms "
              f"(min {min(coach) * 1000:.0f}, max {max(coach) * 1000:.0f}, n={args.runs})")
        print(f"ratio coach / bare: {c / b:.2f}x (target <= 1.3x)")

        update, insert = save_timings(folder, max(args.runs, 50))
        print(f"save one entry (store.entries.save): autosave of an existing entry "
              f"median {update:.2f} ms, new entry median {insert:.2f} ms (target < 5 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
