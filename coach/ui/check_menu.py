"""A tool button whose drop-down menu ticks items on and off (people, course tags)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QToolButton


class CheckMenuButton(QToolButton):
    """Subclasses fill ``self._menu`` in ``_fill()`` (with ``add_item``) and
    set their label in ``retranslate()``; the selection is kept in order."""

    changed = Signal()

    def __init__(self, object_name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setPopupMode(QToolButton.InstantPopup)
        self._selected: list = []
        self._menu = QMenu(self)
        self._menu.aboutToShow.connect(self._fill)
        self.setMenu(self._menu)

    def _fill(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def add_item(self, label: str, key) -> None:
        act = self._menu.addAction(label)
        act.setCheckable(True)
        act.setChecked(key in self._selected)
        act.toggled.connect(lambda on, k=key: self.toggle(k, on))

    def toggle(self, key, on: bool) -> None:
        if on and key not in self._selected:
            self._selected.append(key)
        elif not on and key in self._selected:
            self._selected.remove(key)
        self.retranslate()
        self.changed.emit()

    def retranslate(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
