"""Small live pictures drawn from sibling fields: the value rings and the POA
partner map. They store nothing themselves (``value()`` is None)."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy

from ... import i18n
from ...tools import poa, rings
from ..fields import FieldWidget, register_widget

RING_COLOURS = {"skill": "#4e79a7", "passion": "#e15759", "value": "#59a14f"}
STAGE_COLOURS = {"unaware": "#bab0ac", "informed": "#f28e2b", "agreed": "#76b7b2", "active": "#59a14f"}


class _Picture(FieldWidget):
    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.data: dict = {}
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setFocusPolicy(Qt.NoFocus)

    def attach(self, form) -> None:
        self.form = form
        form.changed.connect(self._update)
        self._update()

    def _update(self):
        self.data = self.form.value() if getattr(self, "form", None) else {}
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:  # pragma: no cover - overridden
        return ""

    def value(self):
        return None

    def set_value(self, value, data=None):
        self.data = dict(data or {})
        self.update()

    def retranslate(self):
        self.setAccessibleName(self.field.label.get())
        self.update()


class ValueRings(_Picture):
    """Three overlapping rings; each ring's fill grows with its score."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.setMinimumHeight(230)

    def describe(self) -> str:
        weak = rings.weakest(self.data)
        if not weak:
            return i18n.tr("rings.picture_empty")
        names = i18n.join(rings.RING_LABELS[k].get() for k in weak)
        return i18n.tr("rings.weakest", names=names)

    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        w, h = self.width(), self.height()
        r = min(h * 0.3, w * 0.16)
        cx, cy = w * 0.36, h * 0.46
        centres = {
            "skill": QPointF(cx - r * 0.55, cy - r * 0.3),
            "passion": QPointF(cx + r * 0.55, cy - r * 0.3),
            "value": QPointF(cx, cy + r * 0.55),
        }
        weak = set(rings.weakest(self.data))
        text_pen = QPen(self.palette().text().color())
        for key, centre in centres.items():
            score = self.data.get(key)
            colour = QColor(RING_COLOURS[key])
            fill = QColor(colour)
            fill.setAlphaF(0.12 + 0.5 * ((score or 0) / 10) if isinstance(score, int) else 0.05)
            p.setBrush(QBrush(fill))
            pen = QPen(colour, 4 if key in weak else 2)
            if key in weak:
                pen.setStyle(Qt.DashLine)
            p.setPen(pen)
            p.drawEllipse(centre, r, r)
        bold = QFont(self.font())
        bold.setBold(True)
        legend_x = w * 0.62
        for i, key in enumerate(rings.RINGS):
            y = h * 0.18 + i * 36
            score = self.data.get(key)
            p.setBrush(QBrush(QColor(RING_COLOURS[key])))
            p.setPen(Qt.NoPen)
            p.drawEllipse(QPointF(legend_x, y), 7, 7)
            p.setPen(text_pen)
            p.setFont(bold if key in weak else self.font())
            label = f"{rings.RING_LABELS[key].get()}: {score if isinstance(score, int) else '—'}/10"
            p.drawText(QRectF(legend_x + 16, y - 14, w - legend_x - 20, 28),
                       Qt.AlignVCenter | Qt.AlignLeft | Qt.TextWordWrap, label)
        p.setFont(self.font())
        p.drawText(QRectF(legend_x, h * 0.18 + 3 * 36 - 10, w - legend_x - 8, h - (h * 0.18 + 3 * 36)),
                   Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, self.describe())


class PartnerMap(_Picture):
    """Four columns, unaware → actively helping, with the partners as chips."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.setMinimumHeight(170)

    def describe(self) -> str:
        stages = poa.partners_by_stage(self.data)
        return "; ".join(f"{c.label.get()}: {i18n.join(stages[c.key]) or '—'}" for c in poa.COMMITMENT)

    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        stages = poa.partners_by_stage(self.data)
        n = len(poa.COMMITMENT)
        gap = 8
        col_w = (self.width() - gap * (n + 1)) / n
        bold = QFont(self.font())
        bold.setBold(True)
        for i, choice in enumerate(poa.COMMITMENT):
            x = gap + i * (col_w + gap)
            rect = QRectF(x, 4, col_w, self.height() - 8)
            p.setPen(QPen(self.palette().mid().color(), 1))
            p.setBrush(QBrush(self.palette().alternateBase()))
            p.drawRoundedRect(rect, 6, 6)
            p.setFont(bold)
            p.setPen(QPen(self.palette().text().color()))
            head = f"{choice.label.get()} ({len(stages[choice.key])})"
            p.drawText(QRectF(x + 6, 8, col_w - 12, 24), Qt.AlignLeft | Qt.AlignVCenter, head)
            if i < n - 1:
                p.drawText(QRectF(x + col_w - 4, 8, gap + 8, 24), Qt.AlignCenter, "›")
            p.setFont(self.font())
            for j, name in enumerate(stages[choice.key]):
                chip = QRectF(x + 6, 38 + j * 30, col_w - 12, 24)
                if chip.bottom() > rect.bottom():
                    break
                p.setPen(Qt.NoPen)
                p.setBrush(QBrush(QColor(STAGE_COLOURS[choice.key])))
                p.drawRoundedRect(chip, 10, 10)
                p.setPen(QPen(QColor("#111111")))
                metrics = p.fontMetrics()
                p.drawText(chip.adjusted(8, 0, -8, 0), Qt.AlignVCenter | Qt.AlignLeft,
                           metrics.elidedText(name, Qt.ElideRight, int(chip.width() - 16)))


register_widget("value_rings", ValueRings)
register_widget("poa_partners", PartnerMap)
