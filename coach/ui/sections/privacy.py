"""Settings → Privacy: a passphrase that encrypts the diary and its backups
(SQLCipher), changing or removing it, and the idle lock.

Converting runs off the UI thread (:func:`coach.ui.jobs.run_job`) after
pending typing is saved and the diary is closed; the diary object stays the
same and reconnects with the new key when the conversion is done. See
:mod:`coach.store.crypt` for how a conversion is made safe.
"""
from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ... import i18n, paths
from ...store import crypt, settings
from ...store.connection import current_database
from ..jobs import run_job
from ..lock import DEFAULT_MINUTES, SETTING_MINUTES, IdleLock, lock_minutes

log = logging.getLogger(__name__)

ORDER = 1005


class PassphraseDialog(QDialog):
    """``mode``: "set" (new twice + warning), "change" (current + new twice),
    "remove" (current only)."""

    def __init__(self, mode: str, parent=None):
        super().__init__(parent)
        self.mode = mode
        self.setObjectName(f"passphraseDialog-{mode}")
        self.setWindowTitle(i18n.tr(f"crypt.{mode}.title"))
        lay = QVBoxLayout(self)
        self.warning = QLabel(i18n.tr(f"crypt.{mode}.warning"), self)
        self.warning.setWordWrap(True)
        self.warning.setObjectName("promptBanner")
        lay.addWidget(self.warning)
        form = QFormLayout()
        self.current = self._edit("currentPassphrase")
        self.new = self._edit("newPassphrase")
        self.again = self._edit("againPassphrase")
        if mode in ("change", "remove"):
            form.addRow(i18n.tr("crypt.current"), self.current)
        else:
            self.current.hide()
        if mode in ("set", "change"):
            form.addRow(i18n.tr("crypt.new"), self.new)
            form.addRow(i18n.tr("crypt.again"), self.again)
        else:
            self.new.hide()
            self.again.hide()
        lay.addLayout(form)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText(i18n.tr(f"crypt.{mode}.ok"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(i18n.tr("common.cancel"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def _edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.Password)
        return edit

    def problem(self) -> str | None:
        if self.mode in ("change", "remove") and not crypt.check_passphrase(self.current.text()):
            return i18n.tr("crypt.lock.wrong")
        if self.mode in ("set", "change"):
            if not self.new.text():
                return i18n.tr("crypt.error.empty")
            if self.new.text() != self.again.text():
                return i18n.tr("crypt.error.mismatch")
            if self.mode == "change" and self.new.text() == self.current.text():
                return i18n.tr("crypt.error.same")
        return None

    def _accept(self):
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.accept()

    def passphrase(self) -> str | None:
        return self.new.text() if self.mode in ("set", "change") else None


class PrivacyPanel(QGroupBox):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("privacyPanel")
        lay = QVBoxLayout(self)
        self.status = QLabel(self)
        self.status.setObjectName("privacyStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        row = QHBoxLayout()
        self.set_button = QPushButton(self)
        self.set_button.setObjectName("setPassphrase")
        self.change_button = QPushButton(self)
        self.change_button.setObjectName("changePassphrase")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removePassphrase")
        for button, mode in ((self.set_button, "set"), (self.change_button, "change"),
                             (self.remove_button, "remove")):
            button.clicked.connect(lambda _=False, m=mode: self.start(m))
            row.addWidget(button)
        row.addStretch(1)
        lay.addLayout(row)
        form = QFormLayout()
        self.minutes_label = QLabel(self)
        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("lockMinutes")
        self.minutes.setRange(0, 240)
        self.minutes.setValue(lock_minutes())
        self.minutes_label.setBuddy(self.minutes)
        self.minutes.valueChanged.connect(self._minutes_changed)
        form.addRow(self.minutes_label, self.minutes)
        lay.addLayout(form)
        self.note = QLabel(self)
        self.note.setObjectName("fieldHelp")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.job = None
        self.retranslate()

    @property
    def idle_lock(self) -> IdleLock:
        return self.ctx.window.idle_lock

    def _minutes_changed(self, value: int):
        settings.set(SETTING_MINUTES, int(value))
        self.idle_lock.reconfigure()

    def encrypted(self) -> bool:
        return crypt.passphrase() is not None and crypt.is_encrypted(paths.db_path(self.ctx.data_dir))

    def retranslate(self):
        self.setTitle(i18n.tr("crypt.title"))
        on = self.encrypted()
        self.status.setText(i18n.tr("crypt.status.on" if on else "crypt.status.off"))
        self.set_button.setText(i18n.tr("crypt.set.button"))
        self.change_button.setText(i18n.tr("crypt.change.button"))
        self.remove_button.setText(i18n.tr("crypt.remove.button"))
        self.set_button.setVisible(not on)
        self.change_button.setVisible(on)
        self.remove_button.setVisible(on)
        self.minutes_label.setText(i18n.tr("crypt.minutes"))
        self.minutes.setSpecialValueText(i18n.tr("crypt.never"))
        self.minutes.setSuffix(i18n.tr("crypt.minutes_suffix"))
        self.minutes.setEnabled(on)
        self.note.setText(i18n.tr("crypt.note"))

    def start(self, mode: str):
        dialog = PassphraseDialog(mode, self)
        self.dialog = dialog
        if dialog.exec() != QDialog.Accepted:
            return
        self.convert(crypt.passphrase(), dialog.passphrase())

    def convert(self, old: str | None, new: str | None):
        """Save pending typing, close the diary, convert it off the UI thread,
        reconnect with the new key."""
        window = self.ctx.window
        window.flush_all()
        if any(getattr(p, "dirty", False) for p in window.tool_pages.values()):
            QMessageBox.warning(self, i18n.tr("app.name"), i18n.tr("crypt.error.unsaved"))
            return
        database = current_database()
        path = paths.db_path(self.ctx.data_dir)
        database.close()

        def work(progress, _cancelled):
            return crypt.convert_diary(path, old=old, new=new, progress=progress)

        def reconnect():
            database.passphrase = crypt.key_for_diary(path)
            database.connect(reuse_if_open=True)
            self.retranslate()
            self.idle_lock.reconfigure()

        def done(failed):
            reconnect()
            text = i18n.tr("crypt.done.on" if new else "crypt.done.off")
            if failed:
                text += "\n\n" + i18n.tr("crypt.done.failed", names=", ".join(failed))
            QMessageBox.information(self, i18n.tr("app.name"), text)

        def error(exc):
            log.error("conversion failed: %s", exc)
            reconnect()
            return False  # the standard warning says what went wrong; nothing changed

        label = i18n.tr("crypt.working.on" if new else "crypt.working.off")
        self.job = run_job(self, label, work, done, on_error=error, cancellable=False)


def create_settings_panel(ctx):
    if getattr(ctx.window, "idle_lock", None) is None:
        ctx.window.idle_lock = IdleLock(ctx.window)
    return PrivacyPanel(ctx)


__all__ = ["PrivacyPanel", "PassphraseDialog", "create_settings_panel", "DEFAULT_MINUTES"]
