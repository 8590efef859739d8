"""Settings: language (more preferences join here as they are built)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import i18n, paths
from ..store import settings


class SettingsPage(QWidget):
    def __init__(self, data_dir, parent=None):
        super().__init__(parent)
        self.nav_key = "settings"
        self.data_dir = data_dir
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        inner = QWidget(scroll)
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(24, 16, 24, 16)
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        lay.addWidget(self.heading)
        self.general = QGroupBox(self)
        form = QFormLayout(self.general)
        self.language = QComboBox(self.general)
        self.language.setObjectName("languageCombo")
        for code in i18n.LANGUAGES:
            self.language.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(self.language.findData(i18n.current()))
        self.language.activated.connect(self._language_chosen)
        self.language_label = QLabel(self.general)
        self.language_label.setBuddy(self.language)
        form.addRow(self.language_label, self.language)
        self.data_label = QLabel(self.general)
        self.data_value = QLabel(str(paths.db_path(data_dir)), self.general)
        self.data_value.setWordWrap(True)
        self.data_value.setTextInteractionFlags(Qt.TextSelectableByMouse)
        form.addRow(self.data_label, self.data_value)
        lay.addWidget(self.general)
        # Other areas (backups, reminders, appearance…) add their group boxes here.
        self.sections = QVBoxLayout()
        self.panels: list[QWidget] = []
        lay.addLayout(self.sections)
        lay.addStretch(1)
        self.retranslate()

    def add_panel(self, panel: QWidget) -> None:
        self.panels.append(panel)
        self.sections.addWidget(panel)

    def _language_chosen(self, _index):
        code = self.language.currentData()
        settings.set("language", code)
        i18n.set_language(code)

    def retranslate(self):
        self.heading.setText(i18n.tr("nav.settings"))
        self.general.setTitle(i18n.tr("settings.general"))
        self.language_label.setText(i18n.tr("settings.language"))
        self.data_label.setText(i18n.tr("settings.data_file"))
        self.language.setCurrentIndex(self.language.findData(i18n.current()))
        for panel in getattr(self, "panels", []):
            panel.retranslate()

    def title(self) -> str:
        return i18n.tr("nav.settings")
