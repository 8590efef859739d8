"""``coach stats``: the figures of the Progress dashboard, per tool, without the UI."""
from __future__ import annotations

import json
import sys
from datetime import date

from .. import i18n


def register(sub) -> None:
    p = sub.add_parser("stats", help="print the progress figures the dashboard shows, per tool")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--since", metavar="DATE", help="first day to include (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="last day to include (YYYY-MM-DD)")
    p.add_argument("--period", choices=("4w", "3m", "12m", "all"),
                   help="a preset period instead of --since/--until (default: all)")
    p.add_argument("--tool", action="append", metavar="KEY",
                   help="only this tool (repeat for several)")
    p.set_defaults(func=run)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        print(i18n.tr("cli.stats.bad_date", value=value), file=sys.stderr)
        raise SystemExit(2) from None


def run(args) -> int:
    from ..progress import Period, dashboard
    from ..tools import registry
    from . import opened_store

    since, until = _date(args.since), _date(args.until)
    if since and until and since > until:
        print(i18n.tr("cli.stats.bad_range", since=since.isoformat(), until=until.isoformat()),
              file=sys.stderr)
        return 2
    for key in args.tool or []:
        if key not in registry():
            print(i18n.tr("cli.stats.unknown_tool", tool=key, tools=", ".join(registry())),
                  file=sys.stderr)
            return 2
    if since or until:
        period = Period.custom(since, until)
    else:
        period = Period(args.period or "all")
    with opened_store(args):
        data = dashboard(period, args.tool)
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print_text(data)
    return 0


def _fmt(key: str, value) -> str:
    if value is None:
        return "—"
    if key in SHARES:
        return i18n.format_percent(value)
    return i18n.format_number(round(value, 1))


# metrics that are 0/1 flags, so their mean is a share
SHARES = {"red_light", "big_drop", "complete", "confirmed", "win_win", "loop_closed",
          "granted"}


def print_text(data: dict) -> None:
    from ..tools import registry

    period = data["period"]
    ov = data["overview"]
    if period["since"] or period["until"]:
        print(i18n.tr("cli.stats.heading", since=period["since"] or "…",
                      until=period["until"] or "…"))
    else:
        print(i18n.tr("progress.range_all"))
    print(i18n.tr("cli.stats.entries", count=ov["total"], weeks=ov["streak_weeks"]))
    for key, tool in data["tools"].items():
        spec = registry().get(key)
        print()
        print(f"{spec.name.get() if spec else key} ({tool['count']})")
        for metric, value in tool["summary"].items():
            print(f"  {metric}: {_fmt(metric, value)}")
        for counter, counts in tool.get("counts", {}).items():
            if counts:
                top = ", ".join(f"{k} {v}" for k, v in list(counts.items())[:5])
                print(f"  {counter}: {top}")
    if data["insights"]:
        print()
        print(i18n.tr("cli.stats.insights"))
        for item in data["insights"]:
            print(f"  - {item.get(i18n.current()) or item['en']}")
