"""Course tools: one module per tool, each exposing ``SPEC`` (a ToolSpec).

To add a tool, write ``coach/tools/<name>.py`` with a ``SPEC`` and add the
module name to ``TOOL_MODULES``. Nothing in the UI needs to change.
"""
from __future__ import annotations

from importlib import import_module

from .base import ToolSpec

TOOL_MODULES = (
    "abcde",
)

_registry: dict[str, ToolSpec] | None = None


def registry() -> dict[str, ToolSpec]:
    """All tools by key, in sidebar order."""
    global _registry
    if _registry is None:
        specs = [import_module(f"{__name__}.{name}").SPEC for name in TOOL_MODULES]
        specs.sort(key=lambda s: (s.order, s.key))
        _registry = {s.key: s for s in specs}
    return _registry


def get(key: str) -> ToolSpec:
    try:
        return registry()[key]
    except KeyError:
        raise KeyError(f"unknown tool {key!r}") from None
