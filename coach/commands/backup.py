"""``coach backup [-o PATH]``: a verified copy of the diary, made safely while
the app may be running (SQLite's online backup API)."""
from __future__ import annotations

import sys
from pathlib import Path

from .. import i18n, paths


def register(sub) -> None:
    p = sub.add_parser("backup", help="write a verified backup of the diary "
                       "(default: into the data folder's backups/)")
    p.add_argument("-o", "--output", metavar="PATH",
                   help="file (or existing folder) to write the backup to")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..store import backups
    from ..store.backup import backup_database
    from . import opened_store

    folder = paths.data_dir(args.data_dir)
    if not paths.db_path(folder).exists():
        print(i18n.tr("cli.check.missing", path=str(paths.db_path(folder))), file=sys.stderr)
        return 1
    # Reading only: works while the app has the diary open (no lock, no migration).
    with opened_store(args, migrate=False, write=False) as (database, folder):
        try:
            if args.output:
                dest = Path(args.output).expanduser()
                if dest.is_dir():
                    dest = dest / backups._target(folder, "manual", backups.datetime.now()).name
                if dest.resolve() == paths.db_path(folder).resolve():
                    print(i18n.tr("cli.backup.same_file"), file=sys.stderr)
                    return 2
                dest = backup_database(database, dest)
            else:
                dest = backups.backup_now(database, folder, reason="manual")
        except OSError as exc:
            print(i18n.tr("cli.backup.failed", error=str(exc)), file=sys.stderr)
            return 1
    info = backups.describe(dest)
    print(i18n.tr("cli.backup.done", path=str(dest), entries=str(info.entries),
                  size=i18n.format_number(info.size)))
    return 0
