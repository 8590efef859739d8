#!/usr/bin/env python3
"""Kill Coach with SIGKILL hundreds of times while it writes; report what survived.

    python benchmarks/killtest.py [--cycles 200] [--gui-every 10] [--seed N] [--keep DIR]

Each cycle starts a real process that saves entries through coach.store
(single saves, edits and import-like batches; tests/e2e/writer.py) and kills
it at a random moment. Every ``--gui-every``-th cycle also kills the real GUI
while it types a draft and completes entries (tests/e2e/typer.py). After each
kill: every entry reported as saved must be present with exactly the reported
content, in-flight transactions must be all-or-nothing, the drafts must hold
what was reported, and the diary must pass integrity, foreign-key and
search-index checks; ``coach check`` runs every 25 cycles and at the end.
Prints cycles, entries checked and anything lost.
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import run_coach  # noqa: E402
from tests.e2e.killharness import Ledger, kill_cycle  # noqa: E402


def gui_cycle(data_dir: Path, rng: random.Random, state: dict) -> list[str]:
    from tests.e2e.test_crash import run_until_killed
    from tests.e2e.typer import DRAFT_TEXT

    problems = []
    lines = run_until_killed(data_dir, n_complete=1, rng=rng)
    for line in lines:
        kind, uuid, *rest = line.split()
        if kind == "COMPLETE":
            state["complete"].add(uuid)
        elif kind == "DRAFT":
            state["drafts"][uuid] = max(state["drafts"].get(uuid, 0), int(rest[0]))
    con = sqlite3.connect(data_dir / "coach.sqlite3")
    rows = {u: (s, json.loads(d)) for u, s, d in con.execute("SELECT uuid, status, data FROM entry")}
    con.close()
    for uuid in state["complete"]:
        state["checks"] += 1
        if uuid not in rows or rows[uuid][0] != "complete":
            problems.append(f"completed GUI entry {uuid} lost")
    for uuid, length in state["drafts"].items():
        state["checks"] += 1
        if uuid not in rows:
            problems.append(f"draft {uuid} lost")
            continue
        event = rows[uuid][1].get("event", "")
        if len(event) < length or not DRAFT_TEXT.startswith(event):
            problems.append(f"draft {uuid}: reported {length} characters, found {len(event)}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cycles", type=int, default=200)
    ap.add_argument("--gui-every", type=int, default=10, help="0: writer only")
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--keep", help="folder for the diaries (default: a temporary one)")
    args = ap.parse_args()
    base = Path(args.keep or tempfile.mkdtemp(prefix="coach-killtest-"))
    writer_dir, gui_dir = base / "writer", base / "gui"
    writer_dir.mkdir(parents=True, exist_ok=True)
    gui_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    ledger = Ledger()
    gui = {"complete": set(), "drafts": {}, "checks": 0, "cycles": 0}
    problems: list[str] = []
    checks_run = 0
    start = time.monotonic()
    for cycle in range(1, args.cycles + 1):
        if args.gui_every and cycle % args.gui_every == 0:
            problems += gui_cycle(gui_dir, rng, gui)
            gui["cycles"] += 1
        else:
            kill_cycle(writer_dir, ledger, rng)
        if cycle % 25 == 0 or cycle == args.cycles:
            for folder in (writer_dir, gui_dir):
                if (folder / "coach.sqlite3").exists():
                    result = run_coach("check", data_dir=folder)
                    checks_run += 1
                    if result.returncode != 0:
                        problems.append(f"coach check failed after cycle {cycle}:\n{result.stdout}")
            print(f"  … {cycle} cycles, {len(ledger.saved)} entries tracked, "
                  f"{len(ledger.problems) + len(problems)} problems", flush=True)
    elapsed = time.monotonic() - start
    problems = ledger.problems + problems
    print()
    print(f"seed                      {args.seed}")
    print(f"kill cycles               {ledger.cycles + gui['cycles']} "
          f"({ledger.cycles} writer, {gui['cycles']} GUI)")
    print(f"saves reported            {ledger.reported_saves} (writer) + "
          f"{len(gui['complete'])} completed + {len(gui['drafts'])} drafts (GUI)")
    print(f"in flight at the kill     {ledger.in_flight_committed} committed, "
          f"{ledger.in_flight_rolled_back} rolled back (both allowed; never half)")
    print(f"entries at the end        {len(ledger.saved)} (writer diary)")
    print(f"entry checks              {ledger.entry_checks + gui['checks']} "
          "(every reported entry re-checked after every kill)")
    print(f"coach check runs          {checks_run}")
    print(f"time                      {elapsed:.1f} s ({elapsed / max(args.cycles, 1):.2f} s a cycle)")
    print(f"LOST OR DAMAGED           {len(problems)}")
    for p in problems[:20]:
        print("  -", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
