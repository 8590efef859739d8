"""``coach tools``: the machine-readable contract of every tool's form."""
from __future__ import annotations

import json

from .. import i18n
from ..tools import assessments, registry


def register(sub) -> None:
    p = sub.add_parser("tools", help="list the course tools and their form specs")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    specs = list(registry().values())
    if args.format == "json":
        print(json.dumps({"tools": [s.to_json() for s in specs], "assessments": assessments()},
                         ensure_ascii=False, indent=2))
        return 0
    for spec in specs:
        print(f"{spec.key:12} v{spec.version}  {spec.name.get()}  —  {spec.summary.get()}")
        for section in spec.sections:
            keys = ", ".join(f"{f.key}:{f.kind}" for f in section.fields)
            print(f"    {section.label.get(i18n.current())}: {keys}")
    for a in assessments():
        modes = ", ".join(m["key"] for m in a["modes"])
        print(f"{a['key']:12} {a['items_count']} items  {a['name'][i18n.current()]}  —  modes: {modes}")
    return 0
