"""CLI subcommands, one module each (see coach.cli)."""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from .. import i18n, paths


@contextlib.contextmanager
def opened_store(args, *, migrate: bool = True, write: bool = True):
    """Open the diary named by ``--data-dir`` / env for one command.

    With ``write`` (the default: importing, restoring, anything that changes
    the diary) the command takes the data folder's lock for its run, so it
    never writes while the app (or another writer) has the diary open; it
    exits with code 3 and a readable message instead. Commands that only
    read (export, backup) pass ``write=False``.

    A store error is printed as a readable message and turned into exit 2.
    """
    from ..store import StoreError, close_database, open_database

    folder = paths.data_dir(getattr(args, "data_dir", None))
    paths.setup_logging(folder)
    with folder_lock(folder, "cli") if write else contextlib.nullcontext():
        unlock(paths.db_path(folder))
        try:
            database = open_database(paths.db_path(folder), migrate=migrate)
        except StoreError as exc:
            print(i18n.tr(exc.message_key, **exc.args_), file=sys.stderr)
            raise SystemExit(2) from exc
        try:
            yield database, folder
        finally:
            close_database(database)


def unlock(db_path: Path) -> None:
    """For an encrypted diary, put its passphrase in memory: from the
    environment variable COACH_PASSPHRASE, else asked for (without echo) when
    stdin is a terminal, else exit 2 with a message saying how to give it.
    A wrong passphrase is caught when the diary is opened."""
    import getpass
    import os

    from ..store import crypt

    if not crypt.is_encrypted(db_path):
        return
    key = os.environ.get("COACH_PASSPHRASE")
    if not key and sys.stdin is not None and sys.stdin.isatty():
        try:
            key = getpass.getpass(i18n.tr("crypt.cli.prompt"))
        except (EOFError, KeyboardInterrupt):
            key = None
    if not key:
        print(i18n.tr("crypt.cli.needed", path=str(db_path)), file=sys.stderr)
        raise SystemExit(2)
    crypt.set_passphrase(key)


@contextlib.contextmanager
def folder_lock(folder: Path, role: str = "cli"):
    """Hold the data folder's writer lock, or exit 3 with a readable message."""
    from ..store.lock import DataLock, FolderLocked

    lock = DataLock(folder, role=role)
    try:
        lock.acquire()
    except FolderLocked as exc:
        print(locked_message(exc), file=sys.stderr)
        raise SystemExit(3) from exc
    try:
        yield lock
    finally:
        lock.release()


def locked_message(exc) -> str:
    key = "cli.locked.app" if exc.role == "app" else "cli.locked.other"
    return i18n.tr(key, folder=str(exc.folder), pid=str(exc.pid or "?"))


def db_file(args) -> Path:
    return paths.db_path(paths.data_dir(getattr(args, "data_dir", None)))
