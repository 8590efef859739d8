"""Your own prompts: emotions, thinking patterns and extra questions the user
adds to the tools' forms, and built-in items they hide.

Stored as data in the settings (key ``custom.prompts``), so it travels with
the diary (backups) and with JSON exports. Built-in items can be hidden, never
deleted: entries that already use them keep their meaning. User items get
stable keys ("my-…"), so entries keep them even if the label is edited.
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
        builtin = {c.key for c in _builtin(v)}
        out["vocabularies"][v]["hidden"] = [k for k in part.get("hidden", []) if k in builtin]
        out["vocabularies"][v]["added"] = [
            {"key": a["key"], "label": a["label"][:MAX_LABEL]} for a in part.get("added", [])
            if isinstance(a, dict) and isinstance(a.get("key"), str) and a["key"].startswith("my-")
            and isinstance(a.get("label"), str) and a["label"].strip()]
    questions = raw.get("questions") if isinstance(raw.get("questions"), dict) else {}
    for tool, items in questions.items():
        if isinstance(items, list):
            out["questions"][str(tool)] = [
                {"key": q["key"], "label": q["label"][:300]} for q in items
                if isinstance(q, dict) and isinstance(q.get("key"), str) and q["key"].startswith("my_q_")
                and isinstance(q.get("label"), str) and q["label"].strip()]
    return out


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
    label = " ".join(label.split())[:300]
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
    mine = [Choice(a["key"], Text(a["label"], a["label"])) for a in part["added"]]
    return dataclasses.replace(f, choices=tuple(head + mine + tail))


def customise(spec: ToolSpec, prompts: dict | None = None) -> ToolSpec:
    """The spec with the user's own items and questions (a new object)."""
    prompts = normalise(prompts) if prompts is not None else load()
    sections = [dataclasses.replace(s, fields=tuple(_customise_field(f, prompts) for f in s.fields))
                for s in spec.sections]
    questions = prompts["questions"].get(spec.key) or []
    if questions and sections:
        extra = tuple(Field(q["key"], "longtext", Text(q["label"], q["label"])) for q in questions)
        last = sections[-1]
        sections[-1] = dataclasses.replace(last, fields=last.fields + extra)
    return dataclasses.replace(spec, sections=tuple(sections))


def customised_specs() -> dict[str, ToolSpec]:
    from .tools import registry

    prompts = load()
    return {k: customise(s, prompts) for k, s in registry().items()}
