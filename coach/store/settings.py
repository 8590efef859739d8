"""User preferences: defaults written as data, stored values as JSON."""
from __future__ import annotations

import json
from typing import Any

from .models import Setting, db

DEFAULTS: dict[str, Any] = {
    "language": None,  # None: follow the system locale (zh -> 简体中文, else English)
    "autosave_seconds": 1.0,
    "home_recent_count": 8,
}


def get(key: str, default: Any = None) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return DEFAULTS.get(key, default)
    try:
        return json.loads(row.value)
    except ValueError:
        return DEFAULTS.get(key, default)


def set(key: str, value: Any) -> None:  # noqa: A001 - mirrors get()
    with db.atomic():
        Setting.replace(key=key, value=json.dumps(value, ensure_ascii=False)).execute()
