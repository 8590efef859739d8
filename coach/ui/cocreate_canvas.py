"""The clustering canvas of the co-creation board: columns of cards to drag.

Columns are the unsorted pool, one per theme, and a "new theme" drop zone.
Dragging a card with the mouse (or pressing 0-9 on a selected card) asks the
board to move it; the board records the move for undo and the canvas is laid
out again from the board.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
)

from .. import i18n
from ..tools.cocreate import Board

COLUMN_W = 210
GAP = 14
HEADER_H = 52
CARD_H = 64
CARD_GAP = 8
NEW_THEME = "__new__"
POOL = "__pool__"

PALETTE = ["#f6d365", "#a1c4fd", "#c2e9fb", "#d4fc79", "#fbc2eb", "#fdcbf1", "#e0c3fc", "#ffecd2"]


class CardItem(QGraphicsRectItem):
    def __init__(self, canvas: "BoardCanvas", cid: str, text: str, author: str, colour: str):
        super().__init__(0, 0, COLUMN_W - 20, CARD_H)
        self.canvas = canvas
        self.cid = cid
        self.setBrush(QBrush(QColor(colour)))
        self.setPen(QPen(QColor("#555555"), 1))
        self.setFlags(QGraphicsItem.ItemIsMovable | QGraphicsItem.ItemIsSelectable
                      | QGraphicsItem.ItemIsFocusable)
        self.setCursor(Qt.OpenHandCursor)
        self.label = QGraphicsTextItem(self)
        self.label.setDefaultTextColor(QColor("#111111"))
        self.label.setTextWidth(COLUMN_W - 30)
        self.label.setPlainText(text)
        self.label.setPos(5, 2)
        if author:
            tag = QGraphicsSimpleTextItem(author, self)
            small = QFont(tag.font())
            small.setPointSizeF(max(7.0, small.pointSizeF() * 0.8))
            tag.setFont(small)
            tag.setBrush(QBrush(QColor("#444444")))
            tag.setPos(COLUMN_W - 28 - tag.boundingRect().width(), CARD_H - tag.boundingRect().height() - 2)
        self.setToolTip(f"{text}\n— {author}" if author else text)
        self.setData(0, cid)

    def mousePressEvent(self, event):
        self.setZValue(10)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event):
        super().mouseReleaseEvent(event)
        self.setZValue(0)
        self.canvas.card_dropped(self.cid, self.sceneBoundingRect().center())


class BoardCanvas(QGraphicsView):
    """Emits ``move_requested(card_id, target)``; target is a group id, None or NEW_THEME."""

    move_requested = Signal(str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("clusterCanvas")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.Antialiasing)
        self.setDragMode(QGraphicsView.RubberBandDrag)
        self.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.columns: list[tuple[object, QRectF]] = []
        self.cards: dict[str, CardItem] = {}
        self.board: Board | None = None
        self.setFocusPolicy(Qt.StrongFocus)

    def show_board(self, board: Board) -> None:
        self.board = board
        scene = self.scene()
        selected = {i.cid for i in scene.selectedItems() if isinstance(i, CardItem)}
        scene.clear()
        self.columns.clear()
        self.cards.clear()
        columns: list[tuple[object, str, list[str]]] = [(None, i18n.tr("cocreate.unsorted"), board.pool)]
        for n, g in enumerate(board.groups, start=1):
            title = g.title or i18n.tr("cocreate.theme_n", n=n)
            columns.append((g.id, f"{n} · {title}", g.cards))
        columns.append((NEW_THEME, i18n.tr("cocreate.new_theme_zone"), []))
        tallest = max(len(cards) for _, _, cards in columns)
        height = HEADER_H + max(1, tallest + 1) * (CARD_H + CARD_GAP) + CARD_GAP
        colours = {g.id: PALETTE[i % len(PALETTE)] for i, g in enumerate(board.groups)}
        for i, (key, title, cards) in enumerate(columns):
            x = GAP + i * (COLUMN_W + GAP)
            rect = QRectF(x, GAP, COLUMN_W, height)
            col = QGraphicsRectItem(rect)
            col.setBrush(QBrush(self.palette().alternateBase()))
            pen = QPen(self.palette().mid().color(), 1.5)
            if key == NEW_THEME:
                pen.setStyle(Qt.DashLine)
            col.setPen(pen)
            col.setZValue(-10)
            scene.addItem(col)
            head = QGraphicsTextItem()
            head.setZValue(-5)
            scene.addItem(head)
            head.setTextWidth(COLUMN_W - 12)
            head.setPlainText(title)
            head.setDefaultTextColor(self.palette().text().color())
            bold = QFont(head.font())
            bold.setBold(True)
            head.setFont(bold)
            head.setPos(x + 6, GAP + 4)
            self.columns.append((key, rect))
            for j, cid in enumerate(cards):
                card = board.cards[cid]
                item = CardItem(self, cid, card.text, card.author, colours.get(key, "#fff8dc"))
                item.setPos(x + 10, GAP + HEADER_H + j * (CARD_H + CARD_GAP))
                scene.addItem(item)
                item.setSelected(cid in selected)
                self.cards[cid] = item
        scene.setSceneRect(0, 0, GAP + len(columns) * (COLUMN_W + GAP), height + 2 * GAP)

    def column_at(self, point: QPointF):
        for key, rect in self.columns:
            if rect.left() <= point.x() <= rect.right():
                return key, True
        return None, False

    def card_dropped(self, cid: str, center: QPointF) -> None:
        key, found = self.column_at(center)
        if not found or self.board is None:
            self.show_board(self.board)  # dropped outside: snap back
            return
        if key == (self.board.location(cid) or None) and key is not NEW_THEME:
            self.show_board(self.board)
            return
        self.move_requested.emit(cid, key)

    def selected_cards(self) -> list[str]:
        return [i.cid for i in self.scene().selectedItems() if isinstance(i, CardItem)]

    def keyPressEvent(self, event):
        text = event.text()
        if text.isdigit() and self.board is not None and self.selected_cards():
            n = int(text)
            target = None if n == 0 else (self.board.groups[n - 1].id if n <= len(self.board.groups) else None)
            if n == 0 or target is not None:
                for cid in self.selected_cards():
                    self.move_requested.emit(cid, target)
                return
        if event.key() in (Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down) and self.cards:
            self._move_selection(event.key())
            return
        super().keyPressEvent(event)

    def _move_selection(self, key) -> None:
        order: list[list[str]] = []
        board = self.board
        order.append(list(board.pool))
        order += [list(g.cards) for g in board.groups]
        flat = [(c, r) for c, col in enumerate(order) for r, _ in enumerate(col)]
        current = self.selected_cards()
        pos = None
        if current:
            for c, col in enumerate(order):
                if current[0] in col:
                    pos = (c, col.index(current[0]))
        if pos is None:
            c, r = flat[0]
        else:
            c, r = pos
            if key == Qt.Key_Up:
                r = max(0, r - 1)
            elif key == Qt.Key_Down:
                r = min(len(order[c]) - 1, r + 1)
            else:
                step = -1 if key == Qt.Key_Left else 1
                nc = c + step
                while 0 <= nc < len(order) and not order[nc]:
                    nc += step
                if 0 <= nc < len(order):
                    c, r = nc, min(r, len(order[nc]) - 1)
        self.scene().clearSelection()
        item = self.cards[order[c][r]]
        item.setSelected(True)
        self.ensureVisible(item)

    # Positions in viewport coordinates (for keyboard-free tests and tooltips).
    def card_point(self, cid: str):
        return self.mapFromScene(self.cards[cid].sceneBoundingRect().center())

    def column_point(self, key: object):
        for k, rect in self.columns:
            if k == key:
                return self.mapFromScene(QPointF(rect.center().x(), rect.top() + HEADER_H + CARD_H / 2))
        raise KeyError(key)
