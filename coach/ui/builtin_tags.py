"""A drop-down of the built-in tags (experience level, 三点论, logical level)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QToolButton

from .. import i18n
from ..tags import BUILTIN, GROUPS


class BuiltinTagsButton(QToolButton):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("builtinTags")
        self.setPopupMode(QToolButton.InstantPopup)
        self._selected: list[str] = []
        self._menu = QMenu(self)
        self._menu.aboutToShow.connect(self._fill)
        self.setMenu(self._menu)
        self.retranslate()

    def _fill(self):
        self._menu.clear()
        for group, (label, items) in GROUPS.items():
            self._menu.addSection(label.get())
            for key, item_label in items:
                tag = f"{group}:{key}"
                act = self._menu.addAction(item_label.get())
                act.setCheckable(True)
                act.setChecked(tag in self._selected)
                act.toggled.connect(lambda on, t=tag: self.toggle(t, on))

    def toggle(self, tag: str, on: bool):
        if on and tag not in self._selected:
            self._selected.append(tag)
        elif not on and tag in self._selected:
            self._selected.remove(tag)
        self.retranslate()
        self.changed.emit()

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
