"""Pictures of a conflict-mode profile, painted with QPainter (no matplotlib).

``ProfilePicture``: the five modes on the cooperativeness (x) /
assertiveness (y) grid, each drawn with a size that grows with its score,
plus the user's position (−24…24 on both axes) and, if there is one, the
previous attempt's position with an arrow to the current one.

``ModeComparison``: per mode, the questionnaire score (of 12) beside the
share of logged conflicts in which the mode was used.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .. import i18n
from ..tools import tk_instrument as ti

MODE_COLORS = {
    ti.COMPETING: QColor("#c0392b"),
    ti.COLLABORATING: QColor("#27ae60"),
    ti.COMPROMISING: QColor("#8e6c00"),
    ti.AVOIDING: QColor("#7f8c8d"),
    ti.ACCOMMODATING: QColor("#2e86c1"),
}
ANCHOR = 15  # where the outer modes sit on the −24…24 grid
USER = QColor("#6c3483")
QUESTIONNAIRE = QColor("#2e86c1")
USED = QColor("#e67e22")


class ProfilePicture(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("tkProfilePicture")
        self.scores: dict[str, int] = {}
        self.position: tuple[int, int] | None = None  # (assertiveness, cooperativeness)
        self.previous: tuple[int, int] | None = None
        self.setMinimumSize(QSize(380, 380))
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(400, 400)

    def set_profile(self, scores: dict[str, int], previous: dict[str, int] | None = None):
        self.scores = dict(scores)
        self.position = ti.axes(scores)
        self.previous = ti.axes(previous) if previous else None
        self.update()

    def mode_point(self, mode: str) -> tuple[float, float]:
        """(cooperativeness, assertiveness) of a mode's anchor on the grid."""
        info = ti.MODE_INFO[mode]
        return info.x * ANCHOR, info.y * ANCHOR

    def paintEvent(self, _event):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        pal = self.palette()
        text = pal.windowText().color()
        font = QFont(self.font())
        p.setFont(font)
        fm = p.fontMetrics()
        margin_l, margin_b, margin_t, margin_r = fm.height() + 14, fm.height() + 14, 8, 8
        side = min(self.width() - margin_l - margin_r, self.height() - margin_t - margin_b)
        area = QRectF(margin_l, margin_t, side, side)
        p.fillRect(area, pal.base())
        p.setPen(QPen(pal.mid().color(), 1))
        p.drawRect(area)

        def at(coop: float, assertive: float) -> QPointF:
            return QPointF(area.left() + (coop + ti.AXIS_LIMIT) / (2 * ti.AXIS_LIMIT) * area.width(),
                           area.bottom() - (assertive + ti.AXIS_LIMIT) / (2 * ti.AXIS_LIMIT) * area.height())

        # centre lines
        p.setPen(QPen(pal.mid().color(), 1, Qt.DashLine))
        p.drawLine(at(0, -ti.AXIS_LIMIT), at(0, ti.AXIS_LIMIT))
        p.drawLine(at(-ti.AXIS_LIMIT, 0), at(ti.AXIS_LIMIT, 0))

        # axis titles
        p.setPen(text)
        p.drawText(QRectF(area.left(), area.bottom() + 4, area.width(), fm.height() + 6),
                   Qt.AlignCenter, i18n.tr("tk.assess.axis_cooperative"))
        p.save()
        p.translate(area.left() - 6, area.bottom())
        p.rotate(-90)
        p.drawText(QRectF(0, -fm.height() - 4, area.height(), fm.height() + 4),
                   Qt.AlignCenter, i18n.tr("tk.assess.axis_assertive"))
        p.restore()

        # modes
        unit = area.width() / 400
        for mode in ti.MODES:
            color = MODE_COLORS[mode]
            center = at(*self.mode_point(mode))
            score = int(self.scores.get(mode, 0))
            radius = (14 + 3.2 * score) * unit
            fill = QColor(color)
            fill.setAlpha(70)
            p.setBrush(QBrush(fill))
            p.setPen(QPen(color, 1.5))
            p.drawEllipse(center, radius, radius)
            label = ti.mode_label(mode)
            bold = QFont(font)
            bold.setBold(True)
            p.setFont(bold)
            p.setPen(color.darker(130))
            box = QRectF(center.x() - 70, center.y() - fm.height(), 140, fm.height() * 2 + 2)
            p.drawText(box, Qt.AlignHCenter | Qt.AlignTop,
                       f"{label}\n{score}" if self.scores else label)
            p.setFont(font)

        # previous position and arrow
        if self.position is None:
            p.end()
            return
        now = at(self.position[1], self.position[0])
        if self.previous is not None and self.previous != self.position:
            before = at(self.previous[1], self.previous[0])
            p.setPen(QPen(USER, 1.5, Qt.DashLine))
            p.setBrush(Qt.NoBrush)
            p.drawEllipse(before, 6, 6)
            p.drawLine(before, now)
            angle = math.atan2(now.y() - before.y(), now.x() - before.x())
            head = QPainterPath(now)
            for delta in (2.6, -2.6):
                head.lineTo(now.x() + 11 * math.cos(angle + delta), now.y() + 11 * math.sin(angle + delta))
                head.moveTo(now)
            p.setPen(QPen(USER, 1.5))
            p.drawPath(head)
            p.setPen(USER)
            p.drawText(QRectF(before.x() + 8, before.y() - fm.height() - 2, 120, fm.height() + 2),
                       Qt.AlignLeft | Qt.AlignBottom, i18n.tr("tk.assess.last_time"))
        p.setPen(QPen(QColor("white"), 2))
        p.setBrush(USER)
        p.drawEllipse(now, 8, 8)
        p.setPen(USER)
        bold = QFont(font)
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(now.x() + 11, now.y() - 2, 120, fm.height() + 2),
                   Qt.AlignLeft | Qt.AlignTop, i18n.tr("tk.assess.you"))
        p.end()


class ModeComparison(QWidget):
    """Questionnaire score (of 12) beside the share of logged conflicts, per mode."""

    ROW = 30

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("tkModeComparison")
        self.scores: dict[str, int] = {}
        self.shares: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self.setMinimumHeight(self.ROW * (len(ti.MODES) + 1) + 12)
        self.setMinimumWidth(420)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def set_data(self, scores: dict[str, int], counts: dict[str, int]):
        self.scores = dict(scores)
        self.counts = {m: int(counts.get(m, 0)) for m in ti.MODES}
        total = sum(self.counts.values())
        self.shares = {m: (self.counts[m] / total if total else 0.0) for m in ti.MODES}
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(560, self.minimumHeight())

    def paintEvent(self, _event):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        text = self.palette().windowText().color()
        fm = p.fontMetrics()
        label_w = max(fm.horizontalAdvance(ti.mode_label(m)) for m in ti.MODES) + 16
        value_w = fm.horizontalAdvance("100% (99)") + 10
        col_w = max(60.0, (self.width() - label_w - 2 * value_w - 24) / 2)
        x_q = label_w
        x_u = label_w + col_w + value_w + 24
        # legend
        y = 4
        for x, color, key in ((x_q, QUESTIONNAIRE, "tk.assess.legend_questionnaire"),
                              (x_u, USED, "tk.assess.legend_used")):
            p.fillRect(QRectF(x, y + 4, 12, 12), color)
            p.setPen(text)
            p.drawText(QRectF(x + 18, y, col_w + value_w, fm.height() + 6),
                       Qt.AlignLeft | Qt.AlignVCenter, i18n.tr(key))
        for i, mode in enumerate(ti.MODES):
            top = self.ROW * (i + 1) + 6
            p.setPen(text)
            p.drawText(QRectF(0, top, label_w - 8, self.ROW - 6), Qt.AlignRight | Qt.AlignVCenter,
                       ti.mode_label(mode))
            for x, color, frac, value in (
                    (x_q, QUESTIONNAIRE, self.scores.get(mode, 0) / ti.MAX_SCORE,
                     f"{self.scores.get(mode, 0)}/{ti.MAX_SCORE}"),
                    (x_u, USED, self.shares.get(mode, 0.0),
                     f"{i18n.format_percent(self.shares.get(mode, 0.0))} ({self.counts.get(mode, 0)})")):
                track = QRectF(x, top + 5, col_w, self.ROW - 16)
                p.fillRect(track, self.palette().alternateBase())
                p.fillRect(QRectF(track.left(), track.top(), track.width() * frac, track.height()), color)
                p.setPen(text)
                p.drawText(QRectF(track.right() + 6, top, value_w, self.ROW - 6),
                           Qt.AlignLeft | Qt.AlignVCenter, value)
        p.end()
