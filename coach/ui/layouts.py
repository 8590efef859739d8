"""Small layout helpers shared by pages that rebuild parts of themselves."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLayout, QWidget


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


def resize_within(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` x ``height`` but never past its parent window (or,
    for a top-level window, the screen's free area): at 150 % a 1366x768 screen has
    only about 910x512 logical pixels, and a dialog taller than that hides its buttons."""
    parent = widget.parentWidget()
    if parent is not None and parent.window().isVisible():
        room = parent.window().size()
    else:
        screen = widget.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else QSize(width, height)
    widget.resize(max(widget.minimumWidth(), min(width, room.width())),
                  max(widget.minimumHeight(), min(height, room.height())))
