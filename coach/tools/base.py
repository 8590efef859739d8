"""The shape of a course tool: a spec (data) plus a few pure functions.

A tool module builds one :class:`ToolSpec` and registers it in
``coach.tools.REGISTRY``. The UI renders forms from the spec by field kind
and knows nothing about individual tools; the CLI prints the spec as JSON
(``coach tools --format json``), which is the machine-readable contract of
each form.

Data of an entry is a dict keyed by field keys. Rows fields hold a list of
dicts keyed by their sub-field keys. Values are numbers, stable keys,
strings, booleans or ISO dates - never translated labels. Keys the spec does
not know are preserved untouched.
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Sequence

from ..i18n import Text

# Field kinds the generic form renderer understands.
KINDS = {
    "text",  # one line
    "longtext",  # several lines
    "rating",  # integer min..max shown as buttons (e.g. 1-5 stars)
    "slider",  # integer min..max (0-100 intensities, percentages)
    "choice",  # one stable key from choices
    "multichoice",  # list of stable keys from choices
    "bool",  # yes / no
    "rows",  # list of dicts with sub-fields (e.g. emotions with intensities)
    "checklist",  # dict item key -> "done" | "not_needed" | "open"
    "date",  # ISO date string
    "rerate",  # a second rating of every row of another rows field
    "custom",  # a registered special widget (Field.widget names it)
}

CHECKLIST_STATES = ("open", "done", "not_needed")
OTHER = "other"
# For tools with follow-ups, ``store.entries.completed_data`` adds this key to each
# data dict: follow-up key -> done (bool), so figures can tell whether a loop is closed.
FOLLOWUPS_DONE_KEY = "_followups_done"


@dataclass(frozen=True)
class Choice:
    key: str
    label: Text
    help: Text | None = None
    hidden: bool = False  # hidden by the user: not offered, but still valid in old entries


@dataclass(frozen=True)
class Field:
    key: str
    kind: str
    label: Text
    help: Text | None = None
    placeholder: Text | None = None
    required: bool = False  # required to mark the entry complete (drafts may be partial)
    min: int | None = None
    max: int | None = None
    unit: str = ""  # "%" etc., shown after a number
    choices: tuple[Choice, ...] = ()
    allow_other: bool = False  # choice: "other" plus free text in <key>_other
    fields: tuple["Field", ...] = ()  # sub-fields of a rows field
    min_rows: int = 0
    source: str = ""  # rerate: the rows field it re-rates
    source_value: str = ""  # rerate: the sub-field with the first rating
    target: str = ""  # rerate: the sub-field that receives the new rating
    # custom: name of the registered widget; other kinds: an optional registered
    # editor used instead of the default one (same value type, same checks)
    widget: str = ""
    hidden: bool = False  # edited through another field (e.g. a rerate target)
    # a user's own question removed after entries answered it: shown only in those
    retired: bool = False
    max_length: int = 20000

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r} for {self.key!r}")

    def choice_label(self, key: str, lang: str | None = None) -> str:
        for choice in self.choices:
            if choice.key == key:
                return choice.label.get(lang)
        return key

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key,
            "kind": self.kind,
            "label": self.label.as_dict(),
            "required": self.required,
        }
        if self.help:
            out["help"] = self.help.as_dict()
        if self.min is not None:
            out["min"] = self.min
        if self.max is not None:
            out["max"] = self.max
        if self.unit:
            out["unit"] = self.unit
        if self.choices:
            out["choices"] = [
                {"key": c.key, "label": c.label.as_dict()} for c in self.choices
            ]
        if self.allow_other:
            out["allow_other"] = True
        if self.fields:
            out["fields"] = [f.to_json() for f in self.fields]
        if self.kind == "rerate":
            out.update(source=self.source, source_value=self.source_value, target=self.target)
        if self.widget:
            out["widget"] = self.widget
        if self.hidden:
            out["hidden"] = True
        return out


@dataclass(frozen=True)
class Section:
    key: str
    label: Text
    help: Text | None = None
    fields: tuple[Field, ...] = ()
    # keys of earlier fields kept visible (read-only) while this section is edited
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """A validation message attached to a field (``field`` may be a dotted path)."""

    field: str
    message: Text


@dataclass(frozen=True)
class Figure:
    """A progress figure a tool contributes (shown as a number on Home)."""

    key: str
    label: Text
    value: float | None
    kind: str = "number"  # number | percent | points | text
    count: int = 0  # how many entries it is based on
    text: Text | None = None  # for kind == "text"


@dataclass(frozen=True)
class FollowUpItem:
    """An action an entry asks the user to close (shown on Home until done).

    ``key`` is stable within the entry (e.g. "action:<row id>") so that the
    done mark survives edits of the text.
    """

    key: str
    text: str
    owner: str = ""
    due_date: str | None = None  # ISO date


@dataclass
class ToolSpec:
    key: str
    version: int
    name: Text
    summary: Text
    sections: tuple[Section, ...]
    icon: str = ""
    title_field: str = ""
    examples: dict[str, dict] = field(default_factory=dict)  # lang -> data
    rules: Callable[[dict], list[Problem]] | None = None  # extra validation
    figures: Callable[[list[dict]], list[Figure]] | None = None
    followups: Callable[[dict], list[FollowUpItem]] | None = None
    order: int = 100  # place in the sidebar (10-99 for tools)
    # "form": the generic form renderer; anything else names a page that a UI
    # section provides for this tool (its module sets TOOL = key).
    ui: str = "form"
    # Optional: data a new entry starts with, from this tool's earlier completed
    # entries (newest first) — e.g. a review pulling in the last review's items.
    start_data: Callable[[list[dict]], dict] | None = None
    # Optional read-only view for exports and previews:
    # (data, lang) -> [(heading, [line, ...]), ...]; default: field by field.
    describer: Callable[[dict, str | None], list[tuple[str, list[str]]]] | None = None
    # The few facts a person's timeline shows for an entry, as (label, value)
    # pairs in the given language. Without it the first choice / rating fields
    # are shown (see coach.tools.view.key_facts).
    key_facts: Callable[[dict, str | None], list[tuple[str, str]]] | None = None

    # --- lookups -----------------------------------------------------------
    def all_fields(self) -> list[Field]:
        return [f for s in self.sections for f in s.fields]

    def field(self, key: str) -> Field:
        for f in self.all_fields():
            if f.key == key:
                return f
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "spec_version": self.version,
            "name": self.name.as_dict(),
            "summary": self.summary.as_dict(),
            "sections": [
                {
                    "key": s.key,
                    "label": s.label.as_dict(),
                    **({"help": s.help.as_dict()} if s.help else {}),
                    **({"context": list(s.context)} if s.context else {}),
                    "fields": [f.to_json() for f in s.fields],
                }
                for s in self.sections
            ],
        }

    # --- behaviour -----------------------------------------------------------
    def validate(self, data: dict, *, complete: bool) -> list[Problem]:
        """Type and range checks always; required fields only when completing."""
        problems: list[Problem] = []
        for f in self.all_fields():
            problems.extend(check_field(f, data, complete=complete))
        if self.rules is not None:
            problems.extend(self.rules(data))
        return problems

    def title_of(self, data: dict, lang: str | None = None, limit: int = 60) -> str:
        """A title derived from the first text field when the user gave none."""
        candidates = [self.title_field] if self.title_field else []
        candidates += [f.key for f in self.all_fields() if f.kind in ("text", "longtext")]
        for key in candidates:
            value = data.get(key)
            if isinstance(value, str) and value.strip():
                line = " ".join(value.split())
                return line if len(line) <= limit else line[: limit - 1] + "…"
        return ""

    def text_of(self, data: dict) -> str:
        """Every piece of free text in ``data`` (for the full-text index)."""
        parts: list[str] = []
        for f in self.all_fields():
            parts.extend(field_texts(f, data.get(f.key)))
            if f.allow_other and isinstance(data.get(f"{f.key}_other"), str):
                parts.append(data[f"{f.key}_other"])
        return "\n".join(p for p in parts if p)

    def compute_figures(self, entries: Sequence[dict]) -> list[Figure]:
        return self.figures(list(entries)) if self.figures else []


def field_texts(f: Field, value: Any) -> Iterable[str]:
    if value is None:
        return
    if f.kind in ("text", "longtext") and isinstance(value, str):
        yield value
    elif f.kind == "rows" and isinstance(value, list):
        for row in value:
            if isinstance(row, dict):
                for sub in f.fields:
                    yield from field_texts(sub, row.get(sub.key))
                    if sub.allow_other and isinstance(row.get(f"{sub.key}_other"), str):
                        yield row[f"{sub.key}_other"]


# --- generic checks ------------------------------------------------------------

def T(en: str, zh: str) -> Text:
    return Text(en, zh)


MSG_REQUIRED = T("Please fill this in before marking the entry complete.", "标记完成前请填写此项。")
MSG_NUMBER = T("Please enter a whole number.", "请输入整数。")
MSG_TEXT = T("This must be text.", "此项应为文字。")
MSG_TOO_LONG = T("This text is too long.", "文字过长。")
MSG_CHOICE = T("Please pick one of the listed options.", "请从列表中选择。")
MSG_DATE = T("Please enter a date as YYYY-MM-DD.", "请按 YYYY-MM-DD 输入日期。")
MSG_ROWS = T("Please add at least one row.", "请至少添加一行。")
MSG_RERATE = T("Please re-rate every item.", "请为每一项重新评分。")


def _range_msg(lo: int | None, hi: int | None) -> Text:
    return T(f"Please enter a number from {lo} to {hi}.", f"请输入 {lo} 到 {hi} 之间的数字。")


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {} or (
        isinstance(value, str) and not value.strip()
    )


def check_field(f: Field, data: dict, *, complete: bool, path: str = "") -> list[Problem]:
    where = f"{path}{f.key}"
    value = data.get(f.key)
    if f.kind == "rerate":
        return _check_rerate(f, data, complete=complete, where=where)
    if _empty(value):
        if complete and f.required:
            return [Problem(where, MSG_ROWS if f.kind == "rows" else MSG_REQUIRED)]
        return []
    kind = f.kind
    if kind in ("text", "longtext"):
        if not isinstance(value, str):
            return [Problem(where, MSG_TEXT)]
        if len(value) > f.max_length:
            return [Problem(where, MSG_TOO_LONG)]
    elif kind in ("rating", "slider"):
        if isinstance(value, bool) or not isinstance(value, int):
            return [Problem(where, MSG_NUMBER)]
        if (f.min is not None and value < f.min) or (f.max is not None and value > f.max):
            return [Problem(where, _range_msg(f.min, f.max))]
    elif kind == "choice":
        keys = {c.key for c in f.choices}
        if not isinstance(value, str) or value not in keys:
            return [Problem(where, MSG_CHOICE)]
        if complete and f.allow_other and value == OTHER and _empty(data.get(f"{f.key}_other")):
            return [Problem(f"{where}_other", MSG_REQUIRED)]
    elif kind == "multichoice":
        keys = {c.key for c in f.choices}
        if not isinstance(value, list) or any(not isinstance(v, str) or v not in keys
                                              for v in value):
            return [Problem(where, MSG_CHOICE)]
    elif kind == "bool":
        if not isinstance(value, bool):
            return [Problem(where, MSG_CHOICE)]
    elif kind == "date":
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return [Problem(where, MSG_DATE)]
    elif kind == "checklist":
        keys = {c.key for c in f.choices}
        if not isinstance(value, dict) or any(
            k not in keys or v not in CHECKLIST_STATES for k, v in value.items()
        ):
            return [Problem(where, MSG_CHOICE)]
    elif kind == "rows":
        if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
            return [Problem(where, MSG_ROWS)]
        problems = []
        if complete and len(value) < max(f.min_rows, 1 if f.required else 0):
            problems.append(Problem(where, MSG_ROWS))
        for i, row in enumerate(value):
            for sub in f.fields:
                if sub.hidden:
                    problems.extend(check_field(_optional(sub), row,
                                                complete=complete, path=f"{where}.{i}."))
                else:
                    problems.extend(check_field(sub, row, complete=complete, path=f"{where}.{i}."))
        return problems
    return []


@functools.lru_cache(maxsize=256)
def _optional(f: Field) -> Field:
    """The same field, not required (built once: validating 10,000 imported rows used to
    construct a new Field for every row)."""
    return dataclasses.replace(f, required=False)


def _check_rerate(f: Field, data: dict, *, complete: bool, where: str) -> list[Problem]:
    rows = data.get(f.source)
    if not isinstance(rows, list):
        return []
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            continue
        value = row.get(f.target)
        if value is None:
            if complete and f.required:
                return [Problem(where, MSG_RERATE)]
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            return [Problem(f"{f.source}.{i}.{f.target}", MSG_NUMBER)]
        if (f.min is not None and value < f.min) or (f.max is not None and value > f.max):
            return [Problem(f"{f.source}.{i}.{f.target}", _range_msg(f.min, f.max))]
    return []


# --- small helpers for figures ------------------------------------------------

def mean(values: Iterable[float]) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def share(flags: Iterable[bool]) -> float | None:
    flags = list(flags)
    return sum(1 for f in flags if f) / len(flags) if flags else None
