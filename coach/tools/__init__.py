"""Course tools: one module per tool, each exposing ``SPEC`` (a ToolSpec).

To add a tool, write ``coach/tools/<name>.py`` with a module-level ``SPEC``
(or ``SPECS``, a list, for a module with several forms). Modules are found
automatically; nothing in the UI or the CLI needs to change. A module that
defines a questionnaire exposes ``ASSESSMENT_JSON()`` (its machine-readable
description, listed by ``coach tools`` under "assessments").
"""
from __future__ import annotations

import pkgutil
from importlib import import_module

from .base import ToolSpec

# Modules in this package that are machinery, not tools.
NOT_TOOLS = {"base", "view"}

_registry: dict[str, ToolSpec] | None = None


def tool_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__)
                  if m.name not in NOT_TOOLS and not m.name.startswith("_"))


def registry() -> dict[str, ToolSpec]:
    """All tools by key, in sidebar order."""
    global _registry
    if _registry is None:
        specs: list[ToolSpec] = []
        for name in tool_modules():
            module = import_module(f"{__name__}.{name}")
            specs.extend(getattr(module, "SPECS", None) or
                         ([module.SPEC] if hasattr(module, "SPEC") else []))
        specs.sort(key=lambda s: (s.order, s.key))
        _registry = {s.key: s for s in specs}
    return _registry


def get(key: str) -> ToolSpec:
    try:
        return registry()[key]
    except KeyError:
        raise KeyError(f"unknown tool {key!r}") from None


def assessments() -> list[dict]:
    """Machine-readable descriptions of the questionnaires (self-assessments)."""
    out = []
    for name in tool_modules():
        module = import_module(f"{__name__}.{name}")
        describe = getattr(module, "ASSESSMENT_JSON", None)
        if callable(describe):
            out.append(describe())
    return out
