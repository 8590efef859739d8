"""Widgets for list-of-rows fields and for re-rating the rows of another field."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from .. import i18n
from ..tools.base import Field
from ..tools.view import format_value
from .fields import FieldWidget, SliderWidget, make_add_button, make_widget, vbox
from .layouts import chain_after


class _Row(QFrame):
    def __init__(self, owner: "RowsWidget", original: dict | None):
        super().__init__(owner)
        self.owner = owner
        self.original = dict(original or {})
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.widgets: list[FieldWidget] = []
        self.edited: set[str] = set()  # sub-fields the user changed in this row
        for sub in owner.field.fields:
            if sub.hidden:
                continue
            w = make_widget(sub, self)
            w.set_value(self.original.get(sub.key), self.original)
            w.changed.connect(lambda k=sub.key: self.edited.add(k))
            w.changed.connect(owner.changed)
            lay.addWidget(w, 2 if sub.kind in ("slider", "text", "longtext") else 0)
            self.widgets.append(w)
        self.remove = QToolButton(self)
        self.remove.setText("✕")
        self.remove.clicked.connect(lambda: owner.remove_row(self))
        lay.addWidget(self.remove)

    def value(self) -> dict:
        out = dict(self.original)
        for w in self.widgets:
            untouched = w.field.key not in self.edited
            if untouched and w.field.key in self.original:
                continue  # untouched: keep what was stored, even a value the widget cannot show
            v = w.value()
            if v is None:
                out.pop(w.field.key, None)
            else:
                out[w.field.key] = v
            for k, extra in w.extra_values().items():
                if untouched and k in self.original:
                    continue
                if extra is None:
                    out.pop(k, None)
                else:
                    out[k] = extra
        return out

    def retranslate(self):
        number = self.owner.rows.index(self) + 1 if self in self.owner.rows else len(self.owner.rows) + 1
        for w in self.widgets:
            w.retranslate()
            # Rows have no labels of their own: say what each cell is.
            w.setToolTip(w.field.label.get())
            edit = getattr(w, "edit", None)
            if edit is not None and hasattr(edit, "setPlaceholderText") and not w.field.placeholder:
                edit.setPlaceholderText(w.field.label.get())
            # ... and, for screen readers, which row it is in
            name = i18n.tr("a11y.cell", column=w.field.label.get(), row=number)
            for target in (w.focusProxy(), *w.findChildren(QWidget)):
                if target is not None and target.focusPolicy() & Qt.TabFocus:
                    target.setAccessibleName(name)
        self.remove.setToolTip(i18n.tr("form.remove_row"))
        self.remove.setAccessibleName(i18n.tr("a11y.remove_row", row=number))


class RowsWidget(FieldWidget):
    def __init__(self, field: Field, parent=None):
        super().__init__(field, parent)
        lay = vbox(self)
        # Never shown: marks this field's place in the Tab chain for the rows built later.
        self.tab_anchor = QWidget(self)
        self.tab_anchor.setFocusPolicy(Qt.TabFocus)  # setTabOrder ignores NoFocus widgets
        self.tab_anchor.hide()
        self.rows_box = QWidget(self)
        self.rows_lay = QVBoxLayout(self.rows_box)
        self.rows_lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.rows_box)
        self.add = make_add_button("", self)
        self.add.clicked.connect(self._add_clicked)
        lay.addWidget(self.add)
        self.rows: list[_Row] = []
        self.setFocusProxy(self.add)
        self.retranslate()

    def _order_tabs(self) -> None:
        """Tab goes through the rows, then the Add button, then on to the next field."""
        chain_after(self.tab_anchor, list(self.rows), then=self.add)

    def _add_clicked(self):
        row = self.add_row({})
        if row.widgets:
            row.widgets[0].setFocus()
        self.changed.emit()

    def add_row(self, data: dict) -> _Row:
        row = _Row(self, data)
        row.retranslate()
        self.rows.append(row)
        self.rows_lay.addWidget(row)
        self.setFocusProxy(row.widgets[0] if row.widgets else self.add)
        self._order_tabs()
        return row

    def remove_row(self, row: _Row):
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        for later in self.rows:  # the rows below move up a number
            later.retranslate()
        self.setFocusProxy(self.rows[0].widgets[0] if self.rows else self.add)
        self._order_tabs()
        self.changed.emit()

    def retranslate(self):
        self.add.setText(i18n.tr("form.add_row", what=self.field.label.get()))
        for row in self.rows:
            row.retranslate()

    def value(self):
        return [r.value() for r in self.rows] or None

    def set_value(self, value, data=None):
        for row in list(self.rows):
            row.setParent(None)
            row.deleteLater()
        self.rows.clear()
        for item in value if isinstance(value, list) else []:
            if isinstance(item, dict):
                self.add_row(item)
        self.setFocusProxy(self.rows[0].widgets[0] if self.rows and self.rows[0].widgets else self.add)


class RerateWidget(FieldWidget):
    """A second slider for every row of another rows field (e.g. emotions in E).

    The new rating is written straight into the source row (``field.target``),
    so removing a row in the source also removes its re-rating.
    """

    def __init__(self, field: Field, parent=None, source_widget: RowsWidget | None = None):
        super().__init__(field, parent)
        self.source_widget = source_widget
        self.lay = vbox(self)
        # Never shown: marks this field's place in the Tab chain for the sliders built later.
        self.tab_anchor = QWidget(self)
        self.tab_anchor.setFocusPolicy(Qt.TabFocus)  # setTabOrder ignores NoFocus widgets
        self.tab_anchor.hide()
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.lay.addWidget(self.empty)
        self.items: list[tuple[QLabel, SliderWidget]] = []
        if source_widget is not None:
            source_widget.changed.connect(self._source_changed)
        self.retranslate()

    def _name_of(self, row: dict) -> str:
        name_field = next((s for s in self.source_widget.field.fields if s.kind == "choice"), None)
        return format_value(name_field, row.get(name_field.key), row) if name_field else ""

    def _source_changed(self):
        if len(self.items) != len(self.source_widget.rows) or self.isVisible():
            self.refresh()

    def refresh(self):
        """Rebuild one slider per current source row."""
        for label, slider in self.items:
            label.setParent(None)
            slider.setParent(None)
            slider.deleteLater()
            label.deleteLater()
        self.items.clear()
        rows = self.source_widget.rows if self.source_widget else []
        for i, row in enumerate(rows):
            current = row.value()
            label = QLabel(self)
            label.setText(i18n.tr("form.rerate_row", name=self._name_of(current) or "?",
                                  before=current.get(self.field.source_value, "—")))
            slider = SliderWidget(Field(f"{self.field.key}_{i}", "slider", self.field.label,
                                        min=self.field.min, max=self.field.max), self)
            slider.set_value(row.original.get(self.field.target))
            slider.changed.connect(lambda r=row, s=slider: self._rated(r, s))
            label.setBuddy(slider)
            self.lay.addWidget(label)
            self.lay.addWidget(slider)
            self.items.append((label, slider))
        self.empty.setVisible(not rows)
        self.setFocusProxy(self.items[0][1] if self.items else None)
        chain_after(self.tab_anchor, [slider for _label, slider in self.items])

    def _rated(self, row, slider):
        v = slider.value()
        if v is None:
            row.original.pop(self.field.target, None)
        else:
            row.original[self.field.target] = v
        self.changed.emit()

    def retranslate(self):
        self.empty.setText(i18n.tr("form.rerate_empty"))
        self.refresh()

    def value(self):
        return None  # lives in the source rows

    def set_value(self, value, data=None):
        self.refresh()
