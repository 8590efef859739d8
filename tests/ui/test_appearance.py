"""Dark mode: a manual choice in Settings switches every screen at once and is remembered."""
from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from coach.store import settings
from coach.ui import theme


def window_lightness() -> int:
    return QApplication.instance().palette().color(QPalette.Window).lightness()


def test_choose_dark_then_light_in_settings(qtbot, window):
    panel = next(p for p in window.settings_page.panels if hasattr(p, "combo")
                 and p.combo.objectName() == "appearanceCombo")
    seen = []
    theme._notifier().changed.connect(seen.append)
    try:
        panel.combo.setCurrentIndex(panel.combo.findData("dark"))
        panel.combo.activated.emit(panel.combo.currentIndex())
        assert theme.is_dark() and window_lightness() < 80
        assert settings.get("appearance") == "dark"
        assert window.home.palette().color(QPalette.Window).lightness() < 80
        panel.combo.setCurrentIndex(panel.combo.findData("light"))
        panel.combo.activated.emit(panel.combo.currentIndex())
        assert not theme.is_dark() and window_lightness() > 180
        assert seen == [True, False]
    finally:
        theme.apply("light")


def test_system_mode_follows_the_platform_default(qtbot, window):
    try:
        assert theme.apply("system") == theme.system_prefers_dark()
        assert theme.mode() == "system"
        assert theme.apply("nonsense") == theme.system_prefers_dark()  # unknown: follow the system
    finally:
        theme.apply("light")
