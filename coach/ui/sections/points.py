"""Practice points on Home (modest, one line) and the switch in Settings."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ... import i18n
from ...points import POINTS, summarise
from ...store import settings
from ...store.activity import practice_events

ORDER = 900
SETTING = "points_enabled"


def enabled() -> bool:
    value = settings.get(SETTING)
    return True if value is None else bool(value)


class PointsPanel(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setObjectName("pointsPanel")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(2, 0, 2, 0)
        self.label = QLabel(self)
        self.label.setObjectName("pointsLine")
        self.label.setWordWrap(True)
        lay.addWidget(self.label, 1)
        self.refresh()

    def refresh(self):
        on = enabled()
        self.setVisible(on)
        if not on:
            return
        s = summarise(practice_events())
        self.label.setText(i18n.tr("points.line", week=s.this_week, count=s.this_week_count,
                                   streak=s.streak_weeks, total=s.total))
        self.label.setToolTip(i18n.tr("points.tooltip", entry=POINTS["entry"], followup=POINTS["followup"]))

    def retranslate(self):
        self.refresh()


class PointsSettings(QGroupBox):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        self.box = QCheckBox(self)
        self.box.setObjectName("pointsEnabled")
        self.box.setChecked(enabled())
        self.box.toggled.connect(self._toggled)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("fieldHelp")
        lay.addWidget(self.box)
        lay.addWidget(self.note)
        self.retranslate()

    def _toggled(self, on: bool):
        settings.set(SETTING, on)
        self.ctx.refresh_home()

    def retranslate(self):
        self.setTitle(i18n.tr("points.settings_title"))
        self.box.setText(i18n.tr("points.settings_show"))
        self.note.setText(i18n.tr("points.settings_note", entry=POINTS["entry"], followup=POINTS["followup"]))


def create_home_panel(ctx) -> QWidget:
    return PointsPanel(ctx)


def create_settings_panel(ctx) -> QWidget:
    return PointsSettings(ctx)
