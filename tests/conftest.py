"""Shared fixtures. Qt runs offscreen; every test gets its own diary file."""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from coach import i18n  # noqa: E402


@pytest.fixture(autouse=True)
def _english_by_default():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def db(data_dir: Path):
    """An open, migrated diary bound to the models for this test."""
    from coach.store import close_database, open_database

    database = open_database(data_dir / "coach.sqlite3")
    yield database
    close_database(database)


def run_coach(*args: str, data_dir: Path | None = None, env: dict | None = None,
              timeout: float = 60, input: str | None = None):
    """Run the real CLI in a subprocess (``python -m coach``)."""
    import subprocess

    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
                "LANG": "C.UTF-8", **(env or {})}
    cmd = [sys.executable, "-m", "coach"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, env=full_env,
                          timeout=timeout, input=input, cwd=str(ROOT))
