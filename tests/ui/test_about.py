"""Help → About: a real dialog with the version and the licences, in both languages."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

import coach
from coach import i18n, licenses


def open_about(qtbot, window):
    window.help_menu.popup(window.mapToGlobal(window.rect().center()))
    window.about_action.trigger()
    dialog = window.about_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_about_shows_version_and_font_licence(qtbot, window):
    dialog = open_about(qtbot, window)
    window.help_menu.hide()
    assert dialog.isVisible() and dialog.isModal()
    assert dialog.version_label.text() == f"Version {coach.__version__}"
    assert not dialog.icon.pixmap().isNull()
    # the first line is the bundled font, its OFL text shown below the table
    assert dialog.selected_component() is licenses.FONT
    assert "SIL OPEN FONT LICENSE" in dialog.licence_view.toPlainText().upper()


def test_choosing_a_library_shows_its_licence(qtbot, window):
    dialog = open_about(qtbot, window)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    row = names.index("peewee")
    dialog.table.setFocus()
    for _ in range(row):
        qtbot.keyClick(dialog.table, Qt.Key_Down)
    assert dialog.selected_component().name == "peewee"
    assert dialog.table.item(row, 2).text() == "MIT"
    assert "Permission is hereby granted" in dialog.licence_view.toPlainText()
    qt_row = names.index("Qt and Qt for Python")
    dialog.table.selectRow(qt_row)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence_view.toPlainText()


def test_about_switches_language_and_copies_version_info(qtbot, window):
    dialog = open_about(qtbot, window)
    i18n.set_language("zh_CN")
    assert dialog.windowTitle() == "关于协作教练"
    assert dialog.version_label.text() == f"版本 {coach.__version__}"
    assert dialog.table.horizontalHeaderItem(2).text() == "许可证"
    font_row = dialog.components.index(licenses.FONT)
    assert dialog.table.item(font_row, 3).text().startswith("界面")
    qtbot.mouseClick(dialog.copy_button, Qt.LeftButton)
    assert QApplication.clipboard().text() == licenses.version_info()
    assert dialog.copy_button.text() == "已复制"


def test_dialog_deleted_with_its_window_stops_following_language(qtbot, window):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    dialog = open_about(qtbot, window)
    dialog.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    i18n.set_language("zh_CN")  # would raise if the deleted dialog were still listening
    assert window.windowTitle().startswith("协作教练")


def test_escape_and_close_button_close_it(qtbot, window):
    dialog = open_about(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert not dialog.isVisible()
    dialog = open_about(qtbot, window)
    close = dialog.buttons.button(QDialogButtonBox.Close)
    assert close.text() == "Close"
    qtbot.mouseClick(close, Qt.LeftButton)
    assert not dialog.isVisible()
