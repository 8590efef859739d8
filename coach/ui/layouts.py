"""Small layout helpers shared by pages that rebuild parts of themselves."""
from __future__ import annotations

from PySide6.QtWidgets import QLayout


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget in ``layout`` at once.

    Widgets are detached immediately (not only scheduled for deletion), so a
    rebuilt layout never shows the old ones floating for an event loop turn.
    """
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())
