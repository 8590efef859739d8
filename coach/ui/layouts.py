"""Small layout helpers shared by pages that rebuild parts of themselves."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStyledItemDelegate,
    QTabBar,
    QTextEdit,
    QWidget,
)


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


_LEAVES = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox,
           QAbstractSlider, QAbstractItemView, QTabBar)


def layout_order(root: QWidget) -> list[QWidget]:
    """The controls under ``root`` that Tab stops at, in the order their layouts show them
    (top to bottom, left to right), whenever they were created."""
    out: list[QWidget] = []

    def visit_widget(w: QWidget) -> None:
        if not w.isVisible() or not w.isEnabled():
            return
        stop = w
        while stop.focusProxy() is not None:
            stop = stop.focusProxy()
        if stop.focusPolicy() & Qt.TabFocus and type(w) is not QScrollArea and stop not in out:
            out.append(stop)
        if isinstance(w, _LEAVES):
            return
        if isinstance(w, QScrollArea) and w.widget() is not None:
            visit_widget(w.widget())
        elif w.layout() is not None:
            visit_layout(w.layout())
        else:
            for child in w.findChildren(QWidget, options=Qt.FindDirectChildrenOnly):
                visit_widget(child)

    def visit_layout(layout: QLayout) -> None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item.widget() is not None:
                visit_widget(item.widget())
            elif item.layout() is not None:
                visit_layout(item.layout())

    visit_widget(root)
    return [w for w in out if w is not root]


def focus_in_layout_order(root: QWidget, forward: bool) -> bool:
    """Move the focus to the next (or previous) control of ``root`` in layout order; at
    either end leave ``root`` along Qt's focus chain. For pages whose parts are built
    later than the widgets shown below them (Home's panels, rows rebuilt on refresh),
    where Qt's creation-order chain would jump around. False: not handled here."""
    focus = QApplication.focusWidget()
    order = layout_order(root)
    here = next((i for i, w in enumerate(order) if focus is w or (focus and w.isAncestorOf(focus))), None)
    if here is None:
        return False
    there = here + (1 if forward else -1)
    if 0 <= there < len(order):
        order[there].setFocus(Qt.TabFocusReason if forward else Qt.BacktabFocusReason)
        return True
    # past the end: the first control outside ``root`` along the window's chain
    w = focus
    for _ in range(1000):
        w = w.nextInFocusChain() if forward else w.previousInFocusChain()
        if w is None or w is focus:
            return False
        if not root.isAncestorOf(w) and w.isVisible() and w.isEnabled() and \
                w.focusPolicy() & Qt.TabFocus and w.focusProxy() is None:
            w.setFocus(Qt.TabFocusReason if forward else Qt.BacktabFocusReason)
            return True
    return False


def chain_after(anchor: QWidget, parts: list[QWidget], then: QWidget | None = None) -> None:
    """Move ``parts`` (each with its descendants) into Qt's Tab chain right after
    ``anchor``, in this order, followed by ``then``.

    Widgets built after a form (the rows of a rows field) sit at the end of Qt's
    creation-order chain, so Tab would reach them only after Back, Next and Save and
    then leave the window. Qt's setTabOrder moves one widget at a time, skips NoFocus
    widgets and swaps a widget for its focus proxy, so for the move each widget is
    made movable and afterwards gets its own policy and proxy back.
    ``anchor`` must have a focus policy and no children.
    """
    moving: list[QWidget] = []
    for part in parts:
        moving.append(part)
        w = part
        while True:
            w = w.nextInFocusChain()
            if w is None or not part.isAncestorOf(w):
                break
            moving.append(w)
    saved = [(w, w.focusPolicy(), w.focusProxy()) for w in moving]
    for w in moving:
        w.setFocusProxy(None)
        if w.focusPolicy() == Qt.NoFocus:
            w.setFocusPolicy(Qt.TabFocus)
    try:
        sequence = [anchor, *moving] + ([then] if then is not None else [])
        for first, second in zip(sequence, sequence[1:]):
            QWidget.setTabOrder(first, second)
    finally:
        for w, policy, proxy in saved:
            w.setFocusPolicy(policy)
            w.setFocusProxy(proxy)


def room_for_bold(button) -> None:
    """A step button is bold while it is the current step (style sheet), which is
    wider than the text it was sized for: reserve the bold width so the name is
    never cut. Call after each setText."""
    from PySide6.QtGui import QFont, QFontMetrics

    font = QFont(button.font())
    normal = QFontMetrics(font).horizontalAdvance(button.text())
    font.setWeight(QFont.DemiBold)
    extra = QFontMetrics(font).horizontalAdvance(button.text()) - normal
    button.setMinimumWidth(0)
    button.setMinimumWidth(button.sizeHint().width() + max(extra, 0) + 2)


def line_height(font) -> int:
    """The height one line of ``font`` really takes when it may hold Chinese.

    The application font is the system's Latin font with the bundled CJK font
    as fallback; Qt sizes text by the first font alone, but a line holding
    Chinese is as tall as the CJK font's line."""
    from PySide6.QtGui import QFont, QFontMetrics

    from .app import cjk_family

    height = QFontMetrics(font).lineSpacing()
    family = cjk_family()
    if family:
        cjk = QFont(font)
        cjk.setFamilies([family])
        height = max(height, QFontMetrics(cjk).lineSpacing())
    return height


class LinesDelegate(QStyledItemDelegate):
    """An item delegate for rows of several text lines ("title\nwhen · status")
    that may mix Latin and Chinese: each row gets the height its lines need, so
    the second line is never cut off into "…"."""

    _line: tuple[str, int] = ("", 0)  # (font key, line height): asked for every row

    def sizeHint(self, option, index):  # noqa: N802 - Qt naming
        size = super().sizeHint(option, index)
        text = index.data(Qt.DisplayRole) or ""
        key = option.font.key()
        if self._line[0] != key:
            self._line = (key, line_height(option.font))
        needed = (text.count("\n") + 1) * self._line[1] + 8  # and a gap
        if size.height() < needed:
            size.setHeight(needed)
        return size
