"""The empathy triangle: the three corners drawn around the reply, updated live.

Registered as ``triangle_reply``: the editor of the triangle tool's ``reply``
field. It reads the sibling fields (facts, feelings, needs) through the form,
draws each corner filled or empty, draws a solid spoke from the reply in the
middle to every corner the reply touches (see
:func:`coach.tools.triangle.check_reply`) and lists advice under the editor.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ...tools import triangle as domain
from ...tools.base import Field
from ..fields import FieldWidget, register_widget

FILLED = QColor("#2e86c1")
TOUCHED = QColor("#27ae60")
EVIDENCE_SHOWN = 4
CORNER_FIELDS = {"facts": "facts", "feelings": "feelings", "needs": "task_need"}


def _keys(value) -> list[str]:
    """Choice keys of a stored list (hand-edited data may hold anything)."""
    return [k for k in value if isinstance(k, str)] if isinstance(value, list) else []


def corner_summary(key: str, data: dict, lang: str | None = None) -> str:
    """One short line describing what the user put in a corner."""
    if key == "facts":
        return " ".join(str(data.get("facts") or "").split())
    if key == "feelings":
        labels = {c.key: c.label.get(lang) for c in domain.FEELINGS}
        parts = [labels[k] for k in _keys(data.get("feelings")) if k in labels]
        other = str(data.get("feelings_other") or "").strip()
        if other:
            parts.append(other)
        return i18n.join(parts, lang)
    labels = {c.key: c.label.get(lang) for c in domain.EMOTIONAL_NEEDS}
    parts = [" ".join(str(data.get("task_need") or "").split())]
    parts += [labels[k] for k in _keys(data.get("emotional_needs")) if k in labels]
    return i18n.join([p for p in parts if p], lang)


class TrianglePicture(QWidget):
    """Paints the triangle: corners (filled / empty), spokes (touched / not), reply.

    Hovering a corner shows what is in it; clicking it emits ``corner_clicked``
    (the reply widget then opens that corner's field).
    """

    corner_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setObjectName("trianglePicture")
        self.setMinimumHeight(310)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.check: domain.ReplyCheck | None = None
        self.summaries: dict[str, str] = {k: "" for k in domain.CORNERS}
        self.reply = ""

    def sizeHint(self):
        return QSize(560, 310)

    def set_state(self, check: domain.ReplyCheck, summaries: dict[str, str], reply: str):
        self.check, self.summaries, self.reply = check, summaries, reply
        self.update()

    def corner_points(self) -> dict[str, QPointF]:
        w, h = self.width(), self.height()
        side = min(w * 0.62, (h - 110) / math.sin(math.pi / 3))
        top = QPointF(w / 2, 34)
        dy = side * math.sin(math.pi / 3)
        return {
            "facts": top,
            "feelings": QPointF(w / 2 - side / 2, 34 + dy),
            "needs": QPointF(w / 2 + side / 2, 34 + dy),
        }

    def reply_rect(self) -> QRectF:
        pts = self.corner_points()
        cx = (pts["facts"].x() + pts["feelings"].x() + pts["needs"].x()) / 3
        cy = (pts["facts"].y() + pts["feelings"].y() + pts["needs"].y()) / 3
        width = (pts["needs"].x() - pts["feelings"].x()) * 0.56
        height = QFontMetrics(self.font()).lineSpacing() * 3 + 10
        return QRectF(cx - width / 2, cy - height / 2 + 6, width, height)

    def corner_at(self, pos) -> str | None:
        """The corner whose dot or label is under ``pos`` (widget coordinates)."""
        point = QPointF(pos)
        for key, pt in self.corner_points().items():
            dx, dy = point.x() - pt.x(), point.y() - pt.y()
            if dx * dx + dy * dy <= 18 * 18 or self._label_rect(key, pt)[0].contains(point):
                return key
        return None

    def mouseMoveEvent(self, event):  # noqa: N802 - Qt override
        over = self.corner_at(event.position().toPoint())
        self.setCursor(Qt.PointingHandCursor if over else Qt.ArrowCursor)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event):  # noqa: N802 - Qt override
        key = self.corner_at(event.position().toPoint())
        if key and event.button() == Qt.LeftButton:
            self.corner_clicked.emit(key)
            return
        super().mousePressEvent(event)

    def event(self, event):
        if event.type() == QEvent.ToolTip:
            key = self.corner_at(event.pos())
            if key:
                summary = self.summaries.get(key) or i18n.tr("triangle.corner_empty_tip")
                QToolTip.showText(event.globalPos(), f"{domain.CORNER_NAMES[key].get()}\n"
                                  f"{summary}\n{i18n.tr('triangle.corner_click_tip')}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, _event):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        pal = self.palette()
        text_color = pal.text().color()
        muted = pal.placeholderText().color()
        pts = self.corner_points()
        check = self.check
        corners = {c.key: c for c in check.corners} if check else {}

        # outline
        path = QPainterPath(pts["facts"])
        path.lineTo(pts["feelings"])
        path.lineTo(pts["needs"])
        path.closeSubpath()
        p.setPen(QPen(pal.mid().color(), 1.5))
        p.setBrush(pal.alternateBase())
        p.drawPath(path)

        rect = self.reply_rect()
        centre = rect.center()
        # spokes: solid green where the reply touches the corner, dashed otherwise
        for key in domain.CORNERS:
            touched = bool(corners.get(key) and corners[key].touched)
            pen = QPen(TOUCHED if touched else muted, 3 if touched else 1.2)
            if not touched:
                pen.setStyle(Qt.DashLine)
            p.setPen(pen)
            p.drawLine(centre, pts[key])

        # reply in the middle
        p.setPen(QPen(pal.mid().color(), 1))
        p.setBrush(pal.base())
        p.drawRoundedRect(rect, 8, 8)
        font = QFont(self.font())
        p.setFont(font)
        inner = rect.adjusted(8, 4, -8, -4)
        if self.reply:
            p.setPen(text_color)
            text = self._elide_lines(self.reply, inner, font)
        else:
            p.setPen(muted)
            text = i18n.tr("triangle.reply_empty")
        p.drawText(inner, Qt.AlignCenter | Qt.TextWordWrap, text)

        # corners and their labels
        bold = QFont(font)
        bold.setBold(True)
        for key in domain.CORNERS:
            corner = corners.get(key)
            filled = bool(corner and corner.filled)
            touched = bool(corner and corner.touched)
            pt = pts[key]
            p.setPen(QPen(FILLED if filled else muted, 2))
            p.setBrush(FILLED if filled else pal.base())
            p.drawEllipse(pt, 11, 11)
            if touched:
                p.setPen(QPen(QColor("white") if filled else TOUCHED, 2.4))
                p.drawPolyline([pt + QPointF(-5, 0), pt + QPointF(-1.5, 4), pt + QPointF(5, -4)])
            self._draw_label(p, key, pt, filled, bold, font, text_color, muted)
        p.end()

    def _label_rect(self, key: str, pt: QPointF) -> tuple[QRectF, int]:
        w = self.width()
        if key == "facts":
            return QRectF(pt.x() + 20, pt.y() - 18, w / 2 - 28, 56), Qt.AlignLeft
        pts = self.corner_points()
        width = pts["needs"].x() - pts["feelings"].x() - 12
        # each bottom label leans outwards, so the two never meet
        x = pt.x() - width * (0.7 if key == "feelings" else 0.3)
        x = max(4, min(x, w - width - 4))
        return QRectF(x, pt.y() + 14, width, 60), Qt.AlignHCenter

    def _draw_label(self, p, key, pt, filled, bold, font, text_color, muted):
        rect, align = self._label_rect(key, pt)
        name = domain.CORNER_NAMES[key].get()
        state = i18n.tr("triangle.filled" if filled else "triangle.empty")
        p.setFont(bold)
        p.setPen(text_color if filled else muted)
        head_h = QFontMetrics(bold).height()
        p.drawText(QRectF(rect.x(), rect.y(), rect.width(), head_h), align | Qt.AlignTop,
                   f"{name} · {state}")
        summary = self.summaries.get(key) or ""
        if summary:
            p.setFont(font)
            p.setPen(muted)
            body = QRectF(rect.x(), rect.y() + head_h + 2, rect.width(), rect.height() - head_h - 2)
            p.drawText(body, align | Qt.AlignTop | Qt.TextWordWrap,
                       self._elide_lines(summary, body, font))

    @staticmethod
    def _elide_lines(text: str, rect: QRectF, font: QFont) -> str:
        """Shorten ``text`` so that it fits ``rect`` when word-wrapped."""
        metrics = QFontMetrics(font)
        flat = " ".join(text.split())
        lines = max(1, int(rect.height() // metrics.lineSpacing()))
        # word wrapping leaves ragged line ends: keep a fifth in reserve
        budget = int(rect.width() * lines * 0.8) - metrics.horizontalAdvance("…")
        if metrics.horizontalAdvance(flat) <= budget:
            return flat
        return metrics.elidedText(flat, Qt.ElideRight, budget)


class TriangleReplyWidget(FieldWidget):
    """The reply editor with the live triangle above it and advice below it."""

    def __init__(self, field: Field, parent=None):
        super().__init__(field, parent)
        self.form = None
        self._loading = False
        self._data: dict = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        self.picture = TrianglePicture(self)
        self.picture.corner_clicked.connect(self.open_corner)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(80)
        self.edit.setMaximumHeight(140)
        self.advice: dict[str, QLabel] = {}
        lay.addWidget(self.picture)
        lay.addWidget(self.edit)
        for key in domain.CORNERS:
            label = QLabel(self)
            label.setObjectName(f"advice_{key}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.PlainText)
            self.advice[key] = label
            lay.addWidget(label)
        self.edit.textChanged.connect(self._on_text)
        self.setFocusProxy(self.edit)
        self.retranslate()

    # the form -------------------------------------------------------------------
    def attach(self, form) -> None:
        self.form = form
        form.changed.connect(self.refresh)

    def open_corner(self, key: str) -> None:
        """Go to the step holding a corner's first field and put the cursor there."""
        if self.form is None:
            return
        target = CORNER_FIELDS[key]
        for index, page in enumerate(self.form.pages):
            for block in page.blocks:
                if block.widget.field.key == target:
                    self.form.go_to(index, focus=False)
                    block.widget.setFocus()
                    page.ensureWidgetVisible(block)
                    return

    def _on_text(self):
        if not self._loading:
            self.changed.emit()
            self.refresh()

    def _current_data(self) -> dict:
        if self.form is not None and not self._loading:
            data = self.form.value()
        else:
            data = dict(self._data)
        data["reply"] = self.edit.toPlainText()
        return data

    def refresh(self) -> None:
        data = self._current_data()
        check = domain.check_reply(data)
        summaries = {k: corner_summary(k, data) for k in domain.CORNERS}
        self.picture.set_state(check, summaries, " ".join(data["reply"].split()))
        for corner in check.corners:
            mark = "✓" if corner.touched else "○"
            shown = i18n.join(i18n.tr("triangle.quoted", word=w)
                              for w in corner.evidence[:EVIDENCE_SHOWN])
            text = f"{mark} {corner.name.get()}: {check.advice(corner).get().format(words=shown)}"
            self.advice[corner.key].setText(text)
            self.advice[corner.key].setProperty("touched", corner.touched)
            self.advice[corner.key].setStyleSheet(
                f"color: {TOUCHED.name()};" if corner.touched else "")
        touched = [c.name.get() for c in check.corners if c.touched]
        self.picture.setAccessibleDescription(
            i18n.tr("triangle.accessible", count=check.touched_count,
                    corners=i18n.join(touched) or "—"))
        self.last_check = check

    # FieldWidget ---------------------------------------------------------------
    def retranslate(self):
        self.edit.setPlaceholderText(self.field.placeholder.get() if self.field.placeholder else "")
        self.edit.setAccessibleName(self.field.label.get())
        self.picture.setAccessibleName(i18n.tr("triangle.picture"))
        self.refresh()

    def value(self):
        return self.edit.toPlainText() or None

    def set_value(self, value, data=None):
        self._loading = True
        try:
            self._data = dict(data or {})
            self.edit.setPlainText(value if isinstance(value, str) else "")
            self.refresh()
        finally:
            self._loading = False


register_widget("triangle_reply", TriangleReplyWidget)
