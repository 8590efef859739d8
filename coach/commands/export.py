"""``coach export``: entries to JSON, CSV, Markdown, HTML or PDF."""
from __future__ import annotations

import sys
from pathlib import Path

from .. import i18n
from . import opened_store


def register(sub) -> None:
    p = sub.add_parser("export", help="export entries (json | csv | md | html | pdf)")
    p.add_argument("--format", "-f", dest="fmt", required=True,
                   choices=("json", "csv", "md", "html", "pdf"))
    p.add_argument("--tool", action="append", default=[],
                   help="only this tool (repeat for several)")
    p.add_argument("--since", help="first day, YYYY-MM-DD (inclusive)")
    p.add_argument("--until", help="last day, YYYY-MM-DD (inclusive)")
    p.add_argument("--include-trash", action="store_true", help="also entries in the Trash")
    p.add_argument("--title", help="title of the document (md, html, pdf)")
    p.add_argument("-o", "--output", required=True,
                   help="file to write (csv: a .zip, or a folder of .csv files)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..export import Cancelled
    from ..export.selection import Selection, parse_day
    from ..export.service import ExportRequest, private_note, run_export
    from ..tools import registry

    unknown = [t for t in args.tool if t not in registry()]
    if unknown:
        print(i18n.tr("export.unknown_tool", tool=", ".join(unknown),
                      known=", ".join(registry())), file=sys.stderr)
        return 2
    try:
        since = parse_day(args.since) if args.since else None
        until = parse_day(args.until) if args.until else None
    except ValueError as exc:
        print(i18n.tr("export.bad_date", value=str(exc)), file=sys.stderr)
        return 2
    if since and until and since > until:
        print(i18n.tr("export.bad_period"), file=sys.stderr)
        return 2
    target = Path(args.output).expanduser()
    pdf_writer = None
    if args.fmt == "pdf":
        from importlib import import_module

        pdf_writer = import_module("coach.ui.pdf").write_pdf
    print(private_note(), file=sys.stderr)
    with opened_store(args, write=False):
        req = ExportRequest(args.fmt, target, Selection(tools=args.tool, since=since, until=until,
                                                        include_deleted=args.include_trash),
                            i18n.current(), title=args.title)
        try:
            run_export(req, pdf_writer=pdf_writer)
        except (KeyboardInterrupt, Cancelled):
            print(i18n.tr("export.cancelled"), file=sys.stderr)
            return 130
        except OSError as exc:
            print(i18n.tr("export.failed", error=exc.strerror or str(exc)), file=sys.stderr)
            return 1
    print(i18n.tr("export.done", path=str(target)))
    return 0
