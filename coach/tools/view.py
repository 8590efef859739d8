"""Read-only views of an entry's data, in one language (no Qt, no HTML).

Used by the example panel, the context card of later sections, and exports.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import i18n
from .base import OTHER, Field, ToolSpec


@dataclass
class Line:
    key: str
    label: str
    value: str


def format_value(f: Field, value: Any, data: dict, lang: str | None = None) -> str:
    lang = lang or i18n.current()
    if value is None or value == "" or value == []:
        return ""
    if f.kind in ("text", "longtext", "date"):
        return str(value)
    if f.kind in ("slider", "rating"):
        suffix = f.unit or (f"/{f.max}" if f.kind == "rating" and f.max else "")
        return f"{value}{suffix}"
    if f.kind == "choice":
        if f.allow_other and value == OTHER and data.get(f"{f.key}_other"):
            return str(data[f"{f.key}_other"])
        return str(f.choice_label(value, lang))
    if f.kind == "multichoice":
        if not isinstance(value, list):
            return str(value)  # hand-edited or from another version: shown as stored
        return i18n.join((str(f.choice_label(v, lang)) for v in value), lang)
    if f.kind == "bool":
        return i18n.tr("common.yes" if value else "common.no", lang=lang)
    if f.kind == "checklist" and isinstance(value, dict):
        parts = []
        for c in f.choices:
            state = value.get(c.key, "open")
            state = state if state in ("open", "done", "not_needed") else "open"
            parts.append(f"{c.label.get(lang)}: {i18n.tr('checklist.' + state, lang=lang)}")
        return "\n".join(parts)
    if f.kind == "rows" and isinstance(value, list):
        lines = []
        for row in value:
            if not isinstance(row, dict):
                continue
            cells = []
            for sub in f.fields:
                text = format_value(sub, row.get(sub.key), row, lang)
                if text:
                    cells.append(text if sub.kind in ("choice", "text", "longtext")
                                 else f"{sub.label.get(lang)} {text}")
            lines.append(" · ".join(cells))
        return "\n".join(lines)
    return str(value)


def rerate_text(spec: ToolSpec, f: Field, data: dict, lang: str | None = None) -> str:
    source = spec.field(f.source)
    rows = data.get(f.source)
    if not isinstance(rows, list):
        return ""
    name_field = next((s for s in source.fields if s.kind == "choice"), None)
    lines = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        name = format_value(name_field, row.get(name_field.key), row, lang) if name_field else ""
        before, after = row.get(f.source_value), row.get(f.target)
        if after is None:
            continue
        lines.append(f"{name}: {before} → {after}")
    return "\n".join(lines)


def describe(spec: ToolSpec, data: dict, lang: str | None = None,
             keys: tuple[str, ...] | None = None) -> list[tuple[str, list[Line]]]:
    """Sections with their filled-in lines; empty fields are left out."""
    if spec.describer is not None and keys is None:
        return [(heading, [Line(f"{i}", "", text) for i, text in enumerate(lines)])
                for heading, lines in spec.describer(data, lang)]
    out = []
    for section in spec.sections:
        lines = []
        for f in section.fields:
            if f.hidden or (keys is not None and f.key not in keys):
                continue
            if f.kind == "rerate":
                text = rerate_text(spec, f, data, lang)
            else:
                text = format_value(f, data.get(f.key), data, lang)
            if text:
                lines.append(Line(f.key, f.label.get(lang), text))
        if lines:
            out.append((section.label.get(lang), lines))
    return out


FACT_KINDS = ("choice", "multichoice", "rating", "slider", "bool")


def key_facts(spec: ToolSpec, data: dict, lang: str | None = None,
              limit: int = 5) -> list[tuple[str, str]]:
    """The few facts worth showing about an entry in a list (label, value).

    A tool may say which with ``ToolSpec.key_facts``; otherwise the filled
    pick-list fields come first (e.g. the conflict mode used), then ratings,
    sliders and yes/no answers, in form order.
    """
    custom = getattr(spec, "key_facts", None)
    if callable(custom):
        return [(str(a), str(b)) for a, b in custom(data, lang)][:limit]
    ranked: list[tuple[int, int, str, str]] = []
    for i, f in enumerate(spec.all_fields()):
        if f.hidden or f.kind not in FACT_KINDS:
            continue
        text = format_value(f, data.get(f.key), data, lang)
        if text:
            rank = 0 if f.kind in ("choice", "multichoice") else 1
            ranked.append((rank, i, f.label.get(lang), text))
    ranked.sort()
    return [(label, text) for _, _, label, text in ranked[:limit]]


def choice_values(spec: ToolSpec, data: dict) -> list[tuple[Field, str]]:
    """(field, stable key) for every filled top-level pick-list answer."""
    out = []
    for f in spec.all_fields():
        if f.hidden or f.kind not in ("choice", "multichoice"):
            continue
        value = data.get(f.key)
        for v in (value if isinstance(value, list) else [value]):
            if isinstance(v, str) and v:
                out.append((f, v))
    return out
