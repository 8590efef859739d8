"""What to export: a filter, and the entries, people and TK attempts it selects."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Sequence

from ..store import transfer
from ..store.entries import EntryRecord


TK_TOOL = "tk_conflict"  # the tool whose self-assessments live in tk_attempt


@dataclass
class Selection:
    """A filter. Empty fields mean "everything"; ``until`` is inclusive (a day)."""

    tools: list[str] = field(default_factory=list)
    since: date | None = None
    until: date | None = None
    uuids: list[str] | None = None  # chosen entries (e.g. from the Journal)
    include_deleted: bool = False
    status: str | None = None

    @property
    def is_everything(self) -> bool:
        return not self.tools and self.since is None and self.until is None and self.uuids is None \
            and self.status is None


@dataclass
class Bundle:
    """The data an export writes: entries oldest first, their people, TK attempts."""

    selection: Selection
    entries: list[EntryRecord]
    people: list[transfer.PersonRow]
    marks: dict[str, list[dict]]
    tk_attempts: list[dict]
    prompts: dict = field(default_factory=dict)  # the user's own prompts (custom.normalise form)
    wording_words: list[dict] = field(default_factory=list)  # own wording-check words
    tally: list[dict] = field(default_factory=list)  # three-weapons counts per day

    def specs(self) -> dict:
        """The tools' forms with the user's own items and questions, to label answers."""
        from .. import custom

        return custom.customised_specs(self.prompts)

    def period(self) -> tuple[datetime | None, datetime | None]:
        if not self.entries:
            return None, None
        return self.entries[0].created_at, self.entries[-1].created_at


def _local_start(d: date) -> datetime:
    return datetime.combine(d, time.min).astimezone()


def collect(selection: Selection) -> Bundle:
    """Read what ``selection`` names from the open diary."""
    since = _local_start(selection.since) if selection.since else None
    until = _local_start(selection.until + timedelta(days=1)) if selection.until else None
    entries = transfer.select_entries(
        tools=selection.tools or None, since=since, until=until, uuids=selection.uuids,
        include_deleted=selection.include_deleted, status=selection.status)
    if selection.is_everything:
        people = transfer.people_rows()
        tk = transfer.tk_attempt_rows()
    else:
        # a partial export carries only the people its entries name, and TK attempts
        # only when it is not limited to chosen entries or other tools
        people = transfer.people_rows({p for e in entries for p in e.people})
        tk = [t for t in transfer.tk_attempt_rows() if _in_period(t["started_at"], since, until)] \
            if selection.uuids is None and (not selection.tools or TK_TOOL in selection.tools) else []
    marks = transfer.followup_marks([e.uuid for e in entries])
    # own prompts and words are small and entries may use them: every export has them
    from .. import custom, wording
    from ..store import settings, tally

    # the tally belongs to no tool: exports of the whole diary or a period carry it
    counts = tally.rows(selection.since, selection.until) \
        if selection.uuids is None and not selection.tools and selection.status is None else []
    return Bundle(selection, entries, people, marks, tk, custom.load(),
                  wording.clean_custom(settings.get(wording.SETTING) or []), counts)


def _in_period(moment: datetime | None, since: datetime | None, until: datetime | None) -> bool:
    if moment is None:
        return False
    return (since is None or moment >= since) and (until is None or moment < until)


def parse_day(text: str) -> date:
    """A CLI date: YYYY-MM-DD (raises ValueError with a readable message)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(text) from None


def tools_in(entries: Sequence[EntryRecord]) -> list[str]:
    return list(dict.fromkeys(e.tool for e in entries))
