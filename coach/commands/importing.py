"""``coach import PATH``: merge a coach-export JSON file into the diary."""
from __future__ import annotations

import sys
from pathlib import Path

from .. import i18n
from . import opened_store


def register(sub) -> None:
    p = sub.add_parser("import", help="import a Coach JSON export (validated and previewed first)")
    p.add_argument("path", help="a .json file written by `coach export --format json`")
    p.add_argument("--conflicts", choices=("copy", "skip", "overwrite"), default="copy",
                   help="when the diary has a newer edit of an entry: keep both (copy, the "
                   "default), keep yours (skip) or take the file's (overwrite)")
    p.add_argument("--dry-run", action="store_true", help="only validate and show the preview")
    p.add_argument("--yes", "-y", action="store_true", help="apply without asking")
    p.set_defaults(func=run)


def preview_lines(the_plan, lang: str | None = None) -> list[str]:
    from ..export import importer

    lines = importer.summary_lines(the_plan, lang)
    for item in the_plan.items:
        if item.state == "conflict":
            lines.append("  ! " + i18n.tr("import.conflict_line", lang=lang,
                                          title=item.record.display_title(lang) or item.record.uuid,
                                          local=i18n.format_datetime(item.local_updated_at, lang),
                                          file=i18n.format_datetime(item.record.updated_at, lang)))
    return lines


def run(args) -> int:
    from ..export import Cancelled, importer
    from ..export.safety import backup_before_import

    path = Path(args.path).expanduser()
    try:
        doc = importer.read(path)
    except importer.ImportFileError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    with opened_store(args) as (database, folder):
        try:  # checked against this diary's forms, own prompts included
            parsed = importer.validate(doc)
        except importer.ImportFileError as exc:
            print(exc.report(), file=sys.stderr)
            return 1
        the_plan = importer.plan(parsed)
        for line in preview_lines(the_plan):
            print(line)
        if args.dry_run or not the_plan.changes_anything:
            if not the_plan.changes_anything:
                print(i18n.tr("import.nothing"))
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                print(i18n.tr("import.need_yes"), file=sys.stderr)
                return 1
            answer = input(i18n.tr("import.ask") + " ")
            if answer.strip().lower() not in ("y", "yes", "是", "好"):
                print(i18n.tr("import.aborted"))
                return 1
        try:
            result = importer.apply(the_plan, resolution=args.conflicts,
                                    backup=lambda: backup_before_import(database, folder))
        except (KeyboardInterrupt, Cancelled):
            print(i18n.tr("import.aborted"), file=sys.stderr)
            return 130
        print(i18n.tr("import.done", added=result.added, updated=result.updated,
                      copies=result.copies, skipped=result.skipped, unchanged=result.unchanged))
        if result.backup:
            print(i18n.tr("import.backup_at", path=str(result.backup)))
    return 0
