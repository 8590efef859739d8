"""Message catalogs for zh_CN and en, usable without Qt.

Every user-facing string is either
- a message key looked up with :func:`tr` in the TOML catalogs under
  ``coach/resources/i18n/`` (one file per area, so areas can grow
  independently), or
- a :class:`Text` carried by a tool spec (labels written next to the field
  they describe).

Both always hold the two languages; ``tests/unit/test_i18n.py`` fails when a
key lacks either one or when the placeholders differ between them.
"""
from __future__ import annotations

import locale
import os
import string
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timezone
from importlib import resources
from typing import Callable, Iterable

LANGUAGES = ("zh_CN", "en")
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE
_listeners: list[Callable[[str], None]] = []
_catalog: dict[str, dict[str, str]] | None = None


@dataclass(frozen=True)
class Text:
    """A bilingual literal: ``Text("Event", "诱发事件")``."""

    en: str
    zh_CN: str

    def get(self, lang: str | None = None) -> str:
        return self.zh_CN if (lang or _current) == "zh_CN" else self.en

    def __str__(self) -> str:  # pragma: no cover - convenience only
        return self.get()

    def as_dict(self) -> dict[str, str]:
        return {"en": self.en, "zh_CN": self.zh_CN}


def _flatten(prefix: str, table: dict, out: dict[str, dict[str, str]], source: str) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and not (set(value) <= set(LANGUAGES) and value):
            _flatten(full, value, out, source)
        elif isinstance(value, dict):
            if full in out:
                raise ValueError(f"duplicate message key {full!r} in {source}")
            out[full] = dict(value)
        else:
            raise ValueError(f"{source}: {full!r} must be a table with en and zh_CN")


def load_catalog() -> dict[str, dict[str, str]]:
    """All message keys of all catalog files: ``{key: {lang: text}}``."""
    global _catalog
    if _catalog is None:
        out: dict[str, dict[str, str]] = {}
        folder = resources.files("coach") / "resources" / "i18n"
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if item.name.endswith(".toml"):
                _flatten("", tomllib.loads(item.read_text("utf-8")), out, item.name)
        _catalog = out
    return _catalog


def system_language() -> str:
    """zh_CN when the system locale is Chinese, else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:  # pragma: no cover - exotic locale strings
        loc = ""
    return "zh_CN" if loc.lower().startswith("zh") else "en"


def current() -> str:
    return _current


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    if lang == _current:
        return
    _current = lang
    for listener in list(_listeners):
        listener(lang)


def on_change(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call ``listener(lang)`` after every language switch; returns an unsubscriber."""
    _listeners.append(listener)

    def unsubscribe() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return unsubscribe


def tr(key: str, /, lang: str | None = None, **kwargs) -> str:
    """The message ``key`` in the current (or given) language, formatted with kwargs.

    An unknown key returns the key itself, so a missing message is visible
    rather than a crash; the catalog test keeps that from shipping.
    """
    entry = load_catalog().get(key)
    if entry is None:
        return key
    text = entry.get(lang or _current) or entry.get(DEFAULT_LANGUAGE) or key
    return text.format(**kwargs) if kwargs else text


def has(key: str) -> bool:
    return key in load_catalog()


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# --- locale-aware formatting -------------------------------------------------

def to_local(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone()


def format_datetime(dt: datetime | None, lang: str | None = None) -> str:
    if dt is None:
        return ""
    local = to_local(dt)
    if (lang or _current) == "zh_CN":
        return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"
    return f"{local.day} {local:%b} {local.year}, {local:%H:%M}"


def format_date(d: date | datetime | None, lang: str | None = None) -> str:
    if d is None:
        return ""
    if isinstance(d, datetime):
        d = to_local(d).date()
    if (lang or _current) == "zh_CN":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {d:%b} {d.year}"


def format_number(value: float | int | None, digits: int = 1, lang: str | None = None) -> str:
    if value is None:
        return "—"
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(round(value)):,}"
    return f"{value:,.{digits}f}"


def format_percent(share: float | None, lang: str | None = None) -> str:
    if share is None:
        return "—"
    return f"{share * 100:.0f}%"


def join(items: Iterable[str], lang: str | None = None) -> str:
    return ("、" if (lang or _current) == "zh_CN" else ", ").join(items)


def tr_count(key: str, count: int, /, lang: str | None = None, **kwargs) -> str:
    """``key`` with ``count`` filled in, or ``<key>_one`` (when it exists) for exactly one."""
    if count == 1 and has(f"{key}_one"):
        return tr(f"{key}_one", lang=lang, **kwargs)
    return tr(key, lang=lang, count=format_number(count), **kwargs)
