"""Light and dark appearance: follow the system colour scheme or a manual choice.

Everything else reads colours from the palette (style sheets use
``palette(...)``; custom painting uses ``widget.palette()``), so switching the
palette switches every screen. ``is_dark()`` tells painters and charts which
variant is showing; ``notifier.changed`` fires after each switch.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFocusFrame,
    QMenu,
    QMenuBar,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QWidget,
)

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
    install_focus_ring(app)  # Fusion: the one style that honours a custom palette everywhere
    app.setPalette(dark_palette() if dark else _light_palette)
    app.setStyleSheet(app.styleSheet())  # re-resolve palette(...) in style sheets
    _notifier().changed.emit(dark)
    return dark


def font_size(factor: float) -> str:
    """A style-sheet font size ``factor`` times the application font, so headings and
    large labels grow with the system font size instead of staying at fixed pixels."""
    font = QApplication.font()
    if font.pointSizeF() > 0:
        return f"{font.pointSizeF() * factor:.1f}pt"
    return f"{round(font.pixelSize() * factor)}px"


def is_dark() -> bool:
    app = QApplication.instance()
    return app is not None and app.palette().color(QPalette.Window).lightness() < 128


def mode() -> str:
    return _mode


# Keyboard focus ---------------------------------------------------------------------------
RING = 2  # px: the width of the focus ring


class FocusStyle(QProxyStyle):
    """Fusion, plus a focus ring everyone can see: a 2 px rounded frame in the palette's
    highlight colour around the control that has keyboard focus (light and dark alike).

    Fusion's own hint (a thin tinted edge, a dotted rectangle round a check box's text)
    is easy to miss; the ring is drawn by a :class:`QFocusFrame` that follows the focus.

    Only that frame uses this style; the application keeps plain Fusion. A Python
    style would otherwise be asked every pixel metric and style hint of every
    widget: about 17,000 calls before the first window shows, 0.15-0.2 s of start.
    """

    def __init__(self):
        super().__init__(QStyleFactory.create("Fusion"))

    def pixelMetric(self, metric, option=None, widget=None):  # noqa: N802 - Qt naming
        if isinstance(widget, QFocusFrame) and metric in (QStyle.PM_FocusFrameHMargin,
                                                          QStyle.PM_FocusFrameVMargin):
            return 0  # the ring lies on the control's edge: never clipped by a flush parent
        return super().pixelMetric(metric, option, widget)

    def styleHint(self, hint, option=None, widget=None, data=None):  # noqa: N802 - Qt naming
        if hint == QStyle.SH_FocusFrame_Mask and isinstance(widget, QFocusFrame):
            return 0  # no mask: the frame paints nothing but the ring (the mask would be empty)
        if hint == QStyle.SH_FocusFrame_AboveWidget:
            return 1  # the ring lies on the control's edge, so it must be drawn over it
        return super().styleHint(hint, option, widget, data)

    def drawControl(self, element, option, painter, widget=None):  # noqa: N802 - Qt naming
        if element != QStyle.CE_FocusFrame:
            return super().drawControl(element, option, painter, widget)
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(option.palette.color(QPalette.Active, QPalette.Highlight), RING))
        painter.setBrush(Qt.NoBrush)
        half = RING / 2
        painter.drawRoundedRect(QRectF(option.rect).adjusted(half, half, -half, -half), 4, 4)
        painter.restore()
        return None


class _FocusRing(QObject):
    """Moves one QFocusFrame to each control that receives the focus other than by a click."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.frame: QFocusFrame | None = None
        app.focusChanged.connect(self._moved)

    def _frame(self) -> QFocusFrame:
        import shiboken6

        if self.frame is None or not shiboken6.isValid(self.frame):
            self.frame = QFocusFrame()
            self.frame.setObjectName("focusRing")
            # The ring's looks; every other widget stays on Fusion. The style lives and
            # dies with its frame (a frame goes when the page it sits on is deleted).
            style = FocusStyle()
            style.setParent(self.frame)
            self.frame.setStyle(style)
        return self.frame

    def _moved(self, _old: QWidget | None, now: QWidget | None) -> None:
        frame = self._frame()
        target = now
        if target is not None and isinstance(target.parentWidget(), (QComboBox, QAbstractSpinBox)):
            target = target.parentWidget()  # the line edit inside: ring the whole control
        clicked = QGuiApplication.mouseButtons() != Qt.NoButton
        # Like a browser's :focus-visible: a click shows where it landed by itself; the
        # ring marks where the keyboard is (Tab, shortcuts, the app moving the focus).
        if clicked or target is None or target.isWindow() or isinstance(target, (QMenu, QMenuBar)):
            frame.setWidget(None)
            frame.hide()
            return
        frame.setWidget(target)
        frame.show()

    def target(self) -> QWidget | None:
        frame = self._frame()
        return frame.widget() if frame.isVisible() else None


_ring: _FocusRing | None = None


def install_focus_ring(app: QApplication) -> None:
    """Use Fusion and show the focus ring (idempotent)."""
    global _ring
    if _ring is None:
        app.setStyle(QStyleFactory.create("Fusion"))
        _ring = _FocusRing(app)


def focus_ring_target() -> QWidget | None:
    """The control the focus ring is drawn around (None when hidden)."""
    return _ring.target() if _ring is not None else None
