"""Sections that plug into the main window, found automatically.

A module ``coach/ui/sections/<name>.py`` may define any of:

- ``ORDER``: int, its place in the sidebar (Home 0, tools 10-99, Journal 200,
  Progress 300, Homework 350, Settings 1000);
- ``create_page(ctx) -> QWidget``: a sidebar page. The widget has ``nav_key``
  (str), ``title() -> str``, ``retranslate()`` and optionally ``activated()``
  (called each time it is shown) and ``data_changed()``;
- ``create_home_panel(ctx) -> QWidget``: a panel on Home with
  ``retranslate()`` and ``refresh()``;
- ``create_settings_panel(ctx) -> QWidget``: a group box in Settings with
  ``retranslate()``;
- ``create_actions(ctx) -> list[QAction]``: actions for the File menu (e.g.
  Export…, Import…). Give each action a ``retranslate`` attribute (a callable
  that sets its text) so it follows language switches.

``ctx`` is a :class:`coach.ui.context.AppContext`.
"""
from __future__ import annotations

import pkgutil
from importlib import import_module
from types import ModuleType


def section_modules() -> list[ModuleType]:
    mods = [import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__)
            if not m.name.startswith("_")]
    return sorted(mods, key=lambda m: (getattr(m, "ORDER", 500), m.__name__))
