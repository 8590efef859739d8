"""The passphrase at start and the idle lock.

- :func:`ask_passphrase_at_start` runs before the diary is opened when it is
  encrypted: a wrong passphrase is said plainly and the user tries again;
  Cancel quits without touching anything.
- :class:`IdleLock` watches input events for the whole application. With a
  passphrase set, after N idle minutes it saves pending typing, hides the
  main window's content behind a :class:`LockScreen` (the content widget is
  taken out of the window, not destroyed), hides other windows and asks for
  the passphrase; unlocking puts everything back as it was.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..store import crypt, settings

log = logging.getLogger(__name__)

SETTING_MINUTES = "privacy.lock_minutes"
DEFAULT_MINUTES = 10
_INPUT_EVENTS = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel,
                 QEvent.TouchBegin, QEvent.ShortcutOverride}


def lock_minutes() -> int:
    try:
        value = int(settings.get(SETTING_MINUTES, DEFAULT_MINUTES))
    except (TypeError, ValueError):
        value = DEFAULT_MINUTES
    return max(0, value)


class StartPassphraseDialog(QDialog):
    """Asks for the passphrase of an encrypted diary before it is opened."""

    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.setObjectName("startPassphrase")
        self.setWindowTitle(i18n.tr("app.name"))
        lay = QVBoxLayout(self)
        self.intro = QLabel(i18n.tr("crypt.start.intro"), self)
        self.intro.setWordWrap(True)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("passphraseEdit")
        self.edit.setEchoMode(QLineEdit.Password)
        self.edit.setAccessibleName(i18n.tr("crypt.passphrase"))
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(i18n.tr("crypt.start.open"))
        buttons.button(QDialogButtonBox.Cancel).setText(i18n.tr("crypt.start.quit"))
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        for w in (self.intro, self.edit, self.error, buttons):
            lay.addWidget(w)
        self.setMinimumWidth(420)

    def try_open(self):
        from ..store.connection import StoreError, WrongPassphraseError, inspect_file

        key = self.edit.text()
        if not key:
            self.show_error(i18n.tr("crypt.error.empty"))
            return
        crypt.set_passphrase(key)
        try:
            inspect_file(self.db_path)
        except WrongPassphraseError as exc:
            crypt.set_passphrase(None)
            self.show_error(i18n.tr(exc.message_key, **exc.args_))
            self.edit.selectAll()
            self.edit.setFocus()
            return
        except StoreError:
            pass  # damaged for another reason: open_or_recover explains and offers a backup
        self.accept()

    def show_error(self, text: str):
        self.error.setText(text)
        self.error.show()


def ask_passphrase_at_start(db_path: Path) -> bool:
    """True when the diary may be opened (plain, or the right passphrase is
    now in memory); False when the user chose to quit."""
    if not crypt.is_encrypted(db_path):
        return True
    dialog = StartPassphraseDialog(db_path)
    ok = dialog.exec() == QDialog.Accepted
    if not ok:
        crypt.set_passphrase(None)
    return ok


class LockScreen(QWidget):
    """What the window shows while locked: no diary content at all."""

    unlocked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("lockScreen")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QVBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        self.heading.setAlignment(Qt.AlignCenter)
        self.help = QLabel(self)
        self.help.setObjectName("fieldHelp")
        self.help.setWordWrap(True)
        self.help.setAlignment(Qt.AlignCenter)
        row = QHBoxLayout()
        self.edit = QLineEdit(self)
        self.edit.setObjectName("unlockEdit")
        self.edit.setEchoMode(QLineEdit.Password)
        self.edit.setMinimumWidth(260)
        self.edit.returnPressed.connect(self.try_unlock)
        self.button = QPushButton(self)
        self.button.setObjectName("unlockButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.try_unlock)
        row.addStretch(1)
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addStretch(1)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setAlignment(Qt.AlignCenter)
        self.error.setWordWrap(True)
        self.error.hide()
        box.addWidget(self.heading)
        box.addWidget(self.help)
        box.addLayout(row)
        box.addWidget(self.error)
        outer.addLayout(box)
        outer.addStretch(2)
        self._unsubscribe = i18n.on_change(lambda _l: self.retranslate())
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.retranslate()

    def retranslate(self):
        self.heading.setText(i18n.tr("crypt.lock.heading"))
        self.help.setText(i18n.tr("crypt.lock.help"))
        self.edit.setAccessibleName(i18n.tr("crypt.passphrase"))
        self.edit.setPlaceholderText(i18n.tr("crypt.passphrase"))
        self.button.setText(i18n.tr("crypt.lock.unlock"))
        if self.error.isVisible():
            self.error.setText(i18n.tr("crypt.lock.wrong"))

    def try_unlock(self):
        if crypt.check_passphrase(self.edit.text()):
            self.edit.clear()
            self.error.hide()
            self.unlocked.emit()
        else:
            self.error.setText(i18n.tr("crypt.lock.wrong"))
            self.error.show()
            self.edit.selectAll()
            self.edit.setFocus()


class IdleLock(QObject):
    """Locks ``window`` after ``lock_minutes()`` without keyboard or mouse input
    (only while the diary has a passphrase; 0 minutes = never)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.locked = False
        self.screen: LockScreen | None = None
        self._content: QWidget | None = None
        self._hidden: list[QWidget] = []
        QApplication.instance().installEventFilter(self)
        window.destroyed.connect(self._remove_filter)
        self.reconfigure()

    def _remove_filter(self, *_):
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def reconfigure(self):
        """Read the minutes and the passphrase state again (after Settings changes)."""
        minutes = lock_minutes()
        if crypt.passphrase() and minutes > 0:
            self.timer.setInterval(minutes * 60_000)
            if not self.locked:
                self.timer.start()
        else:
            self.timer.stop()

    def eventFilter(self, obj, event):
        if not self.locked and event.type() in _INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False

    def lock(self):
        if self.locked or not crypt.passphrase():
            return
        self.window.flush_all()  # pending autosaves reach the diary first
        self.locked = True
        self.timer.stop()
        app = QApplication.instance()
        self._hidden = []
        for widget in app.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and widget.isWindow():
                widget.hide()  # a modal dialog that is hidden ends as cancelled
                if not (isinstance(widget, QDialog) and widget.isModal()):
                    self._hidden.append(widget)
        self._content = self.window.takeCentralWidget()
        self.screen = LockScreen()
        self.screen.unlocked.connect(self.unlock)
        self.window.setCentralWidget(self.screen)
        self.screen.show()
        self.window.menuBar().setEnabled(False)
        self.screen.edit.setFocus()
        log.info("locked after %d idle minutes", lock_minutes())

    def unlock(self):
        if not self.locked:
            return
        self.window.takeCentralWidget()
        self.window.setCentralWidget(self._content)
        self._content.show()
        self._content = None
        self.screen.deleteLater()
        self.screen = None
        self.window.menuBar().setEnabled(True)
        for widget in self._hidden:
            try:
                widget.show()
            except RuntimeError:  # closed meanwhile
                pass
        self._hidden = []
        self.locked = False
        self.reconfigure()
