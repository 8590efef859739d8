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


def triangle(rng: random.Random, t: float, lang: str) -> dict:
    zh = lang == "zh_CN"
    full = rng.random() < 0.55 + 0.4 * t
    confirmed = rng.choices(["yes", "partly", "no"], [2 + 5 * t, 3, 3 - 2 * t])[0]
    return {
        "facts": "他说这周第三次催数据了。" if zh else "He said it was the third reminder this week.",
        "feelings": rng.sample(["anxiety", "frustration", "disappointment", "anger"],
                               rng.choice([1, 2])),
        "task_need": ("月底前拿到准确的数据。" if zh else "Accurate figures before month end.")
        if full else "",
        "emotional_needs": rng.sample(["respected", "heard", "safe", "clarity", "support"],
                                      rng.choice([1, 2])) if full or rng.random() < 0.4 else [],
        "reply": "我理解你很着急，我们周四前给你。" if zh else "I can see you're under pressure; you'll have it by Thursday.",
        "balance": _clamp(rng.gauss(2.6 + 1.8 * t, 0.8), 1, 5),
        "guess_confirmed": confirmed,
    }


TK_MODES = ("competing", "collaborating", "compromising", "avoiding", "accommodating")


def tk_conflict(rng: random.Random, t: float, lang: str) -> dict:
    zh = lang == "zh_CN"
    mode = rng.choices(TK_MODES, [3, 1 + 5 * t, 3, 5 - 3 * t, 2])[0]
    good = mode in ("collaborating", "compromising")
    me = _clamp(rng.gauss(3.2 + (0.8 if good else 0) + 0.5 * t, 0.9), 1, 5)
    them = _clamp(rng.gauss(3.0 + (0.9 if good else -0.3) + 0.5 * t, 0.9), 1, 5)
    return {
        "topic": "下单截止时间和装车时间冲突。" if zh else "Order cut-off time clashes with truck loading.",
        "stakes": rng.randint(2, 5), "relationship": rng.randint(2, 5),
        "time_pressure": rng.randint(1, 5), "mode_used": mode,
        "method": {"competing": "force", "collaborating": "collaborate",
                   "compromising": "compromise", "avoiding": "withdraw",
                   "accommodating": "smooth"}[mode],
        "outcome_me": me, "outcome_them": them,
        "relationship_after": "better" if me + them >= 8 else rng.choice(["same", "worse"]),
    }


PRECOMM_ITEMS = ("goal", "their_goals", "their_gain", "relationship", "facts", "channel",
                 "objections", "give_take", "emotion")


def precomm(rng: random.Random, t: float, lang: str) -> dict:
    zh = lang == "zh_CN"
    ready = 0.45 + 0.45 * t
    predicted = rng.randint(2, 4)
    before = rng.randint(1, 4)
    return {
        "my_emotion": _clamp(rng.gauss(45, 15)),
        "my_goal": "就新的交单时间达成一致。" if zh else "Agree on a new submission time.",
        "checklist": {k: ("done" if rng.random() < ready else
                          rng.choice(["open", "not_needed"])) for k in PRECOMM_ITEMS},
        "temp_before": before,
        "predicted_outcome": predicted,
        "recap_sent": rng.random() < 0.35 + 0.5 * t,
        "actual_outcome": _clamp(predicted + rng.gauss(0.3 + 0.6 * t, 0.9), 1, 5),
        "temp_after": _clamp(before + rng.gauss(0.2 + 0.7 * t, 0.7), 1, 5),
    }


def fivestar(rng: random.Random, t: float, lang: str) -> dict:
    zh = lang == "zh_CN"
    base = {"subject": 3.4, "logic": 3.0, "wording": 2.4, "emotion": 2.8, "interests": 2.6}
    out = {f"{k}_stars": _clamp(rng.gauss(v + 1.3 * t, 0.7), 1, 5) for k, v in base.items()}
    out.update({
        "subject": "请周五前确认新员工的电脑和账号。" if zh else "Please confirm laptops and accounts for the new hires by Friday.",
        "need": "周五 18:00 前确认。" if zh else "Confirm by Friday 18:00.",
        "message": "您好，想请您帮个忙……" if zh else "Hello, could you help us with…",
        "message_flags": max(0, round(rng.gauss(2.6 - 2.0 * t, 0.9))),
        "reply_hours": _clamp(rng.gauss(20 - 12 * t, 6), 1, 72),
        "granted": rng.choices(["yes", "partly", "no"], [2 + 5 * t, 3, 3 - 2 * t])[0],
    })
    return out


SAMPLERS: dict[str, Callable[[random.Random, float, str], dict]] = {
    "abcde": abcde, "triangle": triangle, "tk_conflict": tk_conflict, "precomm": precomm,
    "fivestar": fivestar,
}
# How often each tool is used (ABCDE and conflicts are the daily tools).
WEIGHTS = {"abcde": 4, "triangle": 2, "tk_conflict": 2, "precomm": 1.5, "fivestar": 1.5}


def seed_attempts(rng: random.Random, now: datetime, count: int = 3) -> None:
    """Finished TK self-assessments a few months apart, drifting towards collaborating."""
    from coach.store.models import TkAttempt
    from coach.tools import tk_instrument as instrument

    # A real questionnaire each time (an order, an answer per item, the scores they
    # give), so the data also passes export and import. Each pair is settled by a
    # preference that drifts towards collaborating and away from avoiding.
    start = dict(zip(TK_MODES, [9, 6, 7, 5, 3]))
    drift = dict(zip(TK_MODES, [1, 2, 0, -2, -1]))
    for i in range(count):
        weight = {m: start[m] + drift[m] * i for m in TK_MODES}
        order = instrument.new_order(rng)
        answers = {}
        for item_id, _swapped in order:
            a, b = instrument.ITEMS_BY_ID[item_id].modes()
            answers[str(item_id)] = a if rng.random() < weight[a] / (weight[a] + weight[b]) else b
        when = now - timedelta(days=300 - 120 * i)
        TkAttempt.create(uuid=str(uuid.UUID(int=rng.getrandbits(128))), started_at=when,
                         finished_at=when + timedelta(minutes=12), order=json.dumps(order),
                         answers=json.dumps(answers, sort_keys=True),
                         scores=json.dumps(instrument.score(answers), sort_keys=True))


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
            tool = rng.choices(keys, [WEIGHTS.get(k, 1) for k in keys])[0]
            data = SAMPLERS[tool](rng, t, lang)
            stamp = when.isoformat(timespec="microseconds")
            rows.append({"uuid": str(uuid.UUID(int=rng.getrandbits(128))), "tool": tool,
                         "spec_version": registry()[tool].version, "status": "complete",
                         "title": "", "data": json.dumps(data, ensure_ascii=False),
                         "search_text": "", "created_at": stamp, "updated_at": stamp})
        first_id = (Entry.select(Entry.id).order_by(Entry.id.desc()).scalar() or 0) + 1
        for chunk in range(0, len(rows), 500):
            Entry.insert_many(rows[chunk:chunk + 500]).execute()
        for i, row in enumerate(rows):
            if row["tool"] == "tk_conflict":
                # conflicts cluster: avoiding mostly with the first department (e.g. Finance)
                mode = json.loads(row["data"])["mode_used"]
                pick = people[0] if mode == "avoiding" and rng.random() < 0.7 else rng.choice(people)
                links.append((first_id + i, pick))
            elif rng.random() < 0.6:
                links.append((first_id + i, rng.choice(people)))
        for chunk in range(0, len(links), 500):
            EntryPerson.insert_many(links[chunk:chunk + 500],
                                    fields=[EntryPerson.entry, EntryPerson.person]).execute()
        if "tk_conflict" in keys:
            seed_attempts(rng, now)
    return n
