"""SIGKILL a real process that saves entries and import-like batches, at random
moments, many times: nothing reported as saved is lost or altered, in-flight
transactions are all-or-nothing, and the diary passes ``coach check``."""
from __future__ import annotations

import random
import sys

import pytest

from tests.conftest import run_coach
from tests.e2e.killharness import Ledger, kill_cycle

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

CYCLES = 20


def test_sigkill_loop_loses_nothing_reported(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    rng = random.Random(8)
    ledger = Ledger()
    for _ in range(CYCLES):
        kill_cycle(data_dir, ledger, rng)
        assert ledger.problems == []
    assert ledger.cycles == CYCLES
    assert ledger.reported_saves > CYCLES  # the kills landed while work was going on
    assert len(ledger.saved) > 0
    check = run_coach("check", data_dir=data_dir)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_ledger_notices_a_lost_or_altered_entry(tmp_path):
    import sqlite3

    from coach.store import close_database, open_database
    from coach.store import entries as store
    from tests.e2e.writer import digest

    db_file = tmp_path / "coach.sqlite3"
    database = open_database(db_file)
    a = store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "a"}))
    b = store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "b"}))
    close_database(database)
    ledger = Ledger()
    for rec in (a, b):
        ledger.feed(f"SAVING {rec.uuid} {digest(rec.data)}")
        ledger.feed(f"SAVED {rec.uuid} {digest(rec.data)}")
    ledger.feed("SAVED 00000000-lost " + digest({"event": "c"}))
    con = sqlite3.connect(db_file)
    con.execute("UPDATE entry SET data = '{\"event\": \"changed\"}' WHERE uuid = ?", (b.uuid,))
    con.commit()
    con.close()
    ledger.verify(db_file)
    assert any("LOST 00000000-lost" in p for p in ledger.problems)
    assert any(b.uuid in p and "reported" in p for p in ledger.problems)
    assert not any(a.uuid in p for p in ledger.problems)
