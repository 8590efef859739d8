"""Built-in tags any entry can carry, stored as stable keys ("exp:basic").

- 协作体验四层次 experience levels of a service I provide;
- 三点论 pain / delight / itch points;
- 逻辑层次 logical levels a reflection touches.
Free tags are stored as typed; built-in ones by key, shown translated.
"""
from __future__ import annotations

from .i18n import Text

T = Text

GROUPS: dict[str, tuple[Text, tuple[tuple[str, Text], ...]]] = {
    "exp": (T("Experience level", "协作体验层次"), (
        ("basic", T("Basic", "基本")),
        ("satisfied", T("Satisfied", "满意")),
        ("delighted", T("Delighted", "愉悦")),
        ("unexpected", T("Beyond expectations", "意料之外")),
    )),
    "point": (T("Pain / delight / itch", "三点论"), (
        ("pain", T("Pain point", "痛点")),
        ("delight", T("Delight point", "爽点")),
        ("itch", T("Itch (a wish)", "痒点")),
    )),
    "level": (T("Logical level", "逻辑层次"), (
        ("environment", T("Environment", "环境")),
        ("behaviour", T("Behaviour", "行为")),
        ("capability", T("Capability", "能力")),
        ("values", T("Values and beliefs", "信念价值观")),
        ("identity", T("Identity", "身份")),
        ("vision", T("Vision", "愿景")),
    )),
}

BUILTIN: dict[str, Text] = {f"{group}:{key}": label
                            for group, (_, items) in GROUPS.items() for key, label in items}


def is_builtin(tag: str) -> bool:
    return tag in BUILTIN


def display_name(tag: str, lang: str | None = None) -> str:
    """A tag as the user should read it (built-in tags translated)."""
    label = BUILTIN.get(tag)
    if label is None:
        return tag
    group = GROUPS[tag.split(":", 1)[0]][0]
    return f"{group.get(lang)}: {label.get(lang)}"
