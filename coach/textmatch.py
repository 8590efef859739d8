"""Small bilingual text matching used by the tools' advisers (no Qt).

Two things are needed by the empathy reply checker and the wording check:

- :func:`find_phrases` finds listed words or phrases in a text. English
  phrases match whole words, case-insensitively, with any run of spaces
  between their words; phrases containing Chinese match as substrings
  (Chinese has no spaces between words).
- :func:`content_terms` lists the meaningful terms of a text, for overlap
  between two texts: English words minus common function words, lightly
  stemmed, and Chinese character bigrams minus function-word bigrams.

Positions returned always refer to the original text.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from . import paths

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{_CJK}]")
CJK_RUN_RE = re.compile(f"[{_CJK}]+")
WORD_RE = re.compile(r"[a-z0-9][a-z0-9']*")
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\uff07": "'"})


def has_cjk(text: str) -> bool:
    return bool(CJK_RE.search(text))


def normalise(text: str) -> str:
    """Lower case with straight apostrophes; same length as ``text``."""
    return text.lower().translate(APOSTROPHES)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    phrase: str  # the listed phrase that matched (as listed)

    def surface(self, text: str) -> str:
        return text[self.start:self.end]


@lru_cache(maxsize=2048)
def _phrase_re(phrase: str) -> re.Pattern | None:
    clean = normalise(phrase.strip())
    if not clean:
        return None
    if has_cjk(clean):
        return re.compile(re.escape(clean))
    words = [re.escape(w) for w in clean.split()]
    return re.compile(r"(?<![a-z0-9'])" + r"\s+".join(words) + r"(?![a-z0-9])")


def find_phrases(text: str, phrases: Iterable[str]) -> list[Match]:
    """Every occurrence of every phrase, longest first where they overlap.

    Overlapping matches are resolved so that each character belongs to at
    most one match: "你总是" wins over "总是" inside it.
    """
    low = normalise(text)
    found: list[Match] = []
    for phrase in dict.fromkeys(phrases):
        pattern = _phrase_re(phrase)
        if pattern is None:
            continue
        for m in pattern.finditer(low):
            if m.end() > m.start():
                found.append(Match(m.start(), m.end(), phrase))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: list[Match] = []
    for m in found:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def mask(text: str, matches: Iterable[Match]) -> str:
    """``text`` with the matched spans blanked out (same length)."""
    chars = list(text)
    for m in matches:
        chars[m.start:m.end] = " " * (m.end - m.start)
    return "".join(chars)


# --- content terms ---------------------------------------------------------------

@lru_cache(maxsize=1)
def _stop() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    raw = tomllib.loads(paths.resource("data", "stopwords.toml").read_text("utf-8"))
    return (frozenset(raw["en"]), frozenset(raw["zh_chars"]), frozenset(raw["zh_bigrams"]))


def stem(word: str) -> str:
    """A crude English stem, applied alike to both texts compared."""
    word = word.strip("'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, keep in (("ing", 4), ("ed", 3), ("es", 4), ("s", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class Term:
    key: str  # the normalised term (stem or bigram)
    start: int
    end: int


def content_terms(text: str) -> list[Term]:
    """Meaningful English words and Chinese bigrams of ``text``, with positions."""
    en_stop, zh_chars, zh_bigrams = _stop()
    low = normalise(text)
    out: list[Term] = []
    for m in WORD_RE.finditer(low):
        word = m.group().strip("'")
        if word in en_stop or (word.isdigit() and (len(word) < 2 or not word.strip("0"))) or \
                (not word.isdigit() and len(word) < 3):
            continue
        out.append(Term(stem(word), m.start(), m.end()))
    for run in CJK_RUN_RE.finditer(low):
        s = run.group()
        if len(s) == 1:
            continue
        for i in range(len(s) - 1):
            gram = s[i:i + 2]
            if gram in zh_bigrams or (gram[0] in zh_chars and gram[1] in zh_chars):
                continue
            out.append(Term(gram, run.start() + i, run.start() + i + 2))
    return out


def shared_phrases(text: str, other: str) -> list[str]:
    """Phrases of ``text`` made of terms that also occur in ``other``.

    Adjacent shared Chinese bigrams merge into one phrase ("报销" + "销单" ->
    "报销单"), so the result reads like words the user wrote.
    """
    wanted = {t.key for t in content_terms(other)}
    spans = sorted((t.start, t.end) for t in content_terms(text) if t.key in wanted)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    _, zh_chars, _ = _stop()
    phrases = (text[s:e].strip(" " + "".join(zh_chars)) for s, e in merged)
    return list(dict.fromkeys(p for p in phrases if p))
