"""Progress: the dashboard page (period and tool filter, insights, charts).

The figures come from :func:`coach.progress.dashboard`, computed off the UI
thread (QThreadPool) in one read transaction; the charts are built by
:mod:`coach.charts` and only wrapped here. matplotlib is imported the first
time the page is shown, never at start-up.
"""
from __future__ import annotations

import logging
from datetime import date, timedelta

from PySide6.QtCore import QDate, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ...progress import PERIODS, Period
from ...tools import registry
from ..theme import font_size

ORDER = 300
log = logging.getLogger(__name__)

OVERVIEW_HEIGHT = 250
CHART_HEIGHT = 290


def create_page(ctx):
    return ProgressPage(ctx)


class _Relay(QObject):
    done = Signal(int, object, object)  # generation, data, error


class _Compute(QRunnable):
    """Computes the dashboard data on a pool thread, in one read snapshot."""

    def __init__(self, generation: int, period: Period, tools, relay: _Relay):
        super().__init__()
        self.generation, self.period, self.tools, self.relay = generation, period, tools, relay

    def run(self):
        from ...progress import dashboard
        from ...store.models import db

        data = error = None
        try:
            with db.atomic():  # one consistent snapshot across the queries
                data = dashboard(self.period, self.tools)
        except Exception as exc:  # reported on the page, logged with its traceback
            log.exception("computing the dashboard failed")
            error = exc
        finally:
            db.close()  # this pool thread's own connection (peewee keeps one per thread)
        self.relay.done.emit(self.generation, data, error)


class ProgressPage(QWidget):
    nav_key = "progress"

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.generation = 0  # bumped on every request
        self.shown_generation = -1  # the generation whose data is on screen
        self.data: dict | None = None
        self.charts: list = []  # coach.charts.Chart on screen
        self.canvases: list = []
        self.theme_override: str | None = None
        self._stale = True
        self._relay = _Relay(self)
        self._relay.done.connect(self._computed)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        self.scroll = scroll
        inner = QWidget(scroll)
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.setSpacing(10)

        self.heading = QLabel(inner)
        self.heading.setObjectName("pageHeading")
        self.intro = QLabel(inner)
        self.intro.setObjectName("fieldHelp")
        self.intro.setWordWrap(True)
        lay.addWidget(self.heading)
        lay.addWidget(self.intro)

        bar = QHBoxLayout()
        self.period_label = QLabel(inner)
        self.period = QComboBox(inner)
        self.period.setObjectName("progressPeriod")
        for kind in PERIODS:
            self.period.addItem("", kind)
        self.period.setCurrentIndex(PERIODS.index("3m"))
        self.period_label.setBuddy(self.period)
        self.from_label = QLabel(inner)
        self.date_from = QDateEdit(inner)
        self.date_from.setObjectName("progressFrom")
        self.to_label = QLabel(inner)
        self.date_to = QDateEdit(inner)
        self.date_to.setObjectName("progressTo")
        today = date.today()
        for edit, value in ((self.date_from, today - timedelta(days=29)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(value.year, value.month, value.day))
        self.tool_label = QLabel(inner)
        self.tool = QComboBox(inner)
        self.tool.setObjectName("progressTool")
        self.tool.addItem("", None)
        for key in registry():
            self.tool.addItem("", key)
        self.tool_label.setBuddy(self.tool)
        for w in (self.period_label, self.period, self.from_label, self.date_from,
                  self.to_label, self.date_to):
            bar.addWidget(w)
        bar.addSpacing(16)
        bar.addWidget(self.tool_label)
        bar.addWidget(self.tool)
        bar.addStretch(1)
        self.range_hint = QLabel(inner)
        self.range_hint.setObjectName("fieldHelp")
        bar.addWidget(self.range_hint)
        lay.addLayout(bar)

        self.status = QLabel(inner)
        self.status.setObjectName("fieldHelp")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)

        self.insights_box = QGroupBox(inner)
        self.insights_box.setObjectName("progressInsights")
        self.insights_layout = QVBoxLayout(self.insights_box)
        self.insight_labels: list[QLabel] = []
        lay.addWidget(self.insights_box)

        self.grid_host = QWidget(inner)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(12)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        lay.addWidget(self.grid_host)
        lay.addStretch(1)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.tool.currentIndexChanged.connect(lambda _i: self.refresh())
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        self._show_custom(False)
        self.retranslate()

    # --- page protocol ----------------------------------------------------------
    def title(self) -> str:
        return i18n.tr("progress.nav")

    def activated(self):
        if self._stale:
            self.refresh()

    def data_changed(self):
        self._stale = True
        if self.isVisible():
            self.refresh()

    def retranslate(self):
        self.heading.setText(i18n.tr("progress.heading"))
        self.intro.setText(i18n.tr("progress.intro"))
        self.period_label.setText(i18n.tr("progress.period_label"))
        for i, kind in enumerate(PERIODS):
            self.period.setItemText(i, i18n.tr(f"progress.period.{kind}"))
        self.from_label.setText(i18n.tr("progress.from"))
        self.to_label.setText(i18n.tr("progress.to"))
        self.tool_label.setText(i18n.tr("progress.tool_label"))
        tools = registry()
        for i in range(self.tool.count()):
            key = self.tool.itemData(i)
            self.tool.setItemText(i, tools[key].name.get() if key in tools
                                  else i18n.tr("progress.all_tools"))
        self.insights_box.setTitle(i18n.tr("progress.insights"))
        self._update_range_hint()
        if self.data is not None:
            self._show(self.data)  # charts and insights in the new language, no recomputing

    # --- choosing -----------------------------------------------------------------
    def current_period(self) -> Period:
        kind = self.period.currentData()
        if kind == "custom":
            a, b = self.date_from.date().toPython(), self.date_to.date().toPython()
            return Period.custom(min(a, b), max(a, b))
        return Period(kind)

    def current_tools(self) -> list[str] | None:
        key = self.tool.currentData()
        return [key] if key else None

    def _show_custom(self, on: bool):
        for w in (self.from_label, self.date_from, self.to_label, self.date_to):
            w.setVisible(on)

    def _period_changed(self, _index):
        self._show_custom(self.period.currentData() == "custom")
        self.refresh()

    def _dates_changed(self, _d):
        if self.period.currentData() == "custom":
            self.refresh()

    def _update_range_hint(self):
        info = self.current_period().to_json()
        if info["since"] and info["until"]:
            self.range_hint.setText(i18n.tr(
                "progress.range_hint", since=i18n.format_date(date.fromisoformat(info["since"])),
                until=i18n.format_date(date.fromisoformat(info["until"]))))
        else:
            self.range_hint.setText(i18n.tr("progress.range_all"))

    # --- computing ------------------------------------------------------------------
    def refresh(self):
        """Recompute for the current choices; older requests still running are ignored."""
        self._stale = False
        self.generation += 1
        self._update_range_hint()
        self.status.setText(i18n.tr("progress.loading"))
        self.status.setVisible(True)
        self.pool.start(_Compute(self.generation, self.current_period(), self.current_tools(),
                                 self._relay))

    def is_ready(self) -> bool:
        return self.shown_generation == self.generation

    def _computed(self, generation: int, data, error):
        if generation != self.generation:
            return  # the user has already asked for something else
        if error is not None:
            self.status.setText(i18n.tr("progress.failed", error=str(error)))
            self.shown_generation = generation
            return
        self.data = data
        try:
            self._show(data)
        except Exception as exc:  # a chart that cannot be drawn must not take the app down
            log.exception("drawing the dashboard failed")
            self.status.setText(i18n.tr("progress.failed", error=str(exc)))
            self.status.setVisible(True)
        self.shown_generation = generation

    def theme_name(self) -> str:
        if self.theme_override:
            return self.theme_override
        window = QApplication.palette().color(QPalette.Window)
        return "dark" if window.lightness() < 128 else "light"

    def _show(self, data: dict):
        from ...charts import build_charts  # first use imports matplotlib
        from ..chart_view import ChartCanvas

        self.status.setVisible(False)
        self._show_insights(data)
        charts = build_charts(data, i18n.current(), self.theme_name())
        self._clear_grid()
        row = 0
        tools = registry()
        current_tool = None
        col = 0
        for chart in charts:
            if chart.tool is None:
                canvas = ChartCanvas(chart, OVERVIEW_HEIGHT, self.grid_host)
                self.grid.addWidget(canvas, row, 0, 1, 2)
                self.canvases.append(canvas)
                row += 1
                continue
            if chart.tool != current_tool:
                current_tool = chart.tool
                if col:
                    row += 1
                    col = 0
                head = QLabel(tools[chart.tool].name.get() if chart.tool in tools else chart.tool,
                              self.grid_host)
                head.setObjectName("progressToolHeading")
                head.setStyleSheet(f"font-size: {font_size(15 / 12)}; font-weight: 600; margin-top: 8px;")
                self.grid.addWidget(head, row, 0, 1, 2)
                row += 1
            canvas = ChartCanvas(chart, CHART_HEIGHT, self.grid_host)
            self.grid.addWidget(canvas, row, col)
            self.canvases.append(canvas)
            col += 1
            if col == 2:
                col = 0
                row += 1
        self.charts = charts

    def _show_insights(self, data: dict):
        for label in self.insight_labels:
            label.setParent(None)
            label.deleteLater()
        self.insight_labels = []
        texts = [i.get(i18n.current()) or i.get("en", "") for i in data["insights"]]
        if not texts:
            texts = [i18n.tr("progress.no_insights")]
        for text in texts:
            label = QLabel(f"•  {text}" if data["insights"] else text, self.insights_box)
            label.setWordWrap(True)
            label.setObjectName("progressInsight")
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.insights_layout.addWidget(label)
            self.insight_labels.append(label)

    def _clear_grid(self):
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        for canvas in self.canvases:
            canvas.figure.clear()
        self.canvases = []

    def changeEvent(self, event):
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.PaletteChange and self.data is not None and self.canvases:
            self._show(self.data)  # light / dark palette switched
        super().changeEvent(event)
