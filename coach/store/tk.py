"""Attempts at the conflict-mode self-assessment (table ``tk_attempt``).

Every answer is written the moment it is given, so an attempt left halfway
(page closed, app quit, crash) resumes at the first unanswered item. An
attempt stores its asked order with the A/B swap flags, the answers
(item id -> chosen mode) and, once finished, the raw scores.

:func:`export_attempts` / :func:`import_attempts` turn attempts into plain
dicts and back (for JSON export/import); importing validates everything and
skips attempts whose uuid is already in the diary.
"""
from __future__ import annotations

import json
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from ..tools import tk_instrument as instrument
from .models import TkAttempt, db, utcnow


class AttemptError(ValueError):
    pass


@dataclass
class Attempt:
    uuid: str
    order: list[list]  # [[item_id, swapped], …] in asked order
    answers: dict[str, str] = field(default_factory=dict)  # item id (str) -> mode
    scores: dict[str, int] = field(default_factory=dict)  # mode -> 0..12 once finished
    started_at: datetime | None = None
    finished_at: datetime | None = None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def position(self) -> int:
        """Index of the first unanswered item (30 when every item is answered)."""
        return instrument.next_unanswered(self.order, self.answers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "order": [[int(i), bool(s)] for i, s in self.order],
            "answers": dict(self.answers),
            "scores": dict(self.scores),
        }


def _loads(raw: str, default):
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return default
    return value if isinstance(value, type(default)) else default


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _record(row: TkAttempt) -> Attempt:
    return Attempt(uuid=row.uuid, order=_loads(row.order, []), answers=_loads(row.answers, {}),
                   scores=_loads(row.scores, {}), started_at=row.started_at,
                   finished_at=row.finished_at)


def start(order: list[list] | None = None) -> Attempt:
    """Begin a new attempt with a fresh A/B shuffle (or the given order)."""
    order = order if order is not None else instrument.new_order()
    if not instrument.valid_order(order):
        raise AttemptError("invalid order")
    with db.atomic():
        row = TkAttempt.create(uuid=str(uuidlib.uuid4()), started_at=utcnow(), order=_dumps(order))
    return _record(row)


def get(uuid: str) -> Attempt:
    row = TkAttempt.get_or_none(TkAttempt.uuid == uuid)
    if row is None:
        raise KeyError(uuid)
    return _record(row)


def unfinished() -> Attempt | None:
    """The most recently started attempt that is not finished, if any."""
    row = (TkAttempt.select().where(TkAttempt.finished_at.is_null(True))
           .order_by(TkAttempt.started_at.desc(), TkAttempt.id.desc()).first())
    return _record(row) if row else None


def finished() -> list[Attempt]:
    """Finished attempts, oldest first."""
    q = (TkAttempt.select().where(TkAttempt.finished_at.is_null(False))
         .order_by(TkAttempt.finished_at, TkAttempt.id))
    return [_record(r) for r in q]


def latest_finished() -> Attempt | None:
    done = finished()
    return done[-1] if done else None


def previous(attempt: Attempt) -> Attempt | None:
    """The finished attempt before ``attempt`` (for the change since last time)."""
    earlier = [a for a in finished() if a.uuid != attempt.uuid
               and (attempt.finished_at is None or a.finished_at <= attempt.finished_at)]
    return earlier[-1] if earlier else None


def answer(uuid: str, item_id: int, mode: str) -> Attempt:
    """Record (or change) one answer at once; finished attempts cannot change."""
    item = instrument.ITEMS_BY_ID.get(int(item_id))
    if item is None or mode not in item.modes():
        raise AttemptError(f"item {item_id}: invalid answer {mode!r}")
    with db.atomic():
        row = TkAttempt.get_or_none(TkAttempt.uuid == uuid)
        if row is None:
            raise KeyError(uuid)
        if row.finished_at is not None:
            raise AttemptError("attempt already finished")
        answers = _loads(row.answers, {})
        answers[str(item.id)] = mode
        TkAttempt.update(answers=_dumps(answers)).where(TkAttempt.id == row.id).execute()
        row.answers = _dumps(answers)
    return _record(row)


def finish(uuid: str) -> Attempt:
    """Score a complete attempt and mark it finished."""
    with db.atomic():
        row = TkAttempt.get_or_none(TkAttempt.uuid == uuid)
        if row is None:
            raise KeyError(uuid)
        answers = _loads(row.answers, {})
        if not instrument.is_complete(answers):
            raise AttemptError("not every item is answered")
        scores = instrument.score(answers)
        now = utcnow()
        TkAttempt.update(scores=_dumps(scores), finished_at=now).where(TkAttempt.id == row.id).execute()
    return get(uuid)


def discard(uuid: str) -> None:
    """Delete an unfinished attempt (starting over). Finished ones are kept."""
    with db.atomic():
        TkAttempt.delete().where((TkAttempt.uuid == uuid) & TkAttempt.finished_at.is_null(True)).execute()


def delete(uuid: str) -> None:
    with db.atomic():
        TkAttempt.delete().where(TkAttempt.uuid == uuid).execute()


# --- export / import -----------------------------------------------------------------

def export_attempts() -> list[dict[str, Any]]:
    """Every attempt (finished or not) as a plain dict, oldest first."""
    q = TkAttempt.select().order_by(TkAttempt.started_at, TkAttempt.id)
    return [_record(r).to_dict() for r in q]


def _parse_time(value, what: str) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise AttemptError(f"{what}: not an ISO date-time") from None


def validate_attempt(data: Any) -> Attempt:
    """An Attempt from a dict made by :func:`export_attempts`, or AttemptError."""
    if not isinstance(data, dict):
        raise AttemptError("an attempt must be an object")
    uid = data.get("uuid")
    if not isinstance(uid, str) or not uid.strip():
        raise AttemptError("uuid missing")
    order = data.get("order")
    if not instrument.valid_order(order):
        raise AttemptError(f"{uid}: invalid order")
    answers = data.get("answers") or {}
    if not isinstance(answers, dict):
        raise AttemptError(f"{uid}: answers must be an object")
    try:
        scores = instrument.score(answers)
    except instrument.ScoringError as exc:
        raise AttemptError(f"{uid}: {exc}") from None
    started = _parse_time(data.get("started_at"), uid) or utcnow()
    done = _parse_time(data.get("finished_at"), uid)
    if done is not None:
        if not instrument.is_complete(answers):
            raise AttemptError(f"{uid}: finished but not every item is answered")
        given = data.get("scores")
        if given and {m: given.get(m) for m in instrument.MODES} != scores:
            raise AttemptError(f"{uid}: scores do not match the answers")
    return Attempt(uuid=uid, order=[[int(i), bool(s)] for i, s in order],
                   answers={str(k): v for k, v in answers.items()},
                   scores=scores if done else {}, started_at=started, finished_at=done)


def import_attempts(items: Iterable[dict]) -> tuple[int, int]:
    """Add attempts from dicts; returns (added, skipped as already present).

    All or nothing: every dict is validated before anything is written, and
    the writes share one transaction.
    """
    parsed = [validate_attempt(d) for d in items]
    added = skipped = 0
    with db.atomic():
        for a in parsed:
            if TkAttempt.select().where(TkAttempt.uuid == a.uuid).exists():
                skipped += 1
                continue
            TkAttempt.create(uuid=a.uuid, started_at=a.started_at, finished_at=a.finished_at,
                             order=_dumps(a.order), answers=_dumps(a.answers),
                             scores=_dumps(a.scores))
            added += 1
    return added, skipped
