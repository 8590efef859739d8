"""Peer rating of my internal service: aggregation, privacy threshold, answer files."""
from __future__ import annotations

import json

import pytest

from coach.tools import get
from coach.tools import servqual as sq

UUID = "11111111-2222-3333-4444-555555555555"


def base_data():
    data = {"round": "R1", "service": "Reports",
            "statements": [{"id": f"{d[:3]}{i}", "dimension": d, "text": f"{d} {i}"}
                           for d in sq.DIMENSION_KEYS for i in (1, 2)],
            **{f"importance_{d}": 20 for d in sq.DIMENSION_KEYS}}
    return data


def answer(data, ratings=None, comments=None, rid="a" * 32, **over):
    doc = {"format": sq.ANSWER_FORMAT, "version": 1, "form": sq.form_id(data, UUID), "response_id": rid,
           "submitted_at": "2026-11-20T10:00:00Z",
           "ratings": ratings if ratings is not None else {s["id"]: {"e": 6, "p": 4} for s in data["statements"]},
           "comments": comments or []}
    doc.update(over)
    return json.dumps(doc).encode()


def test_results_need_three_answers():
    data = base_data()
    data["responses"] = [sq.parse_answers(answer(data, rid=str(i) * 10), {**data, "responses": []}, UUID)
                         for i in range(2)]
    r = sq.aggregate(data)
    assert r.count == 2 and not r.shown and r.dimensions == [] and r.perception_average is None


def test_gaps_weighted_score_and_plain_perception_average():
    data = base_data()
    data.update({"importance_reliability": 60, "importance_tangibles": 10, "importance_responsiveness": 10,
                 "importance_assurance": 10, "importance_empathy": 10})
    resp = []
    for i, (e, p) in enumerate([(6, 4), (6, 5), (7, 6)]):
        ratings = {s["id"]: {"e": e, "p": p} for s in data["statements"]}
        ratings["rel1"] = {"e": 7, "p": 1}
        resp.append(sq.parse_answers(answer(data, ratings, rid=f"resp-{i:04d}"), {**data, "responses": resp}, UUID))
    data["responses"] = resp
    r = sq.aggregate(data)
    assert r.shown
    rel = next(d for d in r.dimensions if d.key == "reliability")
    tan = next(d for d in r.dimensions if d.key == "tangibles")
    assert tan.expectation == pytest.approx(19 / 3) and tan.perception == pytest.approx(5)
    assert rel.gap == pytest.approx(((1 * 3 + 4 + 5 + 6) / 6) - ((7 * 3 + 6 + 6 + 7) / 6))
    gaps = {d.key: d.gap for d in r.dimensions}
    assert r.weighted_gap == pytest.approx(0.6 * gaps["reliability"] + 0.1 * sum(
        g for k, g in gaps.items() if k != "reliability"))
    all_p = [4] * 9 + [5] * 9 + [6] * 9 + [1, 1, 1]  # rel1 is rated 1 by everyone
    assert r.perception_average == pytest.approx(sum(all_p) / len(all_p))


def test_comments_are_grouped():
    data = base_data()
    data["responses"] = [
        sq.parse_answers(answer(data, comments=[{"kind": "pain", "text": " late reports "}], rid="x" * 10),
                         {**data, "responses": []}, UUID),
        sq.parse_answers(answer(data, comments=[{"kind": "wish", "text": "a summary"},
                                                {"kind": "delight", "text": "patient"}], rid="y" * 10),
                         {**data, "responses": []}, UUID),
        sq.parse_answers(answer(data, rid="z" * 10), {**data, "responses": []}, UUID),
    ]
    assert sq.aggregate(data).comments == {"pain": ["late reports"], "delight": ["patient"], "wish": ["a summary"]}


def test_rounds_are_compared():
    a, b = base_data(), base_data()
    a["responses"] = [{"id": str(i), "ratings": {s["id"]: {"e": 6, "p": 3} for s in a["statements"]}}
                      for i in range(3)]
    b["responses"] = [{"id": str(i), "ratings": {s["id"]: {"e": 6, "p": 5} for s in b["statements"]}}
                      for i in range(3)]
    change = sq.compare(a, b)
    assert change["empathy"] == pytest.approx(2) and change["weighted"] == pytest.approx(2)
    assert sq.compare(a, base_data()) == {}


def test_rules_statement_counts_and_importance_sum():
    spec = get("servqual")
    data = base_data()
    assert spec.validate(data, complete=True) == []
    data["importance_empathy"] = 25
    assert any("100" in p.message.en for p in spec.validate(data, complete=False))
    data = base_data()
    data["statements"] = data["statements"][1:]  # tangibles has only one
    assert any("Tangibles has 1" in p.message.en for p in spec.validate(data, complete=False))


BAD = [
    (b"x" * (sq.MAX_ANSWER_FILE + 1), "too_big"),
    (b"\xff\xfe not utf8 {", "not_json"),
    (b"{not json", "not_json"),
    (b"[]", "wrong_format"),
    (json.dumps({"format": "other"}).encode(), "wrong_format"),
]


@pytest.mark.parametrize("raw,key", BAD)
def test_unusable_files_are_refused(raw, key):
    with pytest.raises(sq.AnswerFileError) as info:
        sq.parse_answers(raw, base_data(), UUID)
    assert info.value.key == key


@pytest.mark.parametrize("change,key", [
    ({"version": 2}, "wrong_version"),
    ({"form": "someone-else:R1"}, "other_form"),
    ({"response_id": "short"}, "bad_field"),
    ({"response_id": 12345678901}, "bad_field"),
    ({"ratings": {}}, "bad_field"),
    ({"ratings": {"nope": {"e": 3, "p": 3}}}, "unknown_statement"),
    ({"ratings": {"tan1": {"e": 8, "p": 3}}}, "out_of_range"),
    ({"ratings": {"tan1": {"e": 0, "p": 3}}}, "out_of_range"),
    ({"ratings": {"tan1": {"e": "5", "p": 3}}}, "out_of_range"),
    ({"ratings": {"tan1": {"e": True, "p": 3}}}, "out_of_range"),
    ({"ratings": {"tan1": {"e": 5, "x": 3}}}, "bad_field"),
    ({"ratings": {"tan1": [5, 3]}}, "bad_field"),
    ({"comments": "text"}, "bad_field"),
    ({"comments": [{"kind": "rant", "text": "x"}]}, "bad_field"),
    ({"comments": [{"kind": "pain", "text": "x" * 2001}]}, "too_long"),
    ({"comments": [{"kind": "pain"}] * 31}, "bad_field"),
])
def test_damaged_answers_are_refused_with_the_place(change, key):
    data = base_data()
    raw = json.loads(answer(data))
    raw.update(change)
    with pytest.raises(sq.AnswerFileError) as info:
        sq.parse_answers(json.dumps(raw).encode(), data, UUID)
    assert info.value.key == key


def test_the_same_answers_cannot_be_imported_twice():
    data = base_data()
    first = sq.parse_answers(answer(data), data, UUID)
    data["responses"] = [first]
    with pytest.raises(sq.AnswerFileError) as info:
        sq.parse_answers(answer(data), data, UUID)
    assert info.value.key == "duplicate"


def test_script_like_text_is_kept_as_inert_text():
    data = base_data()
    evil = "<script>alert(1)</script>'; DROP TABLE entry; --"
    got = sq.parse_answers(answer(data, comments=[{"kind": "pain", "text": evil}]), data, UUID)
    assert got["comments"] == [{"kind": "pain", "text": evil}]


def test_form_page_is_self_contained_and_escapes_user_text():
    data = base_data()
    data["service"] = "<b>Reports</b> & \"data\""
    data["statements"][0]["text"] = "</script><script>alert(1)</script>"
    page = sq.form_html(data, UUID, "zh_CN")
    assert "&lt;b&gt;Reports&lt;/b&gt; &amp;" in page
    assert "<script>alert(1)</script>" not in page
    assert "http://" not in page and "https://" not in page and "src=" not in page
    assert sq.form_id(data, UUID) in page
    assert page.count('class="statement"') == 10
    assert "我的服务做得怎么样" in page
    assert 'name="tan1-e"' in page and 'name="emp2-p"' in page


def test_new_round_repeats_the_last_rounds_statements():
    last = base_data()
    start = sq.start_data([last])
    assert start["statements"] == last["statements"]
    assert start["importance_reliability"] == 20
    fresh = sq.start_data([])
    assert len(fresh["statements"]) == 15 and sum(v for k, v in fresh.items() if k.startswith("importance_")) == 100


def test_ensure_ids_keeps_existing_ones():
    rows = sq.ensure_ids([{"id": "s1", "text": "a"}, {"text": "b"}, {"id": "", "text": "c"}])
    assert [r["id"] for r in rows] == ["s1", "s2", "s3"]
