"""Hypothesis strategies that build entry data from a tool spec.

``valid_data(spec)`` draws values of the right shape for every field (with
hostile text: emoji, right-to-left marks, NUL and other control characters,
very long strings); ``odd_data(spec)`` puts any JSON value under any key.
"""
from __future__ import annotations

from hypothesis import strategies as st

from coach.tools.base import CHECKLIST_STATES, OTHER, Field, ToolSpec

SPECIAL = [
    "", " ", "\x00", "a\x00b", "\t\r\n", "\x1b[31mred\x1b[0m", "\u202eevil\u202c", "שלום עולם",
    "مرحبا", "👩🏽‍💻🎉", "\U0001f600" * 50, "'); DROP TABLE entry; --", "<b>bold</b><script>x</script>",
    "{{ 7*7 }} {% raw %}", "%s %(x)s {0}", "\ufeffBOM", "\u0301combining", "e\u0301", "\uffff",
    "NULL", "null", "☃" * 3, "会议上被点名批评", "a" * 20001,
]

# Any character except lone surrogates (which no editor can hold in valid UTF-8).
CHARS = st.characters(blacklist_categories=("Cs",))


def hostile_text(max_size: int = 300) -> st.SearchStrategy[str]:
    long = st.tuples(st.text(CHARS, min_size=1, max_size=8), st.integers(200, 3000)).map(
        lambda t: t[0] * t[1])
    return st.one_of(st.text(CHARS, max_size=max_size), st.sampled_from(SPECIAL), long,
                     st.lists(st.sampled_from(SPECIAL), max_size=4).map("".join))


def json_values(depth: int = 2) -> st.SearchStrategy:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**53, 2**53),
                        st.floats(allow_nan=False, allow_infinity=False), hostile_text(40))
    if depth <= 0:
        return scalars
    inner = json_values(depth - 1)
    return st.one_of(scalars, st.lists(inner, max_size=3),
                     st.dictionaries(hostile_text(10), inner, max_size=3))


def field_value(f: Field) -> st.SearchStrategy:
    k = f.kind
    if k in ("text", "longtext"):
        return hostile_text()
    if k in ("rating", "slider"):
        lo = f.min if f.min is not None else 0
        hi = f.max if f.max is not None else 100
        return st.integers(lo, hi)
    if k == "choice":
        return st.sampled_from([c.key for c in f.choices]) if f.choices else st.none()
    if k == "multichoice":
        return st.lists(st.sampled_from([c.key for c in f.choices]), unique=True, min_size=1) \
            if f.choices else st.none()
    if k == "bool":
        return st.booleans()
    if k == "date":
        return st.dates().map(lambda d: d.isoformat())
    if k == "checklist":
        return st.dictionaries(st.sampled_from([c.key for c in f.choices]),
                               st.sampled_from(CHECKLIST_STATES)) if f.choices else st.none()
    if k == "rows":
        row = st.fixed_dictionaries({}, optional={
            **{s.key: field_value(s) for s in f.fields},
            **{f"{s.key}_other": hostile_text(40) for s in f.fields if s.allow_other},
        })
        return st.lists(row, max_size=4)
    if k == "rerate":
        return st.none()  # lives in the source rows (a hidden sub-field)
    return st.none()  # custom widgets: their shape is their own (odd_data covers them)


def valid_data(spec: ToolSpec) -> st.SearchStrategy[dict]:
    optional = {}
    for f in spec.all_fields():
        if f.kind == "rerate":
            continue
        optional[f.key] = field_value(f)
        if f.allow_other:
            optional[f"{f.key}_other"] = hostile_text(60)
    return st.fixed_dictionaries({}, optional=optional).map(
        lambda d: {k: v for k, v in d.items() if v is not None})


def odd_data(spec: ToolSpec) -> st.SearchStrategy[dict]:
    keys = [f.key for f in spec.all_fields()] + [f"{f.key}_other" for f in spec.all_fields()]
    known = st.fixed_dictionaries({}, optional={k: json_values() for k in keys})
    unknown = st.dictionaries(hostile_text(12), json_values(), max_size=3)
    return st.tuples(known, unknown).map(lambda t: {**t[1], **t[0]})


__all__ = ["valid_data", "odd_data", "hostile_text", "json_values", "OTHER"]
