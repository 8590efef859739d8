"""Special field widgets, registered with coach.ui.fields.register_widget.

Every module here is imported when the first form is built, so a module only
has to call ``register_widget(NAME, cls)`` at import time.
"""
from __future__ import annotations

import pkgutil
from importlib import import_module

_loaded = False


def load_all() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for m in pkgutil.iter_modules(__path__):
            if not m.name.startswith("_"):
                import_module(f"{__name__}.{m.name}")
