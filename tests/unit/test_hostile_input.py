"""Property tests over every tool spec: hostile text and odd values never crash
validation or the derived views, and storage gives back exactly what was saved."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.store import close_database, open_database
from coach.store import entries as store
from coach.tools import registry
from coach.tools.view import describe
from tests.strategies import hostile_text, odd_data, valid_data

SPECS = list(registry().values())
FAST = settings(max_examples=30, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def diary(tmp_path_factory):
    database = open_database(tmp_path_factory.mktemp("hostile") / "coach.sqlite3")
    yield database
    close_database(database)


def exercise(spec, data):
    """Everything the app derives from an entry's data, in both languages."""
    for complete in (False, True):
        problems = spec.validate(data, complete=complete)
        for p in problems:
            assert p.message.get("en") and p.message.get("zh_CN")
    for lang in ("en", "zh_CN"):
        spec.title_of(data, lang)
        describe(spec, data, lang)
    spec.text_of(data)
    if spec.followups:
        spec.followups(data)
    return spec.validate(data, complete=False)


def round_trip(spec, data, title=""):
    rec = store.save(store.EntryRecord(uuid="", tool=spec.key, data=data, title=title,
                                       spec_version=spec.version))
    back = store.get(rec.uuid)
    data, title = store.without_nul(data), store.without_nul(title)  # NULs are never stored
    assert back.data == data
    assert json.dumps(back.data, sort_keys=True) == json.dumps(data, sort_keys=True)
    assert back.title == title
    store.trash(rec.uuid)
    store.purge(rec.uuid)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_well_shaped_hostile_data(spec, diary):
    @FAST
    @given(data=valid_data(spec), title=hostile_text(80))
    def check(data, title):
        problems = exercise(spec, data)
        if not problems:  # what the app would compute for a saved entry
            spec.compute_figures([data, data])
            if spec.followups:
                spec.followups(data)
        round_trip(spec, data, title)

    check()


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_wrong_types_and_unknown_keys(spec, diary):
    @FAST
    @given(data=odd_data(spec))
    def check(data):
        exercise(spec, data)
        round_trip(spec, data)

    check()


@FAST
@given(text=hostile_text(), query=hostile_text(20))
def test_search_text_and_tags_never_break_the_index(diary, text, query):
    from coach.store.check import check_database

    rec = store.save(store.EntryRecord(uuid="", tool=SPECS[0].key,
                                       data={SPECS[0].all_fields()[0].key: text},
                                       tags=[query, text[:30]]))
    assert store.get(rec.uuid).data == {SPECS[0].all_fields()[0].key: text}
    store.trash(rec.uuid)
    store.purge(rec.uuid)
    report = check_database(diary)
    assert report.ok, report.problems
