"""The focus ring survives the page it sat on being deleted, and only the ring
uses the Python style (the rest of the app stays on Fusion, for speed)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from coach.ui import theme


def _page(qtbot):
    page = QWidget()
    lay = QVBoxLayout(page)
    first, second = QLineEdit(page), QLineEdit(page)
    lay.addWidget(first)
    lay.addWidget(second)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page, second


def test_ring_moves_on_after_its_page_is_deleted(qtbot):
    from coach.ui.app import make_application

    app = make_application()
    assert not isinstance(app.style(), theme.FocusStyle)
    page, field = _page(qtbot)
    field.setFocus(Qt.TabFocusReason)
    QApplication.processEvents()
    assert theme.focus_ring_target() is field
    page.deleteLater()  # the ring's frame and its style go with the page
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    other_page, other = _page(qtbot)
    other.setFocus(Qt.TabFocusReason)  # a new frame, with a style of its own
    QApplication.processEvents()
    assert theme.focus_ring_target() is other
