"""Realistic seeded diaries for the dashboard benchmark, snapshots and tests.

``seed(n, days=…, seed=…)`` bulk-inserts ``n`` completed entries spread over
the last ``days`` days (one transaction), with people from a few departments
linked to them. Samplers are keyed by tool key; a tool that is not installed
is skipped, so this works whichever tools have landed. Values drift the way a
learner improves: emotions ease more after reframing, red-light thoughts get
rarer, win-win outcomes and granted requests get more frequent.
"""
from __future__ import annotations

import json
import random
import uuid
from datetime import datetime, timedelta, timezone
from typing import Callable

DEPARTMENTS = {
    "zh_CN": ["财务部", "销售部", "研发部", "人力资源部", "采购部"],
    "en": ["Finance", "Sales", "R&D", "HR", "Purchasing"],
}
NAMES = {
    "zh_CN": ["王姐", "李工", "张经理", "陈主管", "刘总", "赵会计", "孙助理"],
    "en": ["Wang", "Li", "Zhang", "Chen", "Liu", "Zhao", "Sun"],
}


def _clamp(v: float, lo: int = 0, hi: int = 100) -> int:
    return int(max(lo, min(hi, round(v))))


def abcde(rng: random.Random, t: float, lang: str) -> dict:
    """``t`` runs from 0 (oldest) to 1 (newest)."""
    emotions = []
    for key in rng.sample(["anger", "anxiety", "wronged", "frustration", "disappointment",
                           "embarrassment", "guilt"], rng.choice([1, 2, 2, 3])):
        before = _clamp(rng.gauss(68, 12), 20, 100)
        drop = rng.gauss(12 + 26 * t, 9)
        emotions.append({"emotion": key, "intensity": before, "after": _clamp(before - drop)})
    belief = _clamp(rng.gauss(78, 10), 30, 100)
    weights = [5, 3, 2, 4, 6 - 3 * t]
    patterns = sorted({rng.choices(["demands", "catastrophising", "low_tolerance",
                                    "overgeneralising", "mind_reading"], weights)[0]
                       for _ in range(rng.choice([1, 1, 2, 3]))})
    zh = lang == "zh_CN"
    return {
        "event": "周会上同事说我们的数据又晚交了。" if zh else "In the weekly meeting a colleague said our data was late again.",
        "emotions": emotions,
        "belief": "他们总是针对我们。" if zh else "They always pick on us.",
        "belief_strength": belief,
        "patterns": patterns,
        "red_light": rng.random() < 0.7 - 0.45 * t,
        "balanced_thought": "这是一个可以解决的流程问题。" if zh else "This is a process problem I can fix.",
        "belief_strength_after": _clamp(belief - rng.gauss(15 + 30 * t, 10)),
        "next_step": "和对方约时间确认交付日期。" if zh else "Agree a delivery date with them.",
    }


SAMPLERS: dict[str, Callable[[random.Random, float, str], dict]] = {"abcde": abcde}


def seed(n: int, *, days: int = 365, seed: int = 7, lang: str = "zh_CN",
         now: datetime | None = None, tools: list[str] | None = None) -> int:
    """Insert ``n`` completed entries of the installed tools (one transaction)."""
    from coach.store.models import Entry, EntryPerson, Person, db
    from coach.tools import registry

    rng = random.Random(seed)
    now = now or datetime.now(timezone.utc)
    keys = [k for k in (tools or list(SAMPLERS)) if k in registry() and k in SAMPLERS]
    if not keys:
        return 0
    with db.atomic():
        people = []
        for i, name in enumerate(NAMES[lang]):
            dept = DEPARTMENTS[lang][i % len(DEPARTMENTS[lang])]
            people.append(Person.create(name=name, department=dept, customer_type="function",
                                        created_at=now).id)
        rows, links = [], []
        for i in range(n):
            # more practice lately: the density grows towards now
            age = days * (1 - rng.random() ** 0.8)
            when = now - timedelta(days=age, minutes=rng.randint(0, 600))
            t = 1 - age / days
            tool = rng.choice(keys)
            data = SAMPLERS[tool](rng, t, lang)
            stamp = when.isoformat(timespec="microseconds")
            rows.append({"uuid": str(uuid.UUID(int=rng.getrandbits(128))), "tool": tool,
                         "spec_version": registry()[tool].version, "status": "complete",
                         "title": "", "data": json.dumps(data, ensure_ascii=False),
                         "search_text": "", "created_at": stamp, "updated_at": stamp})
        first_id = (Entry.select(Entry.id).order_by(Entry.id.desc()).scalar() or 0) + 1
        for chunk in range(0, len(rows), 500):
            Entry.insert_many(rows[chunk:chunk + 500]).execute()
        for i in range(n):
            if rng.random() < 0.6:
                links.append((first_id + i, rng.choice(people)))
        for chunk in range(0, len(links), 500):
            EntryPerson.insert_many(links[chunk:chunk + 500],
                                    fields=[EntryPerson.entry, EntryPerson.person]).execute()
    return n
