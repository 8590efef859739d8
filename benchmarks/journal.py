#!/usr/bin/env python3
"""Journal benchmark: search, list and filter over 20,000 realistic bilingual entries.

    python benchmarks/journal.py [--entries 20000] [--repeat 15]

Seeds a temporary diary in one transaction (about 0.5-1 KB of Chinese or
English text per entry, tags and people as a real diary would have them),
then reports the median time of each query and its ratio to a baseline
measured in the same run (a plain ``SELECT COUNT(*) FROM entry``).
Target: the search query itself below 30 ms.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ZH = {
    "who": ["财务部的王姐", "采购部的李工", "生产部门的张主管", "IT 部门的小陈", "人力资源部的刘经理",
            "销售部的赵总", "质量部的孙工", "物流部的周师傅", "法务部的吴律师", "研发部的郑博士"],
    "what": ["说我们的报销单又延期了", "在周会上当众质疑我们的数据", "临时改了交付排程",
             "拒绝了我们的加急申请", "要求我们重新提交预算表", "没有回复我发的三封邮件",
             "把项目延期的责任推给了我们部门", "在群里催我们今天下班前交材料",
             "说我们的需求文档写得不清楚", "取消了已经约好的评审会"],
    "feel": ["我当时很委屈，觉得自己被针对了。", "我很焦虑，担心领导会怎么看我们。",
             "我有点生气，当场就想反驳。", "我觉得挫败，这已经是第三次了。",
             "我很尴尬，会议室里一下子安静了。"],
    "belief": ["他们就是不理解我们有多忙，总是把问题推给我们。", "如果这次又出错，领导一定会认为我能力不行。",
               "跨部门合作从来都是我们吃亏。", "对方必须按时配合，否则整个项目都会失败。",
               "他肯定是故意为难我们部门。"],
    "against": ["上个月对方也帮我们解决过一次紧急问题。", "数据确实晚交了两次，这是事实。",
                "对方也有自己的考核压力和截止日期。", "其他部门也收到了同样的提醒，并不是只针对我们。",
                "我没有直接问过他真实的原因。"],
    "balanced": ["对方需要按时拿到材料才能完成月结，这是一个可以解决的流程问题。",
                 "我可以先了解对方的需求，再一起商量一个可行的时间表。",
                 "这次的冲突是关于事情的，不是关于我这个人的。"],
    "next": ["周四上午约对方喝杯咖啡，问清楚他们需要的截止时间。", "会后给对方发一封会议纪要，列明行动项和负责人。",
             "下次提交前三天设置团队提醒。", "先做一次 ABCDE 练习再去沟通。"],
}
EN = {
    "who": ["Wang from Finance", "Li in Procurement", "the production supervisor", "Chen from IT",
            "the HR manager", "the head of Sales", "Sun in Quality", "the logistics lead",
            "our legal counsel", "Dr Zheng in R&D"],
    "what": ["said our expense reports were late again", "questioned our numbers in the weekly meeting",
             "changed the delivery schedule at short notice", "turned down our rush request",
             "asked us to resubmit the budget sheet", "did not answer my three emails",
             "blamed the project delay on our department", "pushed us in the group chat to send the files today",
             "said our requirements document was unclear", "cancelled the review meeting we had agreed on"],
    "feel": ["I felt wronged, as if I had been singled out.", "I was anxious about what my manager would think.",
             "I was angry and wanted to hit back on the spot.", "I felt frustrated; it was the third time.",
             "I was embarrassed; the room went quiet."],
    "belief": ["They never understand how busy we are and always push problems onto us.",
               "If this goes wrong again my boss will think I am not good enough.",
               "Cross-department work always ends with us paying the price.",
               "They must deliver on time or the whole project fails.",
               "He is deliberately making life hard for our team."],
    "against": ["Last month they helped us out with an urgent issue.", "The data really was late twice.",
                "They have their own targets and deadlines to meet.",
                "Other departments got the same reminder; it was not about us.",
                "I never asked him what the real reason was."],
    "balanced": ["They need the material on time to close the month; that is a process problem I can fix.",
                 "I can first find out what they need, then agree a timetable together.",
                 "The conflict was about the work, not about me as a person."],
    "next": ["Have a coffee with them on Thursday morning and ask which deadline they need.",
             "Send meeting notes after the call with owners and due dates for each action.",
             "Set a team reminder three days before the next submission.",
             "Do an ABCDE exercise before the conversation."],
}
TAGS = ["财务", "预算", "周会", "交付", "finance", "budget", "weekly", "delivery", "escalation", "复盘",
        "Q1", "Q2", "Q3", "Q4", "客户投诉", "onboarding", "vendor", "跨部门", "1:1", "review"]
PEOPLE = [("王姐", "财务部"), ("李工", "采购部"), ("张主管", "生产部"), ("小陈", "IT 部"), ("刘经理", "人力资源部"),
          ("Zhao", "Sales"), ("Sun", "Quality"), ("Zhou", "Logistics"), ("Wu", "Legal"), ("Zheng", "R&D"),
          ("Alice", "Finance"), ("Bob", "IT"), ("Carol", "HR"), ("Dave", "Operations"), ("Eve", "Sales")]


def make_data(rng: random.Random) -> dict:
    pool = ZH if rng.random() < 0.6 else EN
    sep = "" if pool is ZH else " "
    event = sep.join([rng.choice(pool["who"]) + ("" if pool is ZH else " ") + rng.choice(pool["what"])
                      + ("。" if pool is ZH else "."), rng.choice(pool["feel"])])
    return {
        "event": event,
        "emotions": [{"emotion": rng.choice(["anger", "anxiety", "wronged", "frustration"]),
                      "intensity": rng.randint(30, 95), "after": rng.randint(5, 60)}],
        "action": rng.choice(pool["feel"]),
        "belief": rng.choice(pool["belief"]),
        "belief_strength": rng.randint(40, 95),
        "patterns": rng.sample(["demands", "catastrophising", "low_tolerance", "overgeneralising",
                                "mind_reading"], 2),
        "red_light": rng.random() < 0.5,
        "evidence_for": rng.choice(pool["what"]),
        "evidence_against": sep.join(rng.sample(pool["against"], 3)),
        "helpful": rng.choice(["yes", "partly", "no"]),
        "green_thought": rng.choice(pool["against"]),
        "balanced_thought": sep.join(rng.sample(pool["balanced"], 2)),
        "belief_strength_after": rng.randint(10, 50),
        "next_step": rng.choice(pool["next"]),
    }


def seed(n: int, rng: random.Random) -> float:
    from coach.store import entries as store
    from coach.store.models import Entry, EntryPerson, EntryTag, Person, Tag, db

    started = time.perf_counter()
    start_day = datetime.now(timezone.utc) - timedelta(days=730)
    with db.atomic():
        person_ids = [Person.create(name=name, department=dept,
                                    customer_type=rng.choice(["rank", "function", "process"])).id
                      for name, dept in PEOPLE]
        names = {pid: PEOPLE[i][0] for i, pid in enumerate(person_ids)}
        tag_ids = {t: Tag.create(name=t).id for t in TAGS}
        entries, tag_links, person_links = [], [], []
        for i in range(n):
            data = make_data(rng)
            tags = rng.sample(TAGS, rng.randint(0, 3))
            people = rng.sample(person_ids, rng.randint(0, 2))
            rec = store.EntryRecord(uuid=store.new_uuid(), tool="abcde", data=data, tags=tags,
                                    people=people, status=rng.choice(["draft", "complete", "complete"]))
            when = start_day + timedelta(minutes=i * 730 * 24 * 60 // n)
            entries.append(dict(
                id=i + 1, uuid=rec.uuid, tool="abcde", status=rec.status, title="",
                data=store._dumps(data), search_text=store._search_text(rec, [names[p] for p in people]),
                created_at=when, updated_at=when, deleted_at=(when if rng.random() < 0.02 else None)))
            tag_links += [(i + 1, tag_ids[t]) for t in tags]
            person_links += [(i + 1, p) for p in people]
        for chunk in range(0, n, 500):
            Entry.insert_many(entries[chunk:chunk + 500]).execute()
        for chunk in range(0, len(tag_links), 2000):
            EntryTag.insert_many(tag_links[chunk:chunk + 2000],
                                 fields=[EntryTag.entry, EntryTag.tag]).execute()
        for chunk in range(0, len(person_links), 2000):
            EntryPerson.insert_many(person_links[chunk:chunk + 2000],
                                    fields=[EntryPerson.entry, EntryPerson.person]).execute()
    return time.perf_counter() - started


def median_ms(fn, repeat: int) -> tuple[float, object]:
    result = fn()  # warm up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    from coach.store import close_database, open_database
    from coach.store import search
    from coach.store.models import db
    from coach.store.search import Filter

    tmp = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    database = open_database(tmp / "coach.sqlite3")
    rng = random.Random(20260101)
    seconds = seed(args.entries, rng)
    size = db.execute_sql("SELECT AVG(LENGTH(CAST(search_text AS BLOB))) FROM entry").fetchone()[0]
    print(f"seeded {args.entries:,} entries in {seconds:.2f} s "
          f"(search text ≈ {size:.0f} bytes each) at {tmp}")
    assert search.index_is_consistent()

    base, _ = median_ms(lambda: db.execute_sql("SELECT COUNT(*) FROM entry").fetchone(), args.repeat)
    scan, _ = median_ms(lambda: db.execute_sql(
        "SELECT id, uuid, tool, status, created_at FROM entry").fetchall(), args.repeat)
    wang = db.execute_sql("SELECT id FROM person WHERE name = '王姐'").fetchone()[0]
    today = date.today()
    loaded = search.find(Filter())
    cases = [
        ("search ids, 3+ chars FTS '报销单'", lambda: search.count_matches("报销单")),
        ("search ids, 2 chars LIKE '部门'", lambda: search.count_matches("部门")),
        ("search ids, 2 chars LIKE '延期'", lambda: search.count_matches("延期")),
        ("search ids, English word 'budget'", lambda: search.count_matches("budget")),
        ("search ids, English 'BUDGET sheet'", lambda: search.count_matches("BUDGET sheet")),
        ("search ids, rare 4+ chars '三封邮件'", lambda: search.count_matches("三封邮件")),
        ("search rows, FTS '报销单'", lambda: search.find(Filter(query="报销单"))),
        ("search rows, LIKE '延期'", lambda: search.find(Filter(query="延期"))),
        ("search rows, 'budget'", lambda: search.find(Filter(query="budget"))),
        ("search + snippets 'three emails' (CLI)", lambda: search.search("three emails")),
        ("in-memory filter of loaded list, '延期'", lambda: search.filter_rows(
            loaded, Filter(query="延期"))),
        ("in-memory filter, tag + status", lambda: search.filter_rows(
            loaded, Filter(tag="finance", status="complete"))),
        ("list load, all live rows", lambda: search.find(Filter())),
        ("filter tag '财务'", lambda: search.find(Filter(tag="财务"))),
        ("filter person 王姐", lambda: search.find(Filter(person=wang))),
        ("filter last 30 days", lambda: search.find(Filter(since=today - timedelta(days=30)))),
        ("filter status draft + tag + query", lambda: search.find(
            Filter(status="draft", tag="finance", query="budget"))),
        ("trash list", lambda: search.find(Filter(trash=True))),
    ]
    print(f"\nbaseline A: SELECT COUNT(*) FROM entry            {base:8.2f} ms")
    print(f"baseline B: SELECT 5 columns of every entry row  {scan:8.2f} ms"
          f"  (medians of {args.repeat})\n")
    print(f"{'query':42} {'median ms':>10} {'× A':>9} {'× B':>7} {'results':>8}")
    for name, fn in cases:
        ms, result = median_ms(fn, args.repeat)
        n = result if isinstance(result, int) else len(result)
        print(f"{name:42} {ms:10.2f} {ms / base:9.0f} {ms / scan:7.2f} {n:8,}")
    close_database(database)
    return 0


if __name__ == "__main__":
    sys.exit(main())
