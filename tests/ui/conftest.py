from __future__ import annotations

import pytest


@pytest.fixture
def window(qtbot, db, data_dir):
    """The real main window on a fresh diary."""
    from coach.ui.app import make_application
    from coach.ui.main_window import MainWindow

    make_application()
    win = MainWindow(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.flush_all()
    # Nothing of this window may run in a later test (its diary is gone by then):
    # stop its timers and delete it now rather than whenever an event loop next spins.
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer

    for timer in win.findChildren(QTimer):
        timer.stop()
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user: ASCII as key presses, Chinese as an input-method commit."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    chunk = ""
    for ch in text + "\0":
        if ch != "\0" and ch.isascii():
            chunk += ch
            continue
        if chunk:
            qtbot.keyClicks(widget, chunk)
            chunk = ""
        if ch != "\0":
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)
