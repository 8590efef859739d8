"""Practice activity for points and streaks: what was done, never how it went."""
from __future__ import annotations

from datetime import datetime

from .models import Entry, FollowUp


def practice_events() -> list[tuple[datetime, str]]:
    """(when, kind) for every completed entry and every closed follow-up.

    Kinds: "entry" (an entry completed, dated by when it was written) and
    "followup" (a follow-up marked done). Entries in the Trash do not count.
    """
    events: list[tuple[datetime, str]] = []
    q = Entry.select(Entry.created_at).where((Entry.status == "complete") & Entry.deleted_at.is_null(True))
    events += [(row.created_at, "entry") for row in q]
    q = (FollowUp.select(FollowUp.done_at).join(Entry)
         .where(FollowUp.done_at.is_null(False) & Entry.deleted_at.is_null(True)))
    events += [(row.done_at, "followup") for row in q]
    return sorted(events)
