"""The Trash: restore entries, delete some for good, or empty it (always confirmed)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ... import i18n
from ...store import entries as store
from ...store import people as people_store
from ...store import search
from .entries import make_table, select_uuids, selected_rows
from .model import COLUMNS, JournalModel


class TrashView(QWidget):
    changed = Signal(set)  # uuids restored or deleted for good

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("fieldHelp")
        lay.addWidget(self.intro)
        self.model = JournalModel(self, trash=True)
        self.table = make_table(self, self.model, self.model.query)
        self.table.setObjectName("trashTable")
        self.table.setColumnHidden(COLUMNS.index("match"), True)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.restore_button = QPushButton(self)
        self.restore_button.setObjectName("restoreEntry")
        self.purge_button = QPushButton(self)
        self.purge_button.setObjectName("purgeEntry")
        self.empty_button = QPushButton(self)
        self.empty_button.setObjectName("emptyTrash")
        self.count = QLabel(self)
        row.addWidget(self.restore_button)
        row.addWidget(self.purge_button)
        row.addStretch(1)
        row.addWidget(self.count)
        row.addWidget(self.empty_button)
        lay.addLayout(row)
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        self.empty_button.clicked.connect(self.empty)
        self.table.activated.connect(lambda _i: self.restore_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        purge = QShortcut(QKeySequence.Delete, self.table, self.purge_selected)
        purge.setContext(Qt.WidgetShortcut)
        self.retranslate()

    def reload(self) -> None:
        rows = search.find(search.Filter(trash=True))
        self.model.set_rows(rows, people_store.names())
        self.count.setText(i18n.tr_count("journal.trash_count", len(rows)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        n = len(self.table.selectionModel().selectedRows())
        self.restore_button.setEnabled(n > 0)
        self.purge_button.setEnabled(n > 0)
        self.empty_button.setEnabled(self.model.rowCount() > 0)

    def selected_uuids(self) -> list[str]:
        return [r.uuid for r in selected_rows(self.table)]

    def restore_selected(self) -> None:
        uuids = self.selected_uuids()
        if not uuids:
            return
        store.restore_many(uuids)
        self.reload()
        self.changed.emit(set(uuids))

    def _confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Warning, i18n.tr("journal.confirm_title"), text,
                          QMessageBox.Yes | QMessageBox.Cancel, self)
        box.button(QMessageBox.Yes).setText(i18n.tr("journal.delete_forever"))
        box.button(QMessageBox.Cancel).setText(i18n.tr("common.cancel"))
        box.setDefaultButton(QMessageBox.Cancel)
        return box.exec() == QMessageBox.Yes

    def purge_selected(self) -> None:
        uuids = self.selected_uuids()
        if not uuids or not self._confirm(i18n.tr_count("journal.confirm_purge", len(uuids))):
            return
        store.purge_many(uuids)
        self.reload()
        self.changed.emit(set(uuids))

    def empty(self) -> None:
        n = self.model.rowCount()
        if not n or not self._confirm(i18n.tr("journal.confirm_empty", count=n)):
            return
        uuids = {r.uuid for r in self.model.rows()}
        store.empty_trash()
        self.reload()
        self.changed.emit(uuids)

    def select(self, uuids: list[str]) -> None:
        select_uuids(self.table, uuids)

    def retranslate(self) -> None:
        self.intro.setText(i18n.tr("journal.trash_intro"))
        self.restore_button.setText(i18n.tr("journal.restore"))
        self.purge_button.setText(i18n.tr("journal.purge"))
        self.empty_button.setText(i18n.tr("journal.empty_trash"))
        self.table.setAccessibleName(i18n.tr("journal.tab.trash"))
        self.model.retranslate()
