"""A drop-down of the built-in tags (experience level, 三点论, logical level)."""
from __future__ import annotations

from .. import i18n
from ..tags import BUILTIN, GROUPS
from .check_menu import CheckMenuButton


class BuiltinTagsButton(CheckMenuButton):
    def __init__(self, parent=None):
        super().__init__("builtinTags", parent)
        self.retranslate()

    def _fill(self):
        self._menu.clear()
        for group, (label, items) in GROUPS.items():
            self._menu.addSection(label.get())
            for key, item_label in items:
                self.add_item(item_label.get(), f"{group}:{key}")

    def selected(self) -> list[str]:
        return [t for t in self._selected if t in BUILTIN]

    def set_selected(self, tags: list[str]):
        self._selected = [t for t in tags if t in BUILTIN]
        self.retranslate()

    def retranslate(self):
        n = len(self._selected)
        self.setText(i18n.tr("tags.builtin_button", count=n) if n else i18n.tr("tags.builtin_button_none"))
        tip = i18n.join(BUILTIN[t].get() for t in self._selected) or i18n.tr("tags.builtin_tooltip")
        self.setToolTip(tip)
        self.setAccessibleName(i18n.tr("tags.builtin_tooltip"))
