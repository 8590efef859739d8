"""SIGKILL a real writer process at random moments and check what survived.

Used by tests/e2e/test_kill_writer.py (a fast loop in the suite) and by
benchmarks/killtest.py (hundreds of cycles). The writer is
tests/e2e/writer.py: it prints SAVING before and SAVED after each commit.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITER = ROOT / "tests" / "e2e" / "writer.py"


def digest_text(raw: str) -> str:
    data = json.loads(raw)
    canon = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()[:16]


@dataclass
class Ledger:
    saved: dict[str, str] = field(default_factory=dict)  # uuid -> last reported hash
    pending: dict[str, str] = field(default_factory=dict)  # SAVING without SAVED (in flight)
    pending_batch: set[str] = field(default_factory=set)
    cycles: int = 0
    reported_saves: int = 0
    entry_checks: int = 0
    in_flight_committed: int = 0
    in_flight_rolled_back: int = 0
    problems: list[str] = field(default_factory=list)

    def feed(self, line: str) -> None:
        parts = line.split()
        if len(parts) < 3:
            return
        kind, uuid, h = parts[:3]
        if kind == "SAVING":
            if not self.pending:
                self.pending_batch.clear()
            self.pending[uuid] = h
            if len(parts) > 3 and parts[3] == "batch":
                self.pending_batch.add(uuid)
        elif kind == "SAVED":
            self.saved[uuid] = h
            self.pending.pop(uuid, None)
            self.pending_batch.discard(uuid)
            self.reported_saves += 1

    def verify(self, db_file: Path) -> None:
        """Everything reported saved is there and intact; in-flight work is all-or-nothing."""
        if not db_file.exists():
            if self.saved:
                self.problems.append(f"cycle {self.cycles}: the diary file is gone")
            return
        # Opened as the app would open it next (recovering the WAL of the killed writer).
        con = sqlite3.connect(str(db_file))
        try:
            stored = {u: digest_text(d) for u, d in con.execute("SELECT uuid, data FROM entry")}
            integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
            fk = con.execute("PRAGMA foreign_key_check").fetchall()
            n_entries = con.execute("SELECT COUNT(*) FROM entry").fetchone()[0]
            n_index = con.execute("SELECT COUNT(*) FROM entry_fts_docsize").fetchone()[0]
            try:
                con.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES('integrity-check', 1)")
            except sqlite3.DatabaseError as exc:
                self.problems.append(f"cycle {self.cycles}: search index: {exc}")
        finally:
            con.close()
        if integrity != "ok" or fk:
            self.problems.append(f"cycle {self.cycles}: integrity {integrity}, fk {fk[:3]}")
        if n_entries != n_index:
            self.problems.append(f"cycle {self.cycles}: {n_entries} entries, {n_index} indexed")
        for uuid, h in self.saved.items():
            self.entry_checks += 1
            got = stored.get(uuid)
            if got is None:
                self.problems.append(f"cycle {self.cycles}: LOST {uuid}")
            elif got != h and got != self.pending.get(uuid):
                self.problems.append(f"cycle {self.cycles}: {uuid} holds {got}, reported {h}")
        committed = {u for u, h in self.pending.items() if stored.get(u) == h}
        for uuid, h in self.pending.items():
            if uuid not in self.saved and uuid in stored and stored[uuid] != h:
                self.problems.append(f"cycle {self.cycles}: in-flight {uuid} half-written")
        batch_done = committed & self.pending_batch
        if batch_done and batch_done != self.pending_batch:
            self.problems.append(f"cycle {self.cycles}: batch half-committed "
                                 f"({len(batch_done)}/{len(self.pending_batch)})")
        self.in_flight_committed += len(committed)
        self.in_flight_rolled_back += len(self.pending) - len(committed)
        for uuid in committed:  # resolved: it did commit before the kill
            self.saved[uuid] = self.pending[uuid]
        self.pending.clear()
        self.pending_batch.clear()


def kill_cycle(data_dir: Path, ledger: Ledger, rng: random.Random, max_saves: int = 40) -> None:
    """Start the writer, let it commit a random number of times, SIGKILL it at a random moment."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(WRITER), str(data_dir), str(rng.randrange(10**9))],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    target = rng.randint(0, max_saves)
    seen = 0
    try:
        while seen < target:
            raw = proc.stdout.readline()
            if not raw:
                break
            if raw.endswith(b"\n"):
                ledger.feed(raw.decode("utf-8"))
                seen += raw.startswith(b"SAVED")
        time.sleep(rng.uniform(0, 0.03))  # anywhere: mid-transaction, mid-commit, mid-print
    finally:
        proc.send_signal(signal.SIGKILL)
        rest = proc.stdout.read()  # lines printed before the kill still count as reported
        proc.wait(10)
    for raw in rest.split(b"\n")[:-1]:  # a last line without "\n" was cut by the kill
        ledger.feed(raw.decode("utf-8"))
    if proc.returncode != -signal.SIGKILL:
        ledger.problems.append(f"writer exited by itself ({proc.returncode}): "
                               f"{proc.stderr.read().decode(errors='replace')[-800:]}")
    ledger.cycles += 1
    ledger.verify(data_dir / "coach.sqlite3")
