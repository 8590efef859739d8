"""The left column of a tool page: the tool's name, a New button and its entries."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from .. import i18n
from ..store import entries as store
from .layouts import LinesDelegate


class EntryListPanel(QWidget):
    open_requested = Signal(str)  # uuid
    new_requested = Signal()

    def __init__(self, parent=None, list_name: str = "toolEntries"):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 0, 8)
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("fieldHelp")
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newEntryButton")
        self.list = QListWidget(self)
        self.list.setItemDelegate(LinesDelegate(self.list))  # two lines, maybe Chinese
        self.list.setObjectName(list_name)
        # Long titles wrap inside the column instead of hiding behind a sideways scroll bar.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._open)
        self.list.itemClicked.connect(self._open)
        self.new_button.clicked.connect(self.new_requested)
        for w in (self.heading, self.summary, self.new_button):
            lay.addWidget(w)
        lay.addWidget(self.list, 1)

    def _open(self, item: QListWidgetItem):
        self.open_requested.emit(item.data(Qt.UserRole))

    def refresh(self, tool: str, current: str | None, show_status: bool = True) -> None:
        self.list.clear()
        for rec in store.query(tool=tool, limit=200):
            title = rec.display_title() or i18n.tr("entry.untitled")
            when = i18n.format_datetime(rec.updated_at)
            text = f"{title}\n{when} · {i18n.tr('status.' + rec.status)}" if show_status else f"{title}\n{when}"
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, rec.uuid)
            item.setToolTip(title)
            self.list.addItem(item)
            if rec.uuid == current:
                item.setSelected(True)

    def set_texts(self, heading: str, summary: str, new_label: str, new_tooltip: str = "") -> None:
        self.heading.setText(heading)
        self.summary.setText(summary)
        self.new_button.setText(new_label)
        self.new_button.setToolTip(new_tooltip)
