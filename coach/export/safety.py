"""The backup taken before an import changes anything."""
from __future__ import annotations

from pathlib import Path


def backup_before_import(database, folder: Path) -> Path:
    """A verified, rotated copy of the diary in the data folder's backups/
    (coach.store.backups); raises if it cannot be written, and then nothing is imported."""
    from ..store.backups import backup_before

    return backup_before(database, Path(folder), "import")
