"""What a screen reader and a keyboard user get from a widget tree.

``audit(root)`` lists the problems of every visible, enabled control under
``root`` (buttons, fields, lists, tables, tab bars, and any widget offering a
context menu): it must take Tab focus, have a sensible accessible name (see
:func:`accessible_name`: what Qt's accessibility bridge hands a screen reader,
with at least one letter in it), a table must let Tab leave it (arrows move
between cells) and an editable text box must not swallow Tab.
``missed_by_tab`` presses Tab round the window and lists the controls it never
reached; ``duplicate_names`` lists names that two controls share;
``clipped_texts`` lists labels and buttons narrower than their text.

A widget that deliberately stays out of the Tab chain carries the dynamic
property ``a11y_no_tab`` with the reason (set next to its setFocusPolicy call).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox,
               QAbstractSpinBox, QSlider, QAbstractItemView, QTabBar)


def _internal(widget: QWidget) -> bool:
    """Parts of a compound widget (the line edit inside a spin box or combo box…)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return True
        parent = parent.parentWidget()
    return False


def interactive_widgets(root: QWidget) -> list[QWidget]:
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        offers_menu = w.contextMenuPolicy() in (Qt.CustomContextMenu, Qt.ActionsContextMenu)
        if not (isinstance(w, INTERACTIVE) or offers_menu) or not w.isVisible() or not w.isEnabled():
            continue
        if isinstance(w, QHeaderView):
            continue  # read out as part of its table; sorting is a mouse extra
        if _internal(w) or w.window() is not root.window():
            continue
        out.append(w)
    return out


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces for ``widget`` (not its value).

    Its own accessibleName, else what Qt's bridge calls its name (a button's text, a
    field's QLabel buddy), else the label Qt reports as labelling it (a buddy, or the
    title of the group box it sits in). A combo box's current item is a value, not a
    name, and so is a line edit's placeholder.
    """
    if widget.accessibleName():
        return widget.accessibleName()
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is None:
        return ""
    name = iface.text(QAccessible.Name) or ""
    if isinstance(widget, QComboBox) and name == widget.currentText():
        name = ""
    if name:
        return name
    labels = [r[0].text(QAccessible.Name) or "" for r in iface.relations(QAccessible.Label)]
    return " ".join(x for x in labels if x)


def sensible(name: str) -> bool:
    """A name says something: at least one letter or CJK character (not '+', '…', '×')."""
    return any(ch.isalpha() for ch in name)


def describe(widget: QWidget) -> str:
    bits = [type(widget).__name__]
    if widget.objectName():
        bits.append(f"#{widget.objectName()}")
    text = getattr(widget, "text", None)
    if callable(text) and isinstance(widget, QAbstractButton):
        bits.append(repr(text()))
    elif widget.toolTip():
        bits.append(f"tip={widget.toolTip()!r}")
    chain, parent = [], widget.parentWidget()
    while parent is not None and len(chain) < 4:
        chain.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    return f"{' '.join(bits)} in {'/'.join(chain)}"


def tab_exempt(widget: QWidget) -> str:
    reason = widget.property("a11y_no_tab")
    if isinstance(reason, str) and reason:
        return reason
    group = widget.group() if isinstance(widget, QAbstractButton) else None
    if group is not None and group.exclusive() and widget.isCheckable() and \
            any(b.focusPolicy() & Qt.TabFocus for b in group.buttons()):
        # Qt's radio-group keyboard model: Tab stops at one button of the group (the
        # last one focused) and the arrow keys move between them.
        return "exclusive button group"
    return ""


def audit(root: QWidget) -> list[str]:
    problems = []
    for w in interactive_widgets(root):
        if isinstance(w, QTabBar):
            names = [w.tabText(i) for i in range(w.count())]
            if not all(sensible(n) for n in names):
                problems.append(f"{describe(w)}: unnamed tab")
        elif not sensible(accessible_name(w)):
            problems.append(f"{describe(w)}: no accessible name (got {accessible_name(w)!r})")
        if not (w.focusPolicy() & Qt.TabFocus) and not tab_exempt(w):
            problems.append(f"{describe(w)}: not reachable with Tab")
        if isinstance(w, QAbstractItemView) and w.tabKeyNavigation():
            problems.append(f"{describe(w)}: Tab moves between cells instead of leaving the view")
        if isinstance(w, (QTextEdit, QPlainTextEdit)) and not w.isReadOnly() and not w.tabChangesFocus():
            problems.append(f"{describe(w)}: Tab types a tab character instead of moving on")
    return problems


def tab_targets(root: QWidget) -> list[QWidget]:
    return [w for w in interactive_widgets(root)
            if w.focusPolicy() & Qt.TabFocus and not tab_exempt(w)]


def tab_cycle(qtbot, root: QWidget, limit: int = 400) -> list[QWidget]:
    """Press Tab from the first control until focus comes back; the widgets focused."""
    window = root.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    targets = tab_targets(root)
    if not targets:
        return []
    targets[0].setFocus(Qt.TabFocusReason)
    start = QApplication.focusWidget()
    seen = [start]
    for _ in range(limit):
        current = QApplication.focusWidget()
        qtbot.keyClick(current, Qt.Key_Tab)
        now = QApplication.focusWidget()
        if now is start:
            break
        seen.append(now)
    return seen


def missed_by_tab(qtbot, root: QWidget) -> list[str]:
    """Controls Tab never reaches. Buttons of an exclusive group (the step buttons of a
    form) count as reached with any one of them: like radio buttons, Tab enters the
    group at the checked one and the arrow keys move between them."""
    reached = set(map(id, tab_cycle(qtbot, root)))
    out = []
    for w in tab_targets(root):
        proxy = w
        while proxy.focusProxy() is not None:
            proxy = proxy.focusProxy()
        group = w.group() if isinstance(w, QAbstractButton) else None
        if group is not None and group.exclusive() and any(id(b) in reached for b in group.buttons()):
            continue
        if id(w) not in reached and id(proxy) not in reached:
            out.append(describe(w))
    return out


def duplicate_names(root: QWidget) -> list[str]:
    """Names two controls under ``root`` share: a screen reader user cannot tell which
    "Add" is which. A slider and the spin box beside it (one value, two ways to set it)
    may share theirs."""
    by_name: dict[str, list[QWidget]] = {}
    for w in interactive_widgets(root):
        if not isinstance(w, QTabBar):
            by_name.setdefault(accessible_name(w), []).append(w)
    out = []
    for name, widgets in by_name.items():
        if len(widgets) < 2:
            continue
        pair = (len(widgets) == 2 and widgets[0].parentWidget() is widgets[1].parentWidget()
                and any(isinstance(w, QSlider) for w in widgets)
                and any(isinstance(w, QAbstractSpinBox) for w in widgets))
        if not pair:
            out.append(f"{name!r} names {len(widgets)} controls: "
                       + "; ".join(describe(w) for w in widgets))
    return out


def clipped_texts(root: QWidget) -> list[str]:
    """Labels that do not wrap and buttons narrower than their text needs."""
    from PySide6.QtWidgets import QLabel

    out = []
    for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if not w.isVisible() or w.window() is not root.window():
            continue
        if isinstance(w, QLabel) and (w.wordWrap() or not w.text()):
            continue
        if w.sizePolicy().horizontalPolicy() == w.sizePolicy().Policy.Ignored:
            continue  # elides its text on purpose (the full text is in its tooltip)
        if w.width() + 2 < w.sizeHint().width():
            out.append(f"{describe(w)} {w.text()[:50]!r}: {w.width()} px of {w.sizeHint().width()}")
    return out
