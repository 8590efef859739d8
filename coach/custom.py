"""Your own prompts: emotions, thinking patterns and extra questions the user
adds to the tools' forms, and built-in items they hide.

Stored as data in the settings (key ``custom.prompts``), so it travels with
the diary (backups) and with JSON exports (:func:`merge` folds an imported set
into the diary's). Built-in items can be hidden, never deleted: entries that
already use them keep their meaning. User items get stable keys ("my-…"), so
entries keep them even if the label is edited. A user item or question that
entries already use is hidden ("retired") instead of deleted, so those
entries still show, validate and export it.
"""
from __future__ import annotations

import dataclasses
import re
import uuid as uuidlib

from .i18n import Text
from .tools.base import Choice, Field, Section, ToolSpec

SETTING = "custom.prompts"
# Shared vocabularies a user can extend, by the built-in choices they start from.
VOCABULARIES = ("emotions", "patterns")
MAX_LABEL = 80
MAX_QUESTION = 300


def _builtin(vocabulary: str) -> tuple[Choice, ...]:
    from .tools import abcde

    return {"emotions": abcde.EMOTIONS, "patterns": abcde.PATTERNS}[vocabulary]


def empty() -> dict:
    return {"vocabularies": {v: {"added": [], "hidden": []} for v in VOCABULARIES}, "questions": {}}


def load() -> dict:
    from .store import settings

    return normalise(settings.get(SETTING))


def save(prompts: dict) -> None:
    from .store import settings

    settings.set(SETTING, normalise(prompts))


def normalise(raw) -> dict:
    """Keep only well-formed parts of stored or imported prompts."""
    out = empty()
    if not isinstance(raw, dict):
        return out
    vocab = raw.get("vocabularies") if isinstance(raw.get("vocabularies"), dict) else {}
    for v in VOCABULARIES:
        part = vocab.get(v) if isinstance(vocab.get(v), dict) else {}
        added = _unique([
            {"key": a["key"], "label": a["label"][:MAX_LABEL]} for a in _list(part.get("added"))
            if isinstance(a, dict) and isinstance(a.get("key"), str) and a["key"].startswith("my-")
            and isinstance(a.get("label"), str) and a["label"].strip()])
        known = {c.key for c in _builtin(v)} | {a["key"] for a in added}
        out["vocabularies"][v]["added"] = added
        out["vocabularies"][v]["hidden"] = sorted(
            {k for k in _list(part.get("hidden")) if isinstance(k, str) and k in known})
    questions = raw.get("questions") if isinstance(raw.get("questions"), dict) else {}
    for tool, items in questions.items():
        kept = _unique([
            {"key": q["key"], "label": q["label"][:MAX_QUESTION],
             **({"retired": True} if q.get("retired") is True else {})}
            for q in _list(items)
            if isinstance(q, dict) and isinstance(q.get("key"), str) and q["key"].startswith("my_q_")
            and isinstance(q.get("label"), str) and q["label"].strip()])
        if kept:
            out["questions"][str(tool)] = kept
    return out


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _unique(items: list[dict]) -> list[dict]:
    """The first item of each key (a hand-edited file may repeat one)."""
    seen: set[str] = set()
    out = []
    for item in items:
        if item["key"] not in seen:
            seen.add(item["key"])
            out.append(item)
    return out


def merge(local: dict, incoming: dict) -> dict:
    """The diary's prompts with an imported set folded in (a new object).

    Items and questions are matched by key: the diary's own label wins, the
    file's new ones are added. Items the file hides are hidden here too, and a
    question retired on either side stays retired; nothing is ever removed, so
    every imported entry keeps the items it uses.
    """
    out = normalise(local)
    incoming = normalise(incoming)
    for v in VOCABULARIES:
        mine, theirs = out["vocabularies"][v], incoming["vocabularies"][v]
        keys = {a["key"] for a in mine["added"]}
        mine["added"] += [a for a in theirs["added"] if a["key"] not in keys]
        mine["hidden"] = sorted(set(mine["hidden"]) | set(theirs["hidden"]))
    for tool, items in incoming["questions"].items():
        mine_q = out["questions"].setdefault(tool, [])
        by_key = {q["key"]: q for q in mine_q}
        for q in items:
            if q["key"] not in by_key:
                mine_q.append(dict(q))
            elif q.get("retired"):
                by_key[q["key"]]["retired"] = True
    return normalise(out)


def changes(before: dict, after: dict) -> dict[str, int]:
    """What :func:`merge` changed: items and questions added, items newly hidden."""
    before, after = normalise(before), normalise(after)
    added = hidden = 0
    for v in VOCABULARIES:
        b, a = before["vocabularies"][v], after["vocabularies"][v]
        added += len({x["key"] for x in a["added"]} - {x["key"] for x in b["added"]})
        hidden += len(set(a["hidden"]) - set(b["hidden"]))
    questions = sum(len({q["key"] for q in items} - {q["key"] for q in before["questions"].get(t, [])})
                    for t, items in after["questions"].items())
    return {"items": added, "hidden": hidden, "questions": questions}


def remove_item(prompts: dict, vocabulary: str, key: str, *, in_use: bool) -> str:
    """Delete a user item, or hide it when entries use it; returns "deleted" or "hidden"."""
    part = prompts["vocabularies"][vocabulary]
    if in_use:
        part["hidden"] = sorted(set(part["hidden"]) | {key})
        return "hidden"
    part["added"] = [a for a in part["added"] if a["key"] != key]
    part["hidden"] = [k for k in part["hidden"] if k != key]
    return "deleted"


def remove_question(prompts: dict, tool: str, key: str, *, answered: bool) -> str:
    """Delete a question, or retire it when entries answered it: it then shows
    only in those entries. Returns "deleted" or "retired"."""
    items = prompts["questions"].get(tool, [])
    if answered:
        for q in items:
            if q["key"] == key:
                q["retired"] = True
        return "retired"
    prompts["questions"][tool] = [q for q in items if q["key"] != key]
    return "deleted"


def new_key(prefix: str, label: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:20]
    return f"{prefix}{slug + '-' if slug else ''}{uuidlib.uuid4().hex[:6]}"


def add_item(prompts: dict, vocabulary: str, label: str) -> str:
    label = " ".join(label.split())[:MAX_LABEL]
    if not label:
        raise ValueError("empty label")
    key = new_key("my-", label)
    prompts["vocabularies"][vocabulary]["added"].append({"key": key, "label": label})
    return key


def add_question(prompts: dict, tool: str, label: str) -> str:
    label = " ".join(label.split())[:MAX_QUESTION]
    if not label:
        raise ValueError("empty question")
    key = new_key("my_q_", "").replace("-", "_")
    prompts["questions"].setdefault(tool, []).append({"key": key, "label": label})
    return key


def _vocabulary_of(f: Field) -> str | None:
    for v in VOCABULARIES:
        builtin = _builtin(v)
        if f.choices and f.choices[: len(builtin)] == builtin:
            return v
    return None


def _customise_field(f: Field, prompts: dict) -> Field:
    if f.fields:
        f = dataclasses.replace(f, fields=tuple(_customise_field(sub, prompts) for sub in f.fields))
    v = _vocabulary_of(f)
    if v is None:
        return f
    part = prompts["vocabularies"][v]
    hidden = set(part["hidden"])
    choices = [dataclasses.replace(c, hidden=c.key in hidden) for c in f.choices]
    # user items go before a trailing "other…" so it stays last
    tail = [c for c in choices if c.key == "other"]
    head = [c for c in choices if c.key != "other"]
    mine = [Choice(a["key"], Text(a["label"], a["label"]), hidden=a["key"] in hidden)
            for a in part["added"]]
    return dataclasses.replace(f, choices=tuple(head + mine + tail))


def customise(spec: ToolSpec, prompts: dict | None = None) -> ToolSpec:
    """The spec with the user's own items and questions (a new object)."""
    prompts = normalise(prompts) if prompts is not None else load()
    sections = [dataclasses.replace(s, fields=tuple(_customise_field(f, prompts) for f in s.fields))
                for s in spec.sections]
    questions = prompts["questions"].get(spec.key) or []
    if questions and sections:
        extra = tuple(Field(q["key"], "longtext", Text(q["label"], q["label"]),
                            retired=bool(q.get("retired"))) for q in questions)
        last = sections[-1]
        sections[-1] = dataclasses.replace(last, fields=last.fields + extra)
    return dataclasses.replace(spec, sections=tuple(sections))


def customised_specs(prompts: dict | None = None) -> dict[str, ToolSpec]:
    from .tools import registry

    prompts = load() if prompts is None else normalise(prompts)
    return {k: customise(s, prompts) for k, s in registry().items()}
