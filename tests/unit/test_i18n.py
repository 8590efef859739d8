"""Every message exists in both languages with the same placeholders."""
from __future__ import annotations

import pytest

from coach import i18n
from coach.i18n import Text
from coach.tools import registry


def test_catalog_has_both_languages_for_every_key():
    catalog = i18n.load_catalog()
    assert len(catalog) > 50
    missing = [k for k, v in catalog.items() if not all(v.get(l, "").strip() for l in i18n.LANGUAGES)]
    assert missing == []


def test_placeholders_match_between_languages():
    bad = [k for k, v in i18n.load_catalog().items()
           if i18n.placeholders(v["en"]) != i18n.placeholders(v["zh_CN"])]
    assert bad == []


def test_no_unknown_languages_in_catalog():
    extra = [k for k, v in i18n.load_catalog().items() if set(v) - set(i18n.LANGUAGES)]
    assert extra == []


def _texts(obj, path="spec"):
    """Every Text reachable from a tool spec."""
    if isinstance(obj, Text):
        yield path, obj
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _texts(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for k, item in obj.items():
            yield from _texts(item, f"{path}.{k}")
    elif hasattr(obj, "__dataclass_fields__"):
        for name in obj.__dataclass_fields__:
            yield from _texts(getattr(obj, name), f"{path}.{name}")


@pytest.mark.parametrize("key", list(registry()))
def test_every_tool_text_is_bilingual(key):
    spec = registry()[key]
    texts = list(_texts(spec))
    assert texts, "a tool spec without any label"
    empty = [p for p, t in texts if not t.en.strip() or not t.zh_CN.strip()]
    assert empty == []
    # Chinese labels should actually be Chinese (catches copy-paste of English).
    untranslated = [p for p, t in texts if t.en == t.zh_CN and any(c.isalpha() for c in t.en)]
    assert untranslated == []


@pytest.mark.parametrize("key", list(registry()))
def test_every_tool_has_an_example_in_each_language(key):
    spec = registry()[key]
    assert set(spec.examples) >= set(i18n.LANGUAGES)


def test_tr_formats_and_switches_language():
    assert i18n.tr("entry.saved_draft", when="X") == "Draft saved X"
    i18n.set_language("zh_CN")
    assert i18n.tr("entry.saved_draft", when="X") == "草稿已保存 X"


def test_language_listeners_are_called():
    seen = []
    unsubscribe = i18n.on_change(seen.append)
    i18n.set_language("zh_CN")
    i18n.set_language("zh_CN")  # no change, no call
    unsubscribe()
    i18n.set_language("en")
    assert seen == ["zh_CN"]


@pytest.mark.parametrize("env,expected", [
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
])
def test_system_language_default(monkeypatch, env, expected):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert i18n.system_language() == expected


def test_dates_are_formatted_per_language():
    from datetime import date

    assert i18n.format_date(date(2026, 3, 5), lang="zh_CN") == "2026年3月5日"
    assert i18n.format_date(date(2026, 3, 5), lang="en") == "5 Mar 2026"
