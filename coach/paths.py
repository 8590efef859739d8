"""Where Coach keeps its data.

Order of precedence: ``--data-dir`` on the command line > the
``COACH_DATA_DIR`` environment variable > the platform's user data folder
(``~/.local/share/coach`` on Linux, ``%LOCALAPPDATA%\\coach`` on Windows,
``~/Library/Application Support/coach`` on macOS).
"""
from __future__ import annotations

import logging
import logging.handlers
import os
from importlib import resources
from pathlib import Path

APP_NAME = "coach"
DB_NAME = "coach.sqlite3"
LOG_NAME = "coach.log"
BACKUP_DIR = "backups"


def data_dir(cli_value: str | os.PathLike | None = None) -> Path:
    if cli_value:
        path = Path(cli_value)
    elif os.environ.get("COACH_DATA_DIR"):
        path = Path(os.environ["COACH_DATA_DIR"])
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path = path.expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def db_path(folder: Path) -> Path:
    return folder / DB_NAME


def backup_dir(folder: Path) -> Path:
    return folder / BACKUP_DIR


def resource(*parts: str) -> Path:
    """A file shipped with the app (works from source, a wheel and the bundle)."""
    ref = resources.files("coach").joinpath("resources", *parts)
    return Path(str(ref))


def setup_logging(folder: Path, level: int = logging.INFO) -> Path:
    """Log warnings and programming errors to a rotating file in the data folder."""
    log_file = folder / LOG_NAME
    root = logging.getLogger()
    if not any(getattr(h, "_coach", False) for h in root.handlers):
        try:
            handler = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError:
            return log_file  # read-only folder: keep running without a log file
        handler._coach = True  # type: ignore[attr-defined]
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(level)
    return log_file
