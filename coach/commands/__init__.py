"""CLI subcommands, one module each (see coach.cli)."""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from .. import i18n, paths


@contextlib.contextmanager
def opened_store(args, *, migrate: bool = True):
    """Open the diary named by ``--data-dir`` / env for one command.

    A store error is printed as a readable message and turned into exit 2.
    """
    from ..store import StoreError, close_database, open_database

    folder = paths.data_dir(getattr(args, "data_dir", None))
    paths.setup_logging(folder)
    try:
        database = open_database(paths.db_path(folder), migrate=migrate)
    except StoreError as exc:
        print(i18n.tr(exc.message_key, **exc.args_), file=sys.stderr)
        raise SystemExit(2) from exc
    try:
        yield database, folder
    finally:
        close_database(database)


def db_file(args) -> Path:
    return paths.db_path(paths.data_dir(getattr(args, "data_dir", None)))
