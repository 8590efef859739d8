"""The ``coach-export`` JSON document (version 1), complete and lossless.

See docs/export-format.md. People are referred to by a key that is local to
the file ("p1", "p2", … in the diary's order), so a file means the same thing
in any diary; importing matches people by name and department.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

from .. import __version__, custom
from . import FORMAT, VERSION
from ..store.entries import without_nul
from .selection import Bundle


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the UTC offset, microseconds kept (lossless)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def build(bundle: Bundle, exported_at: datetime | None = None) -> dict:
    key_of = {p.id: f"p{i + 1}" for i, p in enumerate(bundle.people)}
    people = [{
        "key": key_of[p.id], "name": p.name, "department": p.department,
        "customer_type": p.customer_type, "note": p.note, "archived": p.archived,
        "created_at": iso(p.created_at),
    } for p in bundle.people]
    entries = []
    for e in bundle.entries:
        entries.append({
            "uuid": e.uuid,
            "tool": e.tool,
            "spec_version": e.spec_version,
            "status": e.status,
            "created_at": iso(e.created_at),
            "updated_at": iso(e.updated_at),
            "deleted_at": iso(e.deleted_at),
            "title": e.title,
            "tags": list(e.tags),
            "people": [key_of[p] for p in e.people if p in key_of],
            "follows": e.follows,
            "data": e.data,
            "followups": [{"key": m["key"], "done_at": iso(m["done_at"])}
                          for m in bundle.marks.get(e.uuid, [])],
        })
    tk = [{
        "uuid": t["uuid"], "started_at": iso(t["started_at"]), "finished_at": iso(t["finished_at"]),
        "order": t["order"], "answers": t["answers"], "scores": t["scores"],
    } for t in bundle.tk_attempts]
    # a diary written before NULs were dropped on save may still hold some;
    # the file must import again, and the importer refuses them
    return without_nul({
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "exported_at": iso(exported_at or datetime.now(timezone.utc)),
        "entries": entries,
        "people": people,
        "tk_attempts": tk,
        "prompts": bundle.prompts or custom.empty(),
        "wording_words": bundle.wording_words,
        "tally": bundle.tally,
    })


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
