"""Every tool's form accepts hostile and odd stored data without crashing, and
gives it back untouched when the user changes nothing."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from coach.tools import registry
from coach.ui.app import make_application
from coach.ui.form import EntryForm
from tests.strategies import odd_data, valid_data

SPECS = [s for s in registry().values() if s.ui == "form"]  # others have their own page
FEW = settings(max_examples=15, deadline=None, database=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_form_round_trips_any_stored_data(qtbot, spec):
    make_application()
    form = EntryForm(spec)
    qtbot.addWidget(form)
    form.show()

    @FEW
    @given(good=valid_data(spec), odd=odd_data(spec))
    def check(good, odd):
        for data in (good, odd):
            form.set_value(data)
            for step in range(len(form.pages)):
                form.go_to(step, focus=False)
            form.retranslate()
            assert form.value() == data

    check()


ODD_VALUES = [1, True, "text", ["a", 1, None], {"k": [1, {"x": None}]}, "\x00\u202e👩🏽‍💻"]


@pytest.mark.parametrize("spec", list(registry().values()), ids=lambda s: s.key)
def test_every_tool_page_opens_odd_entries(qtbot, window, spec):
    from coach.store import entries as store

    keys = [f.key for f in spec.all_fields()]
    for i, odd in enumerate(ODD_VALUES):
        data = {k: odd for k in keys} | {"from_the_future": odd}
        rec = store.save(store.EntryRecord(uuid="", tool=spec.key, data=data))
        window.open_entry(spec.key, rec.uuid)
        page = window.tool_pages[spec.key]
        assert page.record.uuid == rec.uuid
        page.flush()
        # opening and leaving changes nothing (NULs are never stored to begin with)
        assert store.get(rec.uuid).data == store.without_nul(data)
