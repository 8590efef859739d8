"""The backup taken before an import changes anything."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .. import paths


def backup_before_import(database, folder: Path) -> Path:
    """A verified copy of the diary in the data folder's backups/ (SQLite backup API)."""
    from ..store.backup import backup_database

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backup_database(database, paths.backup_dir(Path(folder)) / f"pre-import-{stamp}.sqlite3")
