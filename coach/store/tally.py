"""The daily tally of the three weapons (三把武器): smile, praise, constructive question.

One row per local calendar day and kind in ``daily_tally``; counts never go
below zero. Days are ISO dates of the user's local calendar.
"""
from __future__ import annotations

from datetime import date, timedelta

from .models import DailyTally, db

KINDS = ("smile", "praise", "question")


def _check(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown tally kind {kind!r}")


def counts(day: date) -> dict[str, int]:
    """Counts of every kind on ``day`` (0 when nothing was recorded)."""
    out = dict.fromkeys(KINDS, 0)
    for row in DailyTally.select().where(DailyTally.day == day.isoformat()):
        if row.kind in out:
            out[row.kind] = row.count
    return out


def add(day: date, kind: str, delta: int = 1) -> int:
    """Change one count by ``delta`` (never below zero); returns the new count."""
    _check(kind)
    with db.atomic():
        row = DailyTally.get_or_none((DailyTally.day == day.isoformat()) & (DailyTally.kind == kind))
        current = row.count if row else 0
        new = max(0, current + int(delta))
        if row is None:
            if new:
                DailyTally.insert(day=day.isoformat(), kind=kind, count=new).execute()
        elif new:
            DailyTally.update(count=new).where(
                (DailyTally.day == row.day) & (DailyTally.kind == kind)).execute()
        else:
            DailyTally.delete().where(
                (DailyTally.day == row.day) & (DailyTally.kind == kind)).execute()
    return new


def days(end: date, n: int = 7) -> list[tuple[date, dict[str, int]]]:
    """The ``n`` days ending with ``end`` (oldest first), each with its counts."""
    start = end - timedelta(days=n - 1)
    by_day = {start + timedelta(days=i): dict.fromkeys(KINDS, 0) for i in range(n)}
    q = DailyTally.select().where((DailyTally.day >= start.isoformat())
                                  & (DailyTally.day <= end.isoformat()))
    for row in q:
        try:
            d = date.fromisoformat(row.day)
        except ValueError:
            continue
        if d in by_day and row.kind in KINDS:
            by_day[d][row.kind] = row.count
    return sorted(by_day.items())


def summary(end: date, n: int = 7) -> dict:
    """Totals per kind over the ``n`` days ending with ``end`` and on how many days
    at least one weapon was used."""
    window = days(end, n)
    totals = {k: sum(c[k] for _, c in window) for k in KINDS}
    active = sum(1 for _, c in window if any(c.values()))
    return {"totals": totals, "active_days": active, "days": n}


def rows(since: date | None = None, until: date | None = None) -> list[dict]:
    """Every stored count as ``{"day", "kind", "count"}``, oldest first; ``until`` inclusive."""
    q = DailyTally.select()
    if since is not None:
        q = q.where(DailyTally.day >= since.isoformat())
    if until is not None:
        q = q.where(DailyTally.day <= until.isoformat())
    return [{"day": r.day, "kind": r.kind, "count": r.count}
            for r in q.order_by(DailyTally.day, DailyTally.kind) if r.kind in KINDS and r.count > 0]


def raises(incoming: list[dict]) -> list[dict]:
    """The imported counts that are higher than the diary's for their day and kind.

    Counts merge by taking the higher one: a day counted in two places is not
    counted twice, and importing the same file again changes nothing."""
    local = {(r["day"], r["kind"]): r["count"] for r in rows()}
    best: dict[tuple[str, str], int] = {}
    for r in incoming:
        key = (r["day"], r["kind"])
        best[key] = max(best.get(key, 0), r["count"])
    return [{"day": d, "kind": k, "count": c} for (d, k), c in sorted(best.items())
            if c > local.get((d, k), 0)]


def write_counts(items: list[dict]) -> None:
    """Set the given counts (one transaction; the caller's, when inside one)."""
    with db.atomic():
        for r in items:
            DailyTally.replace(day=r["day"], kind=r["kind"], count=r["count"]).execute()
