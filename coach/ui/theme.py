"""Light and dark appearance: follow the system colour scheme or a manual choice.

Everything else reads colours from the palette (style sheets use
``palette(...)``; custom painting uses ``widget.palette()``), so switching the
palette switches every screen. ``is_dark()`` tells painters and charts which
variant is showing; ``notifier.changed`` fires after each switch.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

MODES = ("system", "light", "dark")
SETTING = "appearance"


class _Notifier(QObject):
    changed = Signal(bool)  # is dark


notifier: _Notifier | None = None
_mode = "system"
_light_palette: QPalette | None = None


def _notifier() -> _Notifier:
    global notifier
    if notifier is None:
        notifier = _Notifier()
    return notifier


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return bool(scheme) and scheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e1f22"), QColor("#2b2d31"), QColor("#e6e6e6")
    roles = {
        QPalette.Window: window, QPalette.WindowText: text, QPalette.Base: base,
        QPalette.AlternateBase: QColor("#34363c"), QPalette.ToolTipBase: QColor("#3a3c42"),
        QPalette.ToolTipText: text, QPalette.Text: text, QPalette.Button: QColor("#3a3c42"),
        QPalette.ButtonText: text, QPalette.BrightText: QColor("#ff6b6b"),
        QPalette.Highlight: QColor("#3d7bd9"), QPalette.HighlightedText: QColor("#ffffff"),
        QPalette.Link: QColor("#7fb2ff"), QPalette.PlaceholderText: QColor("#9a9ca3"),
        QPalette.Mid: QColor("#55585f"), QPalette.Dark: QColor("#18191b"), QPalette.Light: QColor("#4a4d54"),
        QPalette.Midlight: QColor("#43464c"), QPalette.Shadow: QColor("#000000"),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, QColor("#7c7f86"))
    return p


def apply(mode: str | None) -> bool:
    """Apply ``mode`` (system | light | dark); returns True when dark is showing."""
    global _mode, _light_palette
    app = QApplication.instance()
    _mode = mode if mode in MODES else "system"
    if _light_palette is None:
        _light_palette = QPalette(app.palette())
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda _s: _mode == "system" and apply("system"))
    dark = _mode == "dark" or (_mode == "system" and system_prefers_dark())
    app.setStyle("Fusion")  # the one style that honours a custom palette everywhere
    app.setPalette(dark_palette() if dark else _light_palette)
    app.setStyleSheet(app.styleSheet())  # re-resolve palette(...) in style sheets
    _notifier().changed.emit(dark)
    return dark


def is_dark() -> bool:
    app = QApplication.instance()
    return app is not None and app.palette().color(QPalette.Window).lightness() < 128


def mode() -> str:
    return _mode
