"""Kill a real Coach process (SIGKILL) while it saves; nothing reported as saved is lost."""
from __future__ import annotations

import json
import os
import random
import threading
from queue import Empty, Queue
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_coach
from tests.e2e.typer import DRAFT_TEXT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

CYCLES = 6


def run_until_killed(data_dir: Path, n_complete: int, rng: random.Random) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests/e2e/typer.py"), str(data_dir),
                             str(n_complete)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    lines: list[str] = []
    queue: Queue[str | None] = Queue()

    def reader():
        for line in proc.stdout:
            queue.put(line.strip())
        queue.put(None)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    drafts_seen = 0
    target = rng.randint(1, 4)  # kill after this many draft autosaves, at a random moment
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            line = queue.get(timeout=max(0.0, deadline - time.monotonic()))
        except Empty:
            break
        if line is None:
            break
        lines.append(line)
        if line.startswith("DRAFT"):
            drafts_seen += 1
            if drafts_seen >= target:
                time.sleep(rng.uniform(0, 1.2))  # mid-typing, maybe mid-save
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    thread.join(10)
    # lines printed before the kill but not read yet also count as "reported"
    while not queue.empty():
        line = queue.get()
        if line:
            lines.append(line)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    return lines


def test_sigkill_while_typing_loses_nothing_reported(tmp_path):
    import sqlite3

    rng = random.Random(20261126)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    completed: set[str] = set()
    drafts: dict[str, int] = {}
    for cycle in range(CYCLES):
        lines = run_until_killed(data_dir, n_complete=1, rng=rng)
        for line in lines:
            kind, uuid, *rest = line.split()
            if kind == "COMPLETE":
                completed.add(uuid)
            elif kind == "DRAFT":
                drafts[uuid] = max(drafts.get(uuid, 0), int(rest[0]))
        con = sqlite3.connect(data_dir / "coach.sqlite3")
        rows = {u: (s, json.loads(d)) for u, s, d in con.execute("SELECT uuid, status, data FROM entry")}
        con.close()
        for uuid in completed:
            status, data = rows[uuid]
            assert status == "complete"
            assert data["belief_strength_after"] == 30 and data["emotions"][1]["after"] == 20
        for uuid, length in drafts.items():
            status, data = rows[uuid]
            assert status == "draft"
            event = data["event"]
            assert len(event) >= length, "a reported autosave was lost"
            assert DRAFT_TEXT.startswith(event), "a draft was stored half-written"
        check = run_coach("check", data_dir=data_dir)
        assert check.returncode == 0, check.stdout + check.stderr
    assert len(completed) == CYCLES
    assert len(drafts) == CYCLES


def test_the_draft_is_there_at_the_next_start(tmp_path, qtbot):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    run_until_killed(data_dir, n_complete=0, rng=random.Random(1))
    from coach.store import close_database, open_database
    from coach.ui.app import make_application
    from coach.ui.main_window import MainWindow

    database = open_database(data_dir / "coach.sqlite3")
    try:
        make_application()
        window = MainWindow(data_dir)
        qtbot.addWidget(window)
        window.show()
        assert window.home.drafts.count() == 1
        assert "draft text" in window.home.drafts.item(0).text() or "草稿" in window.home.drafts.item(0).text()
        window.close()
    finally:
        close_database(database)
