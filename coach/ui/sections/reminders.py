"""Reminders: "Today" on Home, the list in Settings, desktop notifications while open."""
from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QTime, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSystemTrayIcon,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ... import reminders as rem
from ...store import settings

ORDER = 960
CHECK_MS = 60_000


def _day_names(days: list[int]) -> str:
    if sorted(days) == list(range(7)):
        return i18n.tr("reminders.weekdays_all")
    if sorted(days) == list(range(5)):
        return i18n.tr("reminders.workdays")
    return i18n.join(i18n.tr(f"weekday.d{d}") for d in sorted(days))


def _icon() -> QIcon:
    icon = QApplication.windowIcon()
    if not icon.isNull():
        return icon
    pix = QPixmap(32, 32)
    pix.fill(QColor(0, 0, 0, 0))
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    p.setBrush(QColor("#4e79a7"))
    p.setPen(QColor("#4e79a7"))
    p.drawEllipse(2, 2, 28, 28)
    p.end()
    return QIcon(pix)


class TodayPanel(QGroupBox):
    """Home: today's reminders and what is due; checks the clock every minute."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("todayPanel")
        lay = QVBoxLayout(self)
        self.label = QLabel(self)
        self.label.setObjectName("todayItems")
        self.label.setWordWrap(True)
        lay.addWidget(self.label)
        self.tray: QSystemTrayIcon | None = None
        self.fired_now: list[str] = []
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check_due)
        self.timer.start(CHECK_MS)
        QTimer.singleShot(0, self, self.check_due)  # not after the panel is gone
        self.retranslate()

    def refresh(self):
        items = rem.today_items(datetime.now())
        lines = [html.escape(t) for t in self.fired_now] + [html.escape(i.text) for i in items]
        self.label.setText("<br>".join(f"• {line}" for line in lines))
        self.setVisible(bool(lines))

    def retranslate(self):
        self.setTitle(i18n.tr("reminders.home_title"))
        self.refresh()

    def check_due(self, now: datetime | None = None) -> list[str]:
        """Fire weekly reminders whose time has come (once a day each)."""
        now = now or datetime.now()
        fired = dict(settings.get(rem.SETTING_FIRED) or {})
        due = rem.due_now(rem.load(), now, fired)
        texts = []
        for r in due:
            fired[r.id] = now.date().isoformat()
            texts.append(rem.reminder_text(r))
        if due:
            settings.set(rem.SETTING_FIRED, fired)
            self.fired_now = texts + [t for t in self.fired_now if t not in texts]
            self.notify(texts)
        self.refresh()
        return texts

    def notify(self, texts: list[str]) -> None:
        if settings.get(rem.SETTING_NOTIFY) is False or not QSystemTrayIcon.isSystemTrayAvailable():
            return  # Home still lists them
        if self.tray is None:
            self.tray = QSystemTrayIcon(_icon(), self)
            self.tray.activated.connect(lambda _r: self.ctx.window and self.ctx.window.activateWindow())
        self.tray.show()
        self.tray.showMessage(i18n.tr("reminders.notification_title"), "\n".join(texts),
                              QSystemTrayIcon.Information, 10_000)


class ReminderDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(i18n.tr("reminders.dialog_title"))
        form = QFormLayout(self)
        days = QWidget(self)
        dl = QHBoxLayout(days)
        dl.setContentsMargins(0, 0, 0, 0)
        self.days: list[QCheckBox] = []
        for d in range(7):
            box = QCheckBox(i18n.tr(f"weekday.d{d}"), days)
            box.setChecked(d < 5)
            dl.addWidget(box)
            self.days.append(box)
        self.time = QTimeEdit(QTime(18, 30), self)
        self.time.setDisplayFormat("HH:mm")
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(i18n.tr("reminders.default_text"))
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setVisible(False)
        form.addRow(i18n.tr("reminders.days"), days)
        form.addRow(i18n.tr("reminders.time"), self.time)
        form.addRow(i18n.tr("reminders.text"), self.text)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(i18n.tr("common.save"))
        buttons.button(QDialogButtonBox.Cancel).setText(i18n.tr("common.cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.reminder: rem.Reminder | None = None

    def accept(self):
        days = [d for d, box in enumerate(self.days) if box.isChecked()]
        if not days:
            self.error.setText(i18n.tr("reminders.need_day"))
            self.error.setVisible(True)
            return
        self.reminder = rem.new_reminder(days, self.time.time().toString("HH:mm"), self.text.text())
        super().accept()


class RemindersSettings(QGroupBox):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("fieldHelp")
        self.list = QListWidget(self)
        self.list.setObjectName("reminderList")
        self.list.setMaximumHeight(120)
        row = QHBoxLayout()
        self.add = QPushButton(self)
        self.remove = QPushButton(self)
        self.notify = QCheckBox(self)
        self.notify.setChecked(settings.get(rem.SETTING_NOTIFY) is not False)
        row.addWidget(self.add)
        row.addWidget(self.remove)
        row.addStretch(1)
        row.addWidget(self.notify)
        lay.addWidget(self.note)
        lay.addWidget(self.list)
        lay.addLayout(row)
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self.notify.toggled.connect(lambda on: settings.set(rem.SETTING_NOTIFY, on))
        self.retranslate()

    def _fill(self):
        self.list.clear()
        for r in rem.load():
            item = QListWidgetItem(i18n.tr("reminders.line", days=_day_names(r.weekdays), at=r.at,
                                           text=rem.reminder_text(r)))
            item.setData(256, r.id)
            self.list.addItem(item)
        self.remove.setEnabled(self.list.count() > 0)

    def add_reminder(self, reminder: rem.Reminder) -> None:
        rem.save_all(rem.load() + [reminder])
        self._fill()
        self.ctx.refresh_home()

    def _add(self):
        dlg = ReminderDialog(self)
        if dlg.exec() == QDialog.Accepted and dlg.reminder is not None:
            self.add_reminder(dlg.reminder)

    def _remove(self):
        item = self.list.currentItem()
        if item is None:
            return
        rem.save_all([r for r in rem.load() if r.id != item.data(256)])
        self._fill()
        self.ctx.refresh_home()

    def retranslate(self):
        self.setTitle(i18n.tr("reminders.settings_title"))
        self.note.setText(i18n.tr("reminders.settings_note"))
        self.add.setText(i18n.tr("reminders.add"))
        self.remove.setText(i18n.tr("reminders.remove"))
        self.notify.setText(i18n.tr("reminders.notify"))
        self._fill()


def create_home_panel(ctx):
    return TodayPanel(ctx)


def create_settings_panel(ctx):
    return RemindersSettings(ctx)
