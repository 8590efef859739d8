"""``coach restore PATH``: replace the diary with a verified backup.

Refuses anything that is not a sound Coach diary (nothing changes), refuses
while the app or another writer has the folder open, and backs up the
current diary first.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .. import i18n, paths


def register(sub) -> None:
    p = sub.add_parser("restore", help="replace the diary with a backup "
                       "(the current diary is backed up first)")
    p.add_argument("path", help="the backup file to restore")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..store import StoreError, backups
    from . import folder_lock, unlock

    source = Path(args.path).expanduser()
    folder = paths.data_dir(args.data_dir)
    unlock(paths.db_path(folder))  # an encrypted diary's backups open with its passphrase
    try:
        backups.verify(source)
    except StoreError as exc:
        print(i18n.tr("cli.restore.refused"), file=sys.stderr)
        print(i18n.tr(exc.message_key, **exc.args_), file=sys.stderr)
        return 2
    paths.setup_logging(folder)
    with folder_lock(folder, "restore"):
        target = paths.db_path(folder)
        if target.exists() and target.stat().st_size > 0:
            from ..store.connection import (PassphraseRequiredError, WrongPassphraseError,
                                            inspect_file)

            try:
                inspect_file(target)
            except (PassphraseRequiredError, WrongPassphraseError) as exc:
                print(i18n.tr(exc.message_key, **exc.args_), file=sys.stderr)
                return 2
            except StoreError:
                # A damaged diary cannot be backed up through SQLite: keep it aside.
                moved = backups.recover(folder, source)
                print(i18n.tr("cli.restore.damaged_moved", path=str(moved)))
                print(i18n.tr("cli.restore.done", path=str(source), backup="-"))
                return 0
        try:
            safety = backups.restore(folder, source)
        except StoreError as exc:
            print(i18n.tr(exc.message_key, **exc.args_), file=sys.stderr)
            return 2
    print(i18n.tr("cli.restore.done", path=str(source), backup=str(safety or "-")))
    return 0
