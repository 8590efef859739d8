"""Linking people to an entry: a drop-down of checkable people plus 'New person…'."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from .. import i18n
from ..store import entries as store
from .check_menu import CheckMenuButton


class PersonDialog(QDialog):
    """Create or edit a person (name or pseudonym, department, customer type)."""

    def __init__(self, parent=None, person: store.PersonRecord | None = None):
        super().__init__(parent)
        self.person = person or store.PersonRecord(None, "")
        self.setWindowTitle(i18n.tr("people.dialog_title"))
        form = QFormLayout(self)
        self.name = QLineEdit(self.person.name, self)
        self.name.setObjectName("personName")
        self.department = QLineEdit(self.person.department, self)
        self.department.setObjectName("personDepartment")
        self.kind = QComboBox(self)
        self.kind.addItem("—", "")
        for key in store.CUSTOMER_TYPES:
            self.kind.addItem(i18n.tr(f"people.type.{key}"), key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(self.person.customer_type)))
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setVisible(False)
        form.addRow(i18n.tr("people.name"), self.name)
        form.addRow(i18n.tr("people.department"), self.department)
        form.addRow(i18n.tr("people.customer_type"), self.kind)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(i18n.tr("common.save"))
        buttons.button(QDialogButtonBox.Cancel).setText(i18n.tr("common.cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self):
        if not self.name.text().strip():
            self.error.setText(i18n.tr("people.name_required"))
            self.error.setVisible(True)
            self.name.setFocus()
            return
        self.person.name = self.name.text().strip()
        self.person.department = self.department.text().strip()
        self.person.customer_type = self.kind.currentData() or ""
        self.person = store.save_person(self.person)
        super().accept()


class PeoplePicker(CheckMenuButton):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("peoplePicker", parent)
        self.retranslate()

    def _fill(self):
        self._menu.clear()
        for p in store.people():
            self.add_item(f"{p.name} · {p.department}" if p.department else p.name, p.id)
        if self._menu.actions():
            self._menu.addSeparator()
        new = self._menu.addAction(i18n.tr("people.new"))
        new.triggered.connect(self._new_person)

    def _new_person(self):
        dlg = PersonDialog(self)
        if dlg.exec() == QDialog.Accepted and dlg.person.id is not None:
            self.toggle(dlg.person.id, True)

    def selected(self) -> list[int]:
        return list(self._selected)

    def set_selected(self, ids: list[int]):
        self._selected = list(ids)
        self.retranslate()

    def retranslate(self):
        n = len(self._selected)
        self.setText(i18n.tr("people.button", count=n) if n else i18n.tr("people.button_none"))
        self.setToolTip(i18n.tr("people.tooltip"))
        self.setAccessibleName(i18n.tr("people.tooltip"))
