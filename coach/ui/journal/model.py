"""The entry list model (fast for 20,000 rows) and a delegate that highlights matches."""
from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ... import i18n
from ...store import search
from ...tools import registry

COLUMNS = ("tool", "title", "date", "tags", "people", "status", "match")
HIGHLIGHT = "#ffe08a"
UUID_ROLE = Qt.UserRole
ROW_ROLE = Qt.UserRole + 1


def tool_name(key: str) -> str:
    spec = registry().get(key)
    return spec.name.get() if spec else key


class JournalModel(QAbstractTableModel):
    """Rows of :func:`coach.store.search.find`, sortable; text for tool, title, date…"""

    def __init__(self, parent=None, *, trash: bool = False):
        super().__init__(parent)
        self.trash = trash
        self._rows: list[search.Row] = []
        self._people: dict[int, str] = {}
        self._query = ""
        self._snippets: dict[int, str] = {}
        self._sort = (2, Qt.DescendingOrder)

    # content -------------------------------------------------------------------
    def set_rows(self, rows: list[search.Row], people: dict[int, str], query: str = "") -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._people = people
        self._query = query
        self._snippets = {}
        self._apply_sort()
        self.endResetModel()

    def rows(self) -> list[search.Row]:
        return list(self._rows)

    def row_at(self, i: int) -> search.Row:
        return self._rows[i]

    def index_of(self, uuid: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.uuid == uuid), -1)

    def query(self) -> str:
        return self._query

    # Qt model API ----------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            key = COLUMNS[section]
            if key == "date" and self.trash:
                return i18n.tr("journal.col.deleted")
            return i18n.tr(f"journal.col.{key}")
        return None

    def _people_text(self, row: search.Row) -> str:
        return i18n.join(self._people.get(p, "?") for p in row.people)

    def snippet(self, row: search.Row) -> str:
        if not self._query:
            return ""
        if row.id not in self._snippets:
            self._snippets.update(search.snippets([row.id], self._query, width=70))
        return self._snippets.get(row.id, "")

    def text(self, row: search.Row, column: str) -> str:
        if column == "tool":
            return tool_name(row.tool)
        if column == "title":
            return row.title or i18n.tr("entry.untitled")
        if column == "date":
            return i18n.format_datetime(row.deleted_at if self.trash else row.created_at)
        if column == "tags":
            return ", ".join(row.tags)
        if column == "people":
            return self._people_text(row)
        if column == "status":
            return i18n.tr(f"status.{row.status}")
        if column == "match":
            return self.snippet(row)
        return ""

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            return self.text(row, column)
        if role == Qt.ToolTipRole and column in ("title", "match"):
            snip = self.snippet(row)
            return snip or self.text(row, column)
        if role == UUID_ROLE:
            return row.uuid
        if role == ROW_ROLE:
            return row
        if role == Qt.AccessibleTextRole:
            return self.text(row, column)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable

    # sorting ---------------------------------------------------------------------
    def _key(self, column: str):
        if column == "date":
            return (lambda r: (r.deleted_at or r.created_at)) if self.trash else \
                (lambda r: r.created_at)
        if column == "match":
            column = "title"
        if column in ("tool", "title", "tags", "people", "status"):
            return lambda r: self.text(r, column).casefold()
        return lambda r: r.id

    def _apply_sort(self):
        col, order = self._sort
        self._rows.sort(key=lambda r: r.id, reverse=True)
        self._rows.sort(key=self._key(COLUMNS[col]), reverse=order == Qt.DescendingOrder)

    def sort(self, column, order=Qt.AscendingOrder):
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._apply_sort()
        self.layoutChanged.emit()

    def retranslate(self):
        self.headerDataChanged.emit(Qt.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))


def highlighted_html(text: str, query: str) -> str:
    """``text`` as escaped HTML with every match of ``query`` on a yellow background."""
    spans = search.match_spans(text, query)
    out, pos = [], 0
    for start, end in spans:
        out.append(html.escape(text[pos:start]))
        out.append(f'<span style="background-color:{HIGHLIGHT}; color:#000">'
                   f"{html.escape(text[start:end])}</span>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


class HighlightDelegate(QStyledItemDelegate):
    """Paints a cell's text with the search words highlighted (plain painting otherwise)."""

    def __init__(self, query_source, parent=None):
        super().__init__(parent)
        self._query = query_source  # callable returning the current query

    def paint(self, painter, option, index):
        query = self._query()
        text = index.data(Qt.DisplayRole) or ""
        if not query or not search.match_spans(text, query):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(0)
        doc.setHtml(highlighted_html(" ".join(text.split()), query))
        text_rect = style.subElementRect(QStyle.SE_ItemViewItemText, opt, opt.widget)
        painter.save()
        painter.setClipRect(text_rect)
        top = text_rect.top() + max(0, (text_rect.height() - doc.size().height()) / 2)
        painter.translate(text_rect.left() + 3, top)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        group = QPalette.Active if opt.state & QStyle.State_Active else QPalette.Inactive
        role = QPalette.HighlightedText if opt.state & QStyle.State_Selected else QPalette.Text
        ctx.palette.setColor(QPalette.Text, opt.palette.color(group, role))
        ctx.clip = QRectF(0, 0, text_rect.width(), text_rect.height())
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), 26))
