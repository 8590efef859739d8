"""Search, tags and people timelines in the store (no Qt)."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from coach import timeline
from coach.store import entries as store
from coach.store import people as people_store
from coach.store import search
from coach.store import tags as tag_store
from coach.store.check import check_database
from coach.store.models import Entry, db as db_proxy


def add(event, *, tags=(), people=(), status="complete", tool="abcde", title="", **data):
    return store.save(store.EntryRecord(uuid="", tool=tool, data={"event": event, **data},
                                        status=status, title=title, tags=list(tags),
                                        people=list(people)))


def found(query, **kw):
    return {r.uuid for r in search.find(search.Filter(query=query, **kw))}


@pytest.fixture
def diary(db):
    e = {
        "zh_delay": add("财务部说我们的报销单又延期了，部门之间很紧张。"),
        "zh_dept": add("生产部门今天临时改了排程。"),
        "en_budget": add("The Budget meeting with HR ran late again."),
        "en_other": add("Quality review went fine; no surprises at all."),
        "mixed": add("与 IT 部门沟通 VPN 问题"),
    }
    return {k: v.uuid for k, v in e.items()}


@pytest.mark.parametrize("query, expected", [
    ("部", {"zh_delay", "zh_dept", "mixed"}),          # 1 character: LIKE
    ("部门", {"zh_delay", "zh_dept", "mixed"}),        # 2 characters: LIKE
    ("延期", {"zh_delay"}),
    ("报销单", {"zh_delay"}),                          # 3 characters: trigram
    ("财务部说我们", {"zh_delay"}),                    # 4+ characters
    ("生产部门 排程", {"zh_dept"}),                    # every word must occur
    ("IT", {"mixed", "en_budget", "en_other"}),        # substrings: w-it-h, qual-it-y
    ("VPN", {"mixed"}),
    ("budget", {"en_budget"}),                         # case-insensitive
    ("BUDGET meeting", {"en_budget"}),
    ("hr", {"en_budget"}),
    ("surprises", {"en_other"}),
    ("nowhere", set()),
])
def test_search_finds_substrings_in_both_languages(diary, query, expected):
    assert found(query) == {diary[k] for k in expected}


def test_user_input_is_never_syntax(diary):
    add('100% "sure" it_was NEAR(a b) OR * done')
    for query in ['"', '"sure"', "100%", "%", "_", "it_", "NEAR(a", "OR", "*", "a'b", "\\", "(", "-x"]:
        search.find(search.Filter(query=query))  # never raises
    assert len(found("%")) == 1 and len(found("_")) == 1
    assert len(found('"sure"')) == 1
    assert found("NEAR(a") and not found("NEAR(z")


def test_trashed_entries_are_excluded_until_restored(diary):
    store.trash(diary["zh_delay"])
    assert found("延期") == set()
    assert found("部门") == {diary["zh_dept"], diary["mixed"]}
    assert [r.uuid for r in search.find(search.Filter(trash=True))] == [diary["zh_delay"]]
    assert found("延期", trash=True) == {diary["zh_delay"]}
    store.restore(diary["zh_delay"])
    assert found("延期") == {diary["zh_delay"]}


def _check(database):
    report = check_database(database)
    assert report.ok, report.problems
    assert report.facts["search_index"] == "ok"


def test_index_follows_edit_delete_restore_purge(db, diary):
    rec = store.get(diary["en_budget"])
    rec.data = {"event": "Planning call with procurement"}
    store.save(rec)
    assert found("budget") == set() and found("procurement") == {rec.uuid}
    _check(db)
    store.trash(rec.uuid)
    assert found("procurement") == set()
    store.restore(rec.uuid)
    assert found("procurement") == {rec.uuid}
    store.trash(rec.uuid)
    store.purge(rec.uuid)
    assert db.execute_sql("SELECT COUNT(*) FROM entry_fts WHERE entry_fts MATCH ?",
                          ['"procurement"']).fetchone()[0] == 0
    _check(db)
    assert search.index_is_consistent()


def test_crash_inside_a_transaction_leaves_index_and_data_agreeing(db, diary, run_coach=None):
    rec = store.get(diary["zh_delay"])
    with pytest.raises(RuntimeError):
        with db.atomic():
            Entry.update(search_text="半途写入的文字").where(Entry.uuid == rec.uuid).execute()
            store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "幽灵记录"}))
            raise RuntimeError("power cut")
    assert found("半途写入") == set() and found("幽灵记录") == set()
    assert found("报销单") == {rec.uuid}
    _check(db)


def test_coach_check_passes_after_crash_mid_transaction(data_dir):
    from tests.conftest import run_coach
    from coach.store import close_database, open_database

    database = open_database(data_dir / "coach.sqlite3")
    rec = add("跨部门 review")
    try:
        with database.atomic():
            store.save(store.EntryRecord(uuid=rec.uuid, tool="abcde", data={"event": "改了一半"}))
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    close_database(database)
    result = run_coach("check", "--format", "json", data_dir=data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["search_index"] == "ok"
    hits = run_coach("search", "review", "--format", "json", data_dir=data_dir)
    assert [e["uuid"] for e in json.loads(hits.stdout)["entries"]] == [rec.uuid]
    assert run_coach("search", "改了一半", data_dir=data_dir).stdout.count(rec.uuid) == 0


def test_cli_search_text_and_json(data_dir):
    from tests.conftest import run_coach
    from coach.store import close_database, open_database

    database = open_database(data_dir / "coach.sqlite3")
    a = add("周会上讨论了延期的交付", title="交付延期")
    add("Nothing relevant here")
    close_database(database)
    out = run_coach("search", "延期", "--format", "json", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    payload = json.loads(out.stdout)
    assert payload["count"] == 1
    hit = payload["entries"][0]
    assert (hit["uuid"], hit["tool"], hit["title"]) == (a.uuid, "abcde", "交付延期")
    assert datetime.fromisoformat(hit["created_at"]) == a.created_at
    text = run_coach("search", "延期", data_dir=data_dir)
    assert a.uuid in text.stdout and "交付延期" in text.stdout
    none = run_coach("--lang", "en", "search", "zzz", data_dir=data_dir)
    assert none.returncode == 0 and "No entries match" in none.stdout


def test_filters_combine(db):
    p = store.save_person(store.PersonRecord(None, "Wang", "Finance", "function"))
    a = add("alpha one", tags=["finance"], people=[p.id])
    b = add("alpha two", tags=["Finance"], status="draft")
    c = add("beta", tags=["ops"], people=[p.id])
    assert found("alpha", tag="FINANCE") == {a.uuid, b.uuid}
    assert found("", person=p.id) == {a.uuid, c.uuid}
    assert found("", status="draft") == {b.uuid}
    assert found("", tool="abcde") == {a.uuid, b.uuid, c.uuid}
    today = date.today()
    assert len(found("", since=today, until=today)) == 3
    assert found("", until=today - timedelta(days=1)) == set()
    old = store.get(c.uuid)
    old.created_at = datetime.now(timezone.utc) - timedelta(days=40)
    Entry.update(created_at=old.created_at).where(Entry.uuid == c.uuid).execute()
    assert found("", since=today - timedelta(days=7)) == {a.uuid, b.uuid}
    rows = search.find()
    assert [r.uuid for r in rows] == [b.uuid, a.uuid, c.uuid]  # newest first
    assert rows[1].tags == ["finance"] and rows[1].people == [p.id]


def test_titles_match_the_tools_own_rule(db):
    a = add("  A long\nevent   text  ")
    b = add("event", title="My title")
    c = store.save(store.EntryRecord(uuid="", tool="abcde", data={"belief": "only belief"}))
    titles = {r.uuid: r.title for r in search.find()}
    assert titles[a.uuid] == store.get(a.uuid).display_title() == "A long event text"
    assert titles[b.uuid] == "My title"
    assert titles[c.uuid] == "only belief"


def test_snippets_show_the_match(db):
    rec = add("x " * 100 + "the 绩效考核 came up " + "y " * 100)
    hits = search.search("绩效考核")
    assert [h.uuid for h in hits] == [rec.uuid]
    assert "绩效考核" in hits[0].snippet and hits[0].snippet.startswith("…")
    assert search.match_spans("Budget budget", "BUDGET") == [(0, 6), (7, 13)]


def test_tag_rename_and_merge_everywhere(db):
    a = add("one", tags=["finanse", "q3"])
    b = add("two", tags=["Finance"])
    c = add("three", tags=["money"])
    assert found("finanse") == {a.uuid}
    tag_store.rename("finanse", "finance")  # onto an existing tag: merge
    assert store.get(a.uuid).tags == ["Finance", "q3"]
    assert found("finanse") == set() and found("finance") == {a.uuid, b.uuid}
    assert {t.name: t.live for t in tag_store.counts()} == {"Finance": 2, "money": 1, "q3": 1}
    tag_store.rename("q3", "Q3 2026")
    assert store.get(a.uuid).tags == ["Finance", "Q3 2026"]
    assert found("2026") == {a.uuid}
    total = tag_store.merge(["money", "Q3 2026"], "Finance")
    assert total == 3
    assert [t.name for t in tag_store.counts()] == ["Finance"]
    assert store.get(c.uuid).tags == ["Finance"] and found("money") == set()
    store.trash(c.uuid)
    assert [(t.live, t.trashed) for t in tag_store.counts()] == [(2, 1)]
    assert tag_store.delete("finance") == 3
    assert store.get(b.uuid).tags == [] and found("finance") == set()
    assert search.index_is_consistent()
    with pytest.raises(tag_store.TagError):
        tag_store.rename("nope", "x")
    add("four", tags=["a"])
    with pytest.raises(tag_store.TagError):
        tag_store.rename("a", "  ")
    assert [t.name for t in tag_store.counts()] == ["a"]


def test_person_rename_refreshes_search(db):
    p = store.save_person(store.PersonRecord(None, "老王", "财务部"))
    rec = add("月底对账", people=[p.id])
    assert found("老王") == {rec.uuid}
    p.name = "王经理"
    store.save_person(p)
    assert found("老王") == set() and found("王经理") == {rec.uuid}
    assert search.index_is_consistent()


def test_person_timeline_across_tools_with_patterns(db):
    wang = store.save_person(store.PersonRecord(None, "Wang", "Finance", "function"))
    li = store.save_person(store.PersonRecord(None, "Li", "Finance"))
    other = store.save_person(store.PersonRecord(None, "Zhao", "Sales"))
    a = add("late reports", people=[wang.id], helpful="no", patterns=["mind_reading"],
            red_light=True)
    b = add("budget call", people=[wang.id, other.id], helpful="no", belief_strength=70)
    add("sales only", people=[other.id], helpful="yes")
    c = add("close of month", people=[li.id], helpful="partly")
    trashed = add("gone", people=[wang.id], helpful="yes")
    store.trash(trashed.uuid)
    tl = timeline.build([wang.id], lang="en")
    assert [i.uuid for i in tl.items] == [b.uuid, a.uuid]
    assert tl.items[1].facts[0] == ("Thinking patterns I notice", "Mind reading")
    assert ("Does holding this belief help me?", "No") in tl.items[1].facts
    assert tl.by_tool() == {"ABCDE reframing": 2}
    helpful = next(p for p in tl.patterns if p.label == "Does holding this belief help me?")
    assert helpful.counts == [("No", 2)] and helpful.total == 2
    dept = timeline.build(people_store.ids_in_department("finance"), lang="zh_CN")
    assert [i.uuid for i in dept.items] == [c.uuid, b.uuid, a.uuid]
    helpful = next(p for p in dept.patterns if p.label == "坚持这个想法对我有帮助吗？")
    assert helpful.counts == [("没有帮助", 2), ("部分有帮助", 1)]
    assert people_store.entry_counts() == {wang.id: 2, li.id: 1, other.id: 2}


def test_timeline_shows_new_tools_and_followups(db, monkeypatch):
    from coach.tools import base, registry

    spec = base.ToolSpec(
        key="conflict_demo", version=1, name=base.T("Conflict log", "冲突记录"),
        summary=base.T("s", "s"),
        sections=(base.Section("s", base.T("S", "S"), fields=(
            base.Field("about", "text", base.T("About", "关于")),
            base.Field("stakes", "rating", base.T("Stakes", "利害"), min=1, max=5),
            base.Field("mode", "choice", base.T("Mode used", "使用的模式"), choices=(
                base.Choice("avoiding", base.T("Avoiding", "回避")),
                base.Choice("competing", base.T("Competing", "竞争")))),
        )),),
        followups=lambda d: [base.FollowUpItem("next", "send recap", "me", "2026-01-05")],
    )
    monkeypatch.setitem(registry(), "conflict_demo", spec)
    p = store.save_person(store.PersonRecord(None, "Wang", "Finance"))
    for mode in ("avoiding", "avoiding", "competing"):
        store.save(store.EntryRecord(uuid="", tool="conflict_demo", people=[p.id],
                                     data={"about": "deadline", "stakes": 4, "mode": mode}))
    tl = timeline.build([p.id], lang="en")
    assert tl.items[0].facts == [("Mode used", "Competing"), ("Stakes", "4/5")]
    assert tl.items[0].followups[0].text == "send recap"
    assert tl.patterns[0].label == "Mode used"
    assert tl.patterns[0].counts == [("Avoiding", 2), ("Competing", 1)]
    assert search.find()[0].title == "deadline"


def test_in_memory_filtering_agrees_with_sql(db):
    p = store.save_person(store.PersonRecord(None, "Wang", "Finance"))
    for i in range(12):
        rec = add(f"entry {i} {'部门' if i % 2 else 'budget'}", tags=["a" if i % 3 else "B"],
                  people=[p.id] if i % 4 == 0 else [], status="draft" if i % 5 else "complete")
        Entry.update(created_at=datetime.now(timezone.utc) - timedelta(days=i * 3)
                     ).where(Entry.uuid == rec.uuid).execute()
    store.trash(store.query()[0].uuid)
    everything = search.find()
    today = date.today()
    for flt in [search.Filter(query="部门"), search.Filter(query="BUDGET", tag="b"),
                search.Filter(person=p.id, status="draft"), search.Filter(tag="A", query="entry 1"),
                search.Filter(since=today - timedelta(days=10), until=today - timedelta(days=3)),
                search.Filter(query="部门 entry", status="complete")]:
        expected = [r.uuid for r in search.find(flt)]
        assert expected
        assert [r.uuid for r in search.filter_rows(everything, flt)] == expected, flt
    assert search.filter_rows(everything, search.Filter(query="nothing-like-this")) == []
    assert search.Filter.from_dict(search.Filter(since=today, tag="x").to_dict()) == \
        search.Filter(since=today, tag="x")
