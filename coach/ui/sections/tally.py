"""Home panel: today's tally of the three weapons (三把武器) — smile, praise,
constructive question — with +/− buttons and a 7-day summary."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ...store import tally
from ..theme import font_size

ORDER = 2

WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "zh_CN": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
}


class TallyPanel(QGroupBox):
    def __init__(self, ctx=None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = date.today  # replaceable in tests
        self.setObjectName("tallyPanel")
        lay = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        self.labels: dict[str, QLabel] = {}
        self.counts: dict[str, QLabel] = {}
        self.plus: dict[str, QToolButton] = {}
        self.minus: dict[str, QToolButton] = {}
        for col, kind in enumerate(tally.KINDS):
            cell = QWidget(self)
            cl = QHBoxLayout(cell)
            cl.setContentsMargins(0, 0, 0, 0)
            label = QLabel(cell)
            minus = QToolButton(cell)
            minus.setText("−")
            minus.setObjectName(f"tally_minus_{kind}")
            count = QLabel("0", cell)
            count.setObjectName(f"tally_count_{kind}")
            count.setMinimumWidth(28)
            count.setAlignment(Qt.AlignCenter)
            count.setStyleSheet(f"font-size: {font_size(18 / 12)}; font-weight: 600;")
            plus = QToolButton(cell)
            plus.setText("+")
            plus.setObjectName(f"tally_plus_{kind}")
            for b in (minus, plus):
                b.setFocusPolicy(Qt.StrongFocus)
                b.setMinimumWidth(30)
            minus.clicked.connect(lambda _=False, k=kind: self.change(k, -1))
            plus.clicked.connect(lambda _=False, k=kind: self.change(k, 1))
            cl.addWidget(label)
            cl.addWidget(minus)
            cl.addWidget(count)
            cl.addWidget(plus)
            grid.addWidget(cell, 0, col)
            self.labels[kind], self.counts[kind] = label, count
            self.plus[kind], self.minus[kind] = plus, minus
        grid.setColumnStretch(len(tally.KINDS), 1)
        lay.addLayout(grid)
        # 7 days: one small column per day -------------------------------------
        self.week_row = QHBoxLayout()
        self.week_row.setSpacing(10)
        self.day_labels: list[QLabel] = []
        for _ in range(7):
            d = QLabel(self)
            d.setAlignment(Qt.AlignCenter)
            d.setObjectName("tallyDay")
            self.week_row.addWidget(d)
            self.day_labels.append(d)
        self.week_row.addStretch(1)
        lay.addLayout(self.week_row)
        self.week = QLabel(self)
        self.week.setObjectName("fieldHelp")
        self.week.setWordWrap(True)
        lay.addWidget(self.week)
        self.retranslate()

    def change(self, kind: str, delta: int):
        tally.add(self.today(), kind, delta)
        self.refresh()

    def refresh(self):
        today = self.today()
        counts = tally.counts(today)
        for kind, label in self.counts.items():
            label.setText(i18n.format_number(counts[kind]))
            self.minus[kind].setEnabled(counts[kind] > 0)
        lang = i18n.current()
        names = WEEKDAYS.get(lang, WEEKDAYS["en"])
        for label, (day, c) in zip(self.day_labels, tally.days(today, 7)):
            total = sum(c.values())
            label.setText(f"{names[day.weekday()]}\n{total}")
            label.setToolTip(i18n.tr("tally.day_tooltip", date=i18n.format_date(day), **c))
            weight = "600" if day == today else "400"
            label.setStyleSheet(f"font-weight: {weight};")
        s = tally.summary(today, 7)
        self.week.setText(i18n.tr("tally.week", active=s["active_days"], days=s["days"],
                                  **s["totals"]))

    def retranslate(self):
        self.setTitle(i18n.tr("tally.heading"))
        for kind in tally.KINDS:
            name = i18n.tr(f"tally.{kind}")
            self.labels[kind].setText(name)
            self.labels[kind].setToolTip(i18n.tr(f"tally.{kind}_help"))
            self.plus[kind].setToolTip(i18n.tr("tally.plus", what=name))
            self.plus[kind].setAccessibleName(i18n.tr("tally.plus", what=name))
            self.minus[kind].setToolTip(i18n.tr("tally.minus", what=name))
            self.minus[kind].setAccessibleName(i18n.tr("tally.minus", what=name))
        self.refresh()


def create_home_panel(ctx):
    return TallyPanel(ctx)
