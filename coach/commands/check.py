"""``coach check``: is the diary sound? Exit 0 only if it is."""
from __future__ import annotations

import json
import sys

from .. import i18n, paths
from ..store import StoreError


def register(sub) -> None:
    p = sub.add_parser("check", help="verify the database (integrity, schema, search index)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..store.check import check_database
    from ..store.connection import close_database, diary_database, inspect_file
    from . import unlock

    folder = paths.data_dir(args.data_dir)
    path = paths.db_path(folder)
    if not path.exists():
        print(i18n.tr("cli.check.missing", path=str(path)), file=sys.stderr)
        return 1
    unlock(path)
    try:
        inspect_file(path)
    except StoreError as exc:
        print(i18n.tr(exc.message_key, **exc.args_), file=sys.stderr)
        return 2
    # Open without migrating or binding: a check never changes the file's schema.
    database = diary_database(path, pragmas={"busy_timeout": 5000})
    try:
        report = check_database(database)
    finally:
        close_database(database)
    if args.format == "json":
        print(json.dumps({"ok": report.ok, "problems": report.problems, **report.facts},
                         ensure_ascii=False, indent=2, default=str))
    else:
        print(i18n.tr("cli.check.file", path=str(path)))
        for key, value in report.facts.items():
            print(f"  {key}: {value}")
        if report.ok:
            print(i18n.tr("cli.check.ok"))
        else:
            print(i18n.tr("cli.check.bad"))
            for problem in report.problems:
                print(f"  - {problem}")
    return 0 if report.ok else 1
