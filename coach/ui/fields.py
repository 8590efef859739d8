"""One widget class per field kind. The form renderer picks them by kind.

Tools that need a special widget register it with :func:`register_widget`
and use ``Field(kind="custom", widget=NAME)``; the renderer is never forked.
Every widget emits ``changed`` on user edits, returns stable keys / numbers
from ``value()`` and accepts the same from ``set_value()``.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..tools.base import CHECKLIST_STATES, OTHER, Field

_CUSTOM: dict[str, type["FieldWidget"]] = {}


def register_widget(name: str, cls: type["FieldWidget"]) -> None:
    _CUSTOM[name] = cls


class FieldWidget(QWidget):
    """Base class: a labelled editor for one field of a tool spec."""

    changed = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setObjectName(f"field_{field.key}")

    def value(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def set_value(self, value: Any, data: dict | None = None) -> None:  # pragma: no cover
        raise NotImplementedError

    def retranslate(self) -> None:
        pass

    def focus_target(self) -> QWidget:
        return self

    def extra_values(self) -> dict[str, Any]:
        """Additional keys this widget owns (e.g. ``<key>_other``)."""
        return {}

    def attach(self, form) -> None:
        """Called once the whole form is built.

        A widget that reads sibling fields (e.g. a picture of several answers)
        keeps ``form`` and uses ``form.value()`` / ``form.changed`` or
        ``form.widgets``; ``form.ctx`` is the AppContext (or None) and
        ``form.host`` the page showing the form (or None).
        """

    def saved(self, data: dict) -> None:
        """Called after the entry was written, with the data as stored."""


def _h(parent=None, margins=0, spacing=6) -> QHBoxLayout:
    lay = QHBoxLayout(parent)
    lay.setContentsMargins(margins, margins, margins, margins)
    lay.setSpacing(spacing)
    return lay


class TextWidget(FieldWidget):
    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(field.max_length)
        _h(self).addWidget(self.edit)
        self.edit.textEdited.connect(self.changed)
        self.setFocusProxy(self.edit)
        self.retranslate()

    def retranslate(self):
        self.edit.setPlaceholderText(self.field.placeholder.get() if self.field.placeholder else "")
        self.edit.setAccessibleName(self.field.label.get())

    def value(self):
        return self.edit.text() or None

    def set_value(self, value, data=None):
        self.edit.setText(value if isinstance(value, str) else "")


class LongTextWidget(FieldWidget):
    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        _h(self).addWidget(self.edit)
        self.edit.textChanged.connect(self._on_text)
        # Re-fit when the wrapped text changes its line count (typing or a new width).
        self.edit.document().documentLayout().documentSizeChanged.connect(lambda _s: self._fit_height())
        self._fit_height()
        self._loading = False
        self.setFocusProxy(self.edit)
        self.retranslate()

    def _on_text(self):
        if not self._loading:
            self.changed.emit()

    def _fit_height(self, min_lines: int = 3, max_lines: int = 12):
        """Grow with the text between 3 and 12 lines instead of a fixed block."""
        lines = int(self.edit.document().size().height()) or 1
        lines = max(min_lines, min(max_lines, lines + 1))
        frame = 2 * self.edit.frameWidth() + int(self.edit.document().documentMargin() * 2)
        height = lines * self.edit.fontMetrics().lineSpacing() + frame
        if height != self.edit.height():
            self.edit.setFixedHeight(height)

    def retranslate(self):
        self.edit.setPlaceholderText(self.field.placeholder.get() if self.field.placeholder else "")
        self.edit.setAccessibleName(self.field.label.get())

    def value(self):
        return self.edit.toPlainText() or None

    def set_value(self, value, data=None):
        self._loading = True
        try:
            self.edit.setPlainText(value if isinstance(value, str) else "")
        finally:
            self._loading = False


class SliderWidget(FieldWidget):
    """A slider with a spin box; the spin box's lowest value means 'not rated'."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        lo, hi = field.min or 0, field.max if field.max is not None else 100
        self.slider = QSlider(Qt.Horizontal, self)
        self.slider.setRange(lo, hi)
        self.slider.setPageStep(max(1, (hi - lo) // 10))
        self.spin = QSpinBox(self)
        self.spin.setRange(lo - 1, hi)
        self.spin.setSpecialValueText("—")
        self.spin.setSuffix(field.unit)
        self.spin.setMinimumWidth(72)
        self.spin.setButtonSymbols(QAbstractSpinBox.PlusMinus)
        lay = _h(self)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.spin)
        self._lo = lo
        self._sync = False
        self.slider.valueChanged.connect(self._from_slider)
        self.spin.valueChanged.connect(self._from_spin)
        self.slider.sliderPressed.connect(lambda: self._from_slider(self.slider.value()))
        self.setFocusProxy(self.slider)
        self.set_value(None)
        self.retranslate()

    def retranslate(self):
        self.slider.setAccessibleName(self.field.label.get())
        self.spin.setAccessibleName(self.field.label.get())

    def _from_slider(self, v):
        if self._sync:
            return
        self._sync = True
        self.spin.setValue(v)
        self._sync = False
        self.changed.emit()

    def _from_spin(self, v):
        if self._sync:
            return
        self._sync = True
        if v >= self._lo:
            self.slider.setValue(v)
        self._sync = False
        self.changed.emit()

    def value(self):
        v = self.spin.value()
        return None if v < self._lo else v

    def set_value(self, value, data=None):
        self._sync = True
        if isinstance(value, int) and not isinstance(value, bool) \
                and self._lo <= value <= self.slider.maximum():
            self.spin.setValue(value)
            self.slider.setValue(value)
        else:
            self.spin.setValue(self._lo - 1)
            self.slider.setValue(self._lo)
        self._sync = False


class RatingWidget(FieldWidget):
    """1..N as a row of toggle buttons; number keys pick a value, 0 clears."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        lo, hi = field.min or 1, field.max or 5
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        lay = _h(self, spacing=4)
        self.buttons: list[QToolButton] = []
        for n in range(lo, hi + 1):
            b = QToolButton(self)
            b.setText(str(n))
            b.setCheckable(True)
            b.setMinimumWidth(34)
            b.setFocusPolicy(Qt.StrongFocus)
            self.group.addButton(b, n)
            lay.addWidget(b)
            self.buttons.append(b)
        lay.addStretch(1)
        self.group.idClicked.connect(self._clicked)
        self._value: int | None = None
        self._lo, self._hi = lo, hi
        self.setFocusProxy(self.buttons[0])
        self.retranslate()

    def retranslate(self):
        for b in self.buttons:
            b.setAccessibleName(f"{self.field.label.get()} {b.text()}")

    def _clicked(self, n):
        self._value = None if self._value == n else n
        self._paint()
        self.changed.emit()

    def keyPressEvent(self, event):
        text = event.text()
        if text.isdigit():
            n = int(text)
            if self._lo <= n <= self._hi:
                self._clicked(n) if self._value != n else None
                return
            if n == 0:
                self._value = None
                self._paint()
                self.changed.emit()
                return
        super().keyPressEvent(event)

    def _paint(self):
        for b in self.buttons:
            b.setChecked(self._value is not None and self.group.id(b) <= self._value)

    def value(self):
        return self._value

    def set_value(self, value, data=None):
        self._value = (value if isinstance(value, int) and not isinstance(value, bool)
                       and self._lo <= value <= self._hi else None)
        self._paint()


class ChoiceWidget(FieldWidget):
    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.combo = QComboBox(self)
        self.combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.other = QLineEdit(self)
        self.other.setVisible(False)
        lay = _h(self)
        lay.addWidget(self.combo)
        lay.addWidget(self.other, 1)
        if not field.allow_other:
            lay.addStretch(1)
        self._fill()
        self.combo.activated.connect(lambda _i: (self._toggle_other(), self.changed.emit()))
        self.other.textEdited.connect(self.changed)
        self.setFocusProxy(self.combo)
        self.retranslate()

    def _fill(self, current=...):
        if current is ...:
            current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("—", None)
        for c in self.field.choices:
            if c.hidden and c.key != current:
                continue  # hidden by the user, unless this entry already uses it
            self.combo.addItem(c.label.get(), c.key)
        idx = self.combo.findData(current)
        self.combo.setCurrentIndex(max(idx, 0))
        self.combo.blockSignals(False)

    def _toggle_other(self):
        show = self.field.allow_other and self.combo.currentData() == OTHER
        self.other.setVisible(show)
        if show:
            self.other.setFocus()

    def retranslate(self):
        self._fill()
        self.combo.setAccessibleName(self.field.label.get())
        self.other.setPlaceholderText(i18n.tr("form.other_placeholder"))

    def value(self):
        return self.combo.currentData()

    def extra_values(self):
        if self.field.allow_other:
            text = self.other.text()
            return {f"{self.field.key}_other": text if self.value() == OTHER and text else None}
        return {}

    def set_value(self, value, data=None):
        self._fill(value if isinstance(value, str) else None)
        idx = self.combo.findData(value) if isinstance(value, str) else -1
        self.combo.setCurrentIndex(max(idx, 0))
        if self.field.allow_other:
            self.other.setText(str((data or {}).get(f"{self.field.key}_other") or ""))
            self.other.setVisible(self.combo.currentData() == OTHER)


class MultiChoiceWidget(FieldWidget):
    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        columns = 2
        for i, c in enumerate(field.choices):
            box = QCheckBox(self)
            box.toggled.connect(self.changed)
            grid.addWidget(box, i // columns, i % columns)
            self.boxes[c.key] = box
        self.setFocusProxy(next(iter(self.boxes.values())))
        self.retranslate()

    def retranslate(self):
        for c in self.field.choices:
            self.boxes[c.key].setText(c.label.get())
            self.boxes[c.key].setToolTip(c.help.get() if c.help else "")
        self._hide_hidden()

    def _hide_hidden(self):
        """Choices the user hid are not offered, unless this entry already has them."""
        for c in self.field.choices:
            box = self.boxes[c.key]
            box.setVisible(not c.hidden or box.isChecked())

    def value(self):
        picked = [k for k, b in self.boxes.items() if b.isChecked()]
        return picked or None

    def set_value(self, value, data=None):
        chosen = {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()
        for k, b in self.boxes.items():
            b.blockSignals(True)
            b.setChecked(k in chosen)
            b.blockSignals(False)
        self._hide_hidden()


class BoolWidget(FieldWidget):
    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.box = QCheckBox(self)
        _h(self).addWidget(self.box)
        self.box.toggled.connect(self.changed)
        self._touched = False
        self.box.toggled.connect(lambda _v: setattr(self, "_touched", True))
        self.setFocusProxy(self.box)
        self.retranslate()

    def retranslate(self):
        self.box.setText(i18n.tr("common.yes"))
        self.box.setAccessibleName(self.field.label.get())

    def value(self):
        return True if self.box.isChecked() else (False if self._touched else None)

    def set_value(self, value, data=None):
        self.box.blockSignals(True)
        self.box.setChecked(bool(value))
        self.box.blockSignals(False)
        self._touched = isinstance(value, bool)


class DateWidget(FieldWidget):
    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.enabled = QCheckBox(self)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(QDate.currentDate())
        self.edit.setEnabled(False)
        lay = _h(self)
        lay.addWidget(self.enabled)
        lay.addWidget(self.edit)
        lay.addStretch(1)
        self.enabled.toggled.connect(self._toggle)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.setFocusProxy(self.enabled)
        self.retranslate()

    def _toggle(self, on):
        self.edit.setEnabled(on)
        self.changed.emit()

    def retranslate(self):
        self.enabled.setText(i18n.tr("form.date_set"))
        self.edit.setAccessibleName(self.field.label.get())

    def value(self):
        if not self.enabled.isChecked():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day()).isoformat()

    def set_value(self, value, data=None):
        self.enabled.blockSignals(True)
        self.edit.blockSignals(True)
        try:
            parsed = date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        self.enabled.setChecked(parsed is not None)
        self.edit.setEnabled(parsed is not None)
        if parsed:
            self.edit.setDate(QDate(parsed.year, parsed.month, parsed.day))
        self.enabled.blockSignals(False)
        self.edit.blockSignals(False)


class ChecklistWidget(FieldWidget):
    """Each item: open / done / not needed (radio buttons, keyboard reachable)."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 1)
        self.labels: dict[str, QLabel] = {}
        self.groups: dict[str, QButtonGroup] = {}
        self.radios: dict[str, dict[str, QRadioButton]] = {}
        for row, c in enumerate(field.choices):
            label = QLabel(self)
            label.setWordWrap(True)
            grid.addWidget(label, row, 0)
            group = QButtonGroup(self)
            self.radios[c.key] = {}
            for col, state in enumerate(CHECKLIST_STATES):
                rb = QRadioButton(self)
                group.addButton(rb, col)
                grid.addWidget(rb, row, col + 1)
                self.radios[c.key][state] = rb
            self.radios[c.key]["open"].setChecked(True)
            group.idToggled.connect(lambda _i, on: on and self.changed.emit())
            self.labels[c.key] = label
            self.groups[c.key] = group
        self.retranslate()

    def retranslate(self):
        for c in self.field.choices:
            self.labels[c.key].setText(c.label.get())
            self.labels[c.key].setToolTip(c.help.get() if c.help else "")
            for state, rb in self.radios[c.key].items():
                rb.setText(i18n.tr(f"checklist.{state}"))
                # every item has the same three buttons: say which item each belongs to
                rb.setAccessibleName(i18n.tr("a11y.action_for", what=c.label.get(),
                                             action=i18n.tr(f"checklist.{state}")))

    def value(self):
        out = {}
        for key, states in self.radios.items():
            for state, rb in states.items():
                if rb.isChecked() and state != "open":
                    out[key] = state
        return out or None

    def set_value(self, value, data=None):
        value = value if isinstance(value, dict) else {}
        for key, states in self.radios.items():
            state = value.get(key, "open")
            rb = states.get(state, states["open"]) if isinstance(state, str) else states["open"]
            self.groups[key].blockSignals(True)
            rb.setChecked(True)
            self.groups[key].blockSignals(False)


def make_widget(field: Field, parent: QWidget | None = None, **context) -> FieldWidget:
    # ``widget`` names a registered editor: required for kind "custom", and for
    # other kinds a replacement editor that keeps the kind's value type.
    if field.kind == "custom" or field.widget:
        from .widgets import load_all

        load_all()
        try:
            cls = _CUSTOM[field.widget]
        except KeyError:
            raise KeyError(f"no widget registered as {field.widget!r}") from None
        return cls(field, parent, **context) if context else cls(field, parent)
    if field.kind == "rows":
        from .rows import RowsWidget

        return RowsWidget(field, parent)
    if field.kind == "rerate":
        from .rows import RerateWidget

        return RerateWidget(field, parent, **context)
    return _BASIC[field.kind](field, parent)


_BASIC: dict[str, Callable[..., FieldWidget]] = {
    "text": TextWidget,
    "longtext": LongTextWidget,
    "slider": SliderWidget,
    "rating": RatingWidget,
    "choice": ChoiceWidget,
    "multichoice": MultiChoiceWidget,
    "bool": BoolWidget,
    "date": DateWidget,
    "checklist": ChecklistWidget,
}


def make_add_button(text: str, parent: QWidget) -> QPushButton:
    b = QPushButton(text, parent)
    b.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Fixed)
    return b


def vbox(widget: QWidget, margins: int = 0, spacing: int = 6) -> QVBoxLayout:
    lay = QVBoxLayout(widget)
    lay.setContentsMargins(margins, margins, margins, margins)
    lay.setSpacing(spacing)
    return lay
