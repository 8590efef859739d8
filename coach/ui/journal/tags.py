"""Tags: counts, rename or merge a tag everywhere, remove it, show its entries."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ...store import tags as tag_store


class NumberItem(QTableWidgetItem):
    def __init__(self, value: int):
        super().__init__(i18n.format_number(value))
        self.setData(Qt.UserRole, value)
        self.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)

    def __lt__(self, other):
        return (self.data(Qt.UserRole) or 0) < (other.data(Qt.UserRole) or 0)


class TagsView(QWidget):
    changed = Signal()
    show_tag = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("fieldHelp")
        lay.addWidget(self.intro)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("tagsTable")
        self.table.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.horizontalHeader().setSortIndicator(0, Qt.AscendingOrder)
        self.table.setSortingEnabled(True)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.show_button = QPushButton(self)
        self.rename_button = QPushButton(self)
        self.rename_button.setObjectName("renameTag")
        self.merge_button = QPushButton(self)
        self.merge_button.setObjectName("mergeTags")
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("deleteTag")
        for b in (self.show_button, self.rename_button, self.merge_button, self.delete_button):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.show_button.clicked.connect(self._show)
        self.rename_button.clicked.connect(self.rename_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.itemActivated.connect(lambda _i: self._show())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate()

    def reload(self) -> None:
        keep = set(self.selected())
        self.table.setSortingEnabled(False)
        counts = tag_store.counts()
        self.table.setRowCount(len(counts))
        for i, c in enumerate(counts):
            name = QTableWidgetItem(c.name)
            name.setData(Qt.UserRole, c.name)
            self.table.setItem(i, 0, name)
            self.table.setItem(i, 1, NumberItem(c.live))
            self.table.setItem(i, 2, NumberItem(c.trashed))
        self.table.setSortingEnabled(True)
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).text() in keep:
                self.table.selectRow(i)
        self._update_buttons()

    def selected(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.table.item(r, 0).data(Qt.UserRole) for r in rows]

    def _update_buttons(self) -> None:
        n = len(self.selected())
        self.show_button.setEnabled(n == 1)
        self.rename_button.setEnabled(n == 1)
        self.merge_button.setEnabled(n >= 1)
        self.delete_button.setEnabled(n == 1)

    def _show(self) -> None:
        names = self.selected()
        if len(names) == 1:
            self.show_tag.emit(names[0])

    def _fail(self, exc: tag_store.TagError) -> None:
        QMessageBox.warning(self, i18n.tr("journal.tab.tags"), i18n.tr(exc.key, **exc.args_))

    def rename_selected(self) -> None:
        names = self.selected()
        if len(names) != 1:
            return
        new, ok = QInputDialog.getText(self, i18n.tr("tags.rename_title"),
                                       i18n.tr("tags.rename_prompt", name=names[0]), text=names[0])
        if not ok or new.strip() == names[0]:
            return
        try:
            tag_store.rename(names[0], new)
        except tag_store.TagError as exc:
            self._fail(exc)
            return
        self.reload()
        self.changed.emit()

    def merge_selected(self) -> None:
        names = self.selected()
        if not names:
            return
        choices = [c.name for c in tag_store.counts()]
        target, ok = QInputDialog.getItem(
            self, i18n.tr("tags.merge_title"),
            i18n.tr("tags.merge_prompt", names=i18n.join(names)), choices,
            choices.index(names[0]) if names[0] in choices else 0, True)
        if not ok:
            return
        try:
            tag_store.merge(names, target)
        except tag_store.TagError as exc:
            self._fail(exc)
            return
        self.reload()
        self.changed.emit()

    def delete_selected(self) -> None:
        names = self.selected()
        if len(names) != 1:
            return
        answer = QMessageBox.question(self, i18n.tr("tags.delete_title"),
                                      i18n.tr("tags.delete_prompt", name=names[0]),
                                      QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
        if answer != QMessageBox.Yes:
            return
        try:
            tag_store.delete(names[0])
        except tag_store.TagError as exc:
            self._fail(exc)
            return
        self.reload()
        self.changed.emit()

    def retranslate(self) -> None:
        self.intro.setText(i18n.tr("tags.intro"))
        self.table.setHorizontalHeaderLabels([i18n.tr("tags.col.name"), i18n.tr("tags.col.entries"),
                                              i18n.tr("tags.col.trashed")])
        self.show_button.setText(i18n.tr("tags.show"))
        self.rename_button.setText(i18n.tr("tags.rename"))
        self.merge_button.setText(i18n.tr("tags.merge"))
        self.delete_button.setText(i18n.tr("tags.delete"))
        self.table.setAccessibleName(i18n.tr("journal.tab.tags"))
