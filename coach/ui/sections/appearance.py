"""Settings → Appearance: follow the system colour scheme, or light, or dark."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel

from ... import i18n
from ...store import settings
from .. import theme

ORDER = 950


class AppearancePanel(QGroupBox):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        self.label = QLabel(self)
        self.combo = QComboBox(self)
        self.combo.setObjectName("appearanceCombo")
        for key in theme.MODES:
            self.combo.addItem("", key)
        self.label.setBuddy(self.combo)
        self.combo.activated.connect(self._chosen)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("fieldHelp")
        form.addRow(self.label, self.combo)
        form.addRow(self.note)
        self.retranslate()

    def _chosen(self, _index):
        key = self.combo.currentData()
        settings.set(theme.SETTING, key)
        theme.apply(key)

    def retranslate(self):
        self.setTitle(i18n.tr("appearance.title"))
        self.label.setText(i18n.tr("appearance.theme"))
        for i in range(self.combo.count()):
            self.combo.setItemText(i, i18n.tr(f"appearance.{self.combo.itemData(i)}"))
        current = settings.get(theme.SETTING) or "system"
        self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        self.note.setText(i18n.tr("appearance.note"))


def create_settings_panel(ctx):
    return AppearancePanel(ctx)
