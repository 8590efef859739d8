"""``coach search QUERY``: the entries matching a search, same engine as the Journal."""
from __future__ import annotations

import json

from .. import i18n
from . import opened_store


def register(sub) -> None:
    p = sub.add_parser("search", help="find entries by words in any text field (trash excluded)")
    p.add_argument("query", nargs="+", help="words that must all occur (any case; Chinese too)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--limit", type=int, default=None, help="show at most this many")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..store import search

    query = " ".join(args.query)
    with opened_store(args, write=False):  # reading only: fine while the app is open
        hits = search.search(query, limit=args.limit)
    if args.format == "json":
        print(json.dumps({"query": query, "count": len(hits),
                          "entries": [h.to_json() for h in hits]},
                         ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(i18n.tr("cli.search.none", query=query))
        return 0
    for h in hits:
        title = h.title or i18n.tr("entry.untitled")
        print(f"{h.uuid}  {h.tool:10} {h.created_at.astimezone():%Y-%m-%d %H:%M}  {title}")
        if h.snippet and h.snippet != h.title:
            print(f"    {h.snippet}")
    print(i18n.tr_count("cli.search.count", len(hits)))
    return 0
