"""The wording check of the five-star message: absolute and blaming words.

The built-in list lives in ``resources/data/wording.toml``; users add their
own words (stored by the UI in the setting ``wording_words`` as a list of
``{"word", "kind", "suggestion"}``). Both are turned into :class:`WordRule`
objects and :func:`find_flags` marks them in a text. No Qt here.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from . import i18n, paths
from .i18n import LANGUAGES, Text
from .textmatch import find_phrases, has_cjk

KINDS = ("absolute", "blaming")
KIND_NAMES = {
    "absolute": Text("Absolute word", "绝对化用词"),
    "blaming": Text("Blaming phrasing", "指责式说法"),
}
SETTING = "wording_words"
MAX_WORD = 40
MAX_SUGGESTION = 200


@dataclass(frozen=True)
class WordRule:
    word: str
    language: str  # zh_CN | en
    kind: str  # absolute | blaming
    suggestion: Text
    custom: bool = False


@dataclass(frozen=True)
class Flag:
    start: int
    end: int
    text: str  # as written in the checked text
    rule: WordRule


def language_of(word: str) -> str:
    return "zh_CN" if has_cjk(word) else "en"


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[WordRule, ...]:
    raw = tomllib.loads(paths.resource("data", "wording.toml").read_text("utf-8"))
    rules = []
    for item in raw["word"]:
        if item["kind"] not in KINDS or item["language"] not in LANGUAGES:
            raise ValueError(f"wording.toml: bad entry {item!r}")
        s = item["suggestion"]
        rules.append(WordRule(item["word"], item["language"], item["kind"],
                              Text(s["en"], s["zh_CN"])))
    return tuple(rules)


def clean_custom(items: Any) -> list[dict]:
    """The valid user words of a stored setting (anything malformed is dropped)."""
    out: list[dict] = []
    seen: set[str] = set()
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        word = " ".join(str(item.get("word") or "").split())
        kind = item.get("kind")
        if not word or len(word) > MAX_WORD or kind not in KINDS or word.lower() in seen:
            continue
        seen.add(word.lower())
        suggestion = " ".join(str(item.get("suggestion") or "").split())[:MAX_SUGGESTION]
        out.append({"word": word, "kind": kind, "suggestion": suggestion})
    return out


def merge_custom(local: Any, incoming: Any) -> tuple[list[dict], int]:
    """The user's words with imported ones added (a word already there, in any
    case, keeps the user's own kind and suggestion); returns them and how many
    were added."""
    mine = clean_custom(local)
    known = {w["word"].lower() for w in mine}
    new = [w for w in clean_custom(incoming) if w["word"].lower() not in known]
    return mine + new, len(new)


def custom_rules(items: Any) -> list[WordRule]:
    """User words as rules; a user's suggestion is shown in both languages as typed."""
    return [WordRule(i["word"], language_of(i["word"]), i["kind"],
                     Text(i["suggestion"], i["suggestion"]), custom=True)
            for i in clean_custom(items)]


def rules(custom: Any = None) -> list[WordRule]:
    """Built-in rules plus the user's (a user word replaces a built-in one of that spelling)."""
    mine = custom_rules(custom)
    own = {r.word.lower() for r in mine}
    return [r for r in builtin_rules() if r.word.lower() not in own] + mine


def find_flags(text: str, word_rules: Iterable[WordRule] | None = None) -> list[Flag]:
    """Every flagged word in ``text``, in order; overlaps go to the longest phrase."""
    if not text:
        return []
    by_word: dict[str, WordRule] = {}
    for rule in word_rules if word_rules is not None else builtin_rules():
        by_word.setdefault(rule.word, rule)
    return [Flag(m.start, m.end, m.surface(text), by_word[m.phrase])
            for m in find_phrases(text, by_word)]


def count_flags(text: str, word_rules: Iterable[WordRule] | None = None) -> int:
    return len(find_flags(text, word_rules))


def describe_flag(flag: Flag, lang: str | None = None) -> str:
    """“总是” · absolute word: suggestion (one line, for lists and tooltips)."""
    kind = KIND_NAMES[flag.rule.kind].get(lang)
    suggestion = flag.rule.suggestion.get(lang)
    key = "wording.flag_line" if suggestion else "wording.flag_line_bare"
    return i18n.tr(key, lang=lang, word=flag.text, kind=kind, suggestion=suggestion)
