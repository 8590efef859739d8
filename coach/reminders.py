"""Reminders: the user's own weekly ones plus what the diary itself knows is due.

- weekly reminders: weekdays, a time and a text (e.g. weekday evenings
  "reflect on today's conversations"), stored as data in the settings;
- follow-ups that are overdue or due today;
- conversation plans whose follow-up date is today or tomorrow;
- homework assignments due within two days and not done yet.

Everything here is pure or reads through the store; the UI shows the list on
Home at start and as desktop notifications while the app runs. There is no
background service outside the app.
"""
from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from . import i18n

SETTING = "reminders"
SETTING_FIRED = "reminders.fired"  # reminder id -> ISO date it last fired
SETTING_NOTIFY = "reminders.notify"


@dataclass
class Reminder:
    id: str
    weekdays: list[int]  # 0 = Monday
    at: str  # "HH:MM" local time
    text: str

    def to_dict(self) -> dict:
        return {"id": self.id, "weekdays": sorted(set(self.weekdays)), "at": self.at, "text": self.text}

    def time(self) -> time:
        hh, mm = self.at.split(":")
        return time(int(hh), int(mm))


def from_dict(d: dict) -> Reminder | None:
    try:
        days = [int(x) for x in d.get("weekdays") or [] if 0 <= int(x) <= 6]
        r = Reminder(str(d.get("id") or uuidlib.uuid4().hex), days, str(d.get("at") or "18:00"),
                     str(d.get("text") or ""))
        r.time()
    except (TypeError, ValueError):
        return None
    return r if r.weekdays else None


def new_reminder(weekdays: list[int], at: str, text: str) -> Reminder:
    r = Reminder(uuidlib.uuid4().hex, sorted(set(weekdays)), at, text.strip())
    r.time()  # raises ValueError on a bad time
    if not r.weekdays:
        raise ValueError("no weekday")
    return r


def load() -> list[Reminder]:
    from .store import settings

    return [r for r in (from_dict(d) for d in settings.get(SETTING) or [] if isinstance(d, dict)) if r]


def save_all(reminders: list[Reminder]) -> None:
    from .store import settings

    settings.set(SETTING, [r.to_dict() for r in reminders])


def due_now(reminders: list[Reminder], now: datetime, fired: dict[str, str]) -> list[Reminder]:
    """Weekly reminders whose time has come today and that have not fired today."""
    today = now.date().isoformat()
    return [r for r in reminders
            if now.weekday() in r.weekdays and now.time() >= r.time() and fired.get(r.id) != today]


def later_today(reminders: list[Reminder], now: datetime) -> list[Reminder]:
    return sorted((r for r in reminders if now.weekday() in r.weekdays and now.time() < r.time()),
                  key=lambda r: r.at)


def reminder_text(r: Reminder, lang: str | None = None) -> str:
    return r.text or i18n.tr("reminders.default_text", lang=lang)


@dataclass
class Item:
    kind: str  # weekly | followups | plan | homework
    text: str


def today_items(now: datetime, lang: str | None = None) -> list[Item]:
    """What Home lists at start: today's reminders and what the diary says is due."""
    from .store import entries as store

    items: list[Item] = []
    today = now.date()
    reminders = load()
    for r in later_today(reminders, now):
        items.append(Item("weekly", i18n.tr("reminders.item_weekly", lang=lang, at=r.at,
                                            text=reminder_text(r, lang))))
    open_followups = store.followups()
    overdue = [f for f in open_followups if f.overdue(today)]
    due_today = [f for f in open_followups if f.due_date == today.isoformat()]
    if overdue or due_today:
        items.append(Item("followups", i18n.tr("reminders.item_followups", lang=lang,
                                               overdue=len(overdue), today=len(due_today))))
    soon = {today.isoformat(), (today + timedelta(days=1)).isoformat()}
    for rec in store.query(tool="precomm"):
        when = rec.data.get("followup_date")
        if isinstance(when, str) and when in soon:
            key = "reminders.item_plan_today" if when == today.isoformat() else "reminders.item_plan_tomorrow"
            items.append(Item("plan", i18n.tr(key, lang=lang, title=rec.display_title(lang) or "—")))
    items += _homework_items(today, lang)
    return items


def _homework_items(today: date, lang: str | None) -> list[Item]:
    try:
        from . import homework
    except ImportError:  # pragma: no cover - homework packs not part of this build
        return []
    op = homework.current()
    if op is None:
        return []
    out = []
    for p in homework.progress(op, today):
        a = p.assignment
        if p.complete or a.due is None or a.due > today + timedelta(days=2):
            continue
        key = "reminders.item_homework_overdue" if a.due < today else "reminders.item_homework_due"
        out.append(Item("homework", i18n.tr(key, lang=lang, prompt=a.prompt.get(lang), done=p.done,
                                            required=p.required, due=i18n.format_date(a.due, lang))))
    return out
