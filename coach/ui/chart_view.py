"""A matplotlib Figure inside Qt, with a context menu to save it as PNG or SVG.

Importing this module imports matplotlib (about half a second): import it
only when a chart is about to be shown, never at start-up.
"""
from __future__ import annotations

import os
from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QMimeData, QStandardPaths, Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QSizePolicy

from .. import i18n
from ..charts import Chart, figure_bytes


class ChartCanvas(FigureCanvasQTAgg):
    """Shows one :class:`coach.charts.Chart`; right-click saves or copies it."""

    last_folder: str | None = None  # shared: the folder the user saved to last

    def __init__(self, chart: Chart, height: int = 300, parent=None):
        super().__init__(chart.figure)
        if parent is not None:
            self.setParent(parent)
        self.chart = chart
        self.setObjectName(f"chart_{chart.key}")
        self.setFixedHeight(height)
        self.setMinimumWidth(320)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.setToolTip(i18n.tr("progress.chart_tooltip"))
        self.setAccessibleName(chart.title)
        # Reachable with Tab, so the keyboard can open the save/copy menu too.
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAccessibleDescription(i18n.tr("a11y.chart"))

    def keyPressEvent(self, event):  # noqa: N802 - Qt naming
        if event.key() == Qt.Key_F10 and event.modifiers() == Qt.ShiftModifier:
            self.customContextMenuRequested.emit(self.rect().center())
            return
        super().keyPressEvent(event)

    # The page scrolls; a chart must not swallow the wheel.
    def wheelEvent(self, event):
        event.ignore()

    def actions_for_menu(self) -> list[QAction]:
        png = QAction(i18n.tr("progress.save_png"), self)
        png.triggered.connect(lambda: self.save_dialog("png"))
        svg = QAction(i18n.tr("progress.save_svg"), self)
        svg.triggered.connect(lambda: self.save_dialog("svg"))
        copy = QAction(i18n.tr("progress.copy"), self)
        copy.triggered.connect(self.copy_to_clipboard)
        return [png, svg, copy]

    def _menu(self, pos):
        menu = QMenu(self)
        for act in self.actions_for_menu():
            menu.addAction(act)
        menu.exec(self.mapToGlobal(pos))

    def suggested_path(self, fmt: str) -> str:
        folder = ChartCanvas.last_folder or QStandardPaths.writableLocation(
            QStandardPaths.PicturesLocation) or str(Path.home())
        return str(Path(folder) / f"coach-{self.chart.key.replace('.', '-')}.{fmt}")

    def save_dialog(self, fmt: str) -> str | None:
        filters = {"png": "PNG (*.png)", "svg": "SVG (*.svg)"}
        path, _ = QFileDialog.getSaveFileName(self, i18n.tr("progress.save_title"),
                                              self.suggested_path(fmt), filters[fmt])
        if not path:
            return None
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        return path if self.save_to(path, fmt) else None

    def save_to(self, path: str, fmt: str) -> bool:
        """Write the chart to ``path`` (through a temporary file, so a failure
        never leaves half an image behind); report errors in a dialog."""
        target = Path(path)
        tmp = target.with_name(f".{target.name}.part")
        try:
            tmp.write_bytes(figure_bytes(self.chart.figure, fmt))
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            QMessageBox.warning(self, i18n.tr("progress.save_title"),
                                i18n.tr("progress.save_failed", path=path, error=exc.strerror
                                        or str(exc)))
            return False
        ChartCanvas.last_folder = str(target.parent)
        return True

    def copy_to_clipboard(self) -> None:
        image = QImage.fromData(figure_bytes(self.chart.figure, "png"), "PNG")
        mime = QMimeData()
        mime.setImageData(image)
        QApplication.clipboard().setMimeData(mime)
