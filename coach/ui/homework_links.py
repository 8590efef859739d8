"""Choose which earlier entries count for a homework assignment.

Entries written since the pack was opened count by themselves (shown ticked
and greyed); an entry written before — say, the conflict you journaled the
day before the session — counts once it is ticked here.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from .. import homework, i18n
from ..tools import registry


class LinkEntriesDialog(QDialog):
    def __init__(self, op: homework.OpenPack, assignment: homework.Assignment, parent=None):
        super().__init__(parent)
        self.op = op
        self.assignment = assignment
        self.setObjectName("linkEntriesDialog")
        self.resize(560, 460)
        lay = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        self.entries = QListWidget(self)
        self.entries.setObjectName("linkEntries")
        # long titles end in "…" at the list's width (the whole one is the tooltip)
        self.entries.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.entries.setTextElideMode(Qt.ElideRight)
        for rec, automatic, linked in homework.candidates(op, assignment.id):
            item = QListWidgetItem(self.entries)
            item.setData(Qt.UserRole, rec.uuid)
            item.setData(Qt.UserRole + 1, automatic)
            item.setData(Qt.UserRole + 2, rec)
            if automatic:
                item.setFlags(item.flags() & ~Qt.ItemIsEnabled)
                item.setCheckState(Qt.Checked)
            else:
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Checked if linked else Qt.Unchecked)
        lay.addWidget(self.entries, 1)
        self.empty = QLabel(self)
        self.empty.setObjectName("fieldHelp")
        self.empty.setWordWrap(True)
        self.empty.setVisible(self.entries.count() == 0)
        lay.addWidget(self.empty)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.retranslate()
        if self.entries.count():
            self.entries.setCurrentRow(0)
        self.entries.setFocus()

    def retranslate(self):
        spec = registry().get(self.assignment.tool)
        tool = spec.name.get() if spec else self.assignment.tool
        self.setWindowTitle(i18n.tr("homework.ui.link_title", tool=tool))
        self.intro.setText(i18n.tr("homework.ui.link_intro", tool=tool,
                                   opened=i18n.format_datetime(self.op.opened_at.astimezone())))
        self.entries.setAccessibleName(i18n.tr("homework.ui.link_list"))
        self.empty.setText(i18n.tr("homework.ui.link_none", tool=tool))
        for i in range(self.entries.count()):
            item = self.entries.item(i)
            rec = item.data(Qt.UserRole + 2)
            text = f"{i18n.format_date(rec.created_at)} · {rec.display_title() or i18n.tr('entry.untitled')}"
            item.setToolTip(text)
            if item.data(Qt.UserRole + 1):
                text = i18n.tr("homework.ui.link_automatic", entry=text)
            item.setText(text)
        self.buttons.button(QDialogButtonBox.Ok).setText(i18n.tr("homework.ui.link_save"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(i18n.tr("common.cancel"))

    def chosen(self) -> list[str]:
        """The entries linked by hand (those counted automatically need no link)."""
        return [self.entries.item(i).data(Qt.UserRole) for i in range(self.entries.count())
                if not self.entries.item(i).data(Qt.UserRole + 1)
                and self.entries.item(i).checkState() == Qt.Checked]

    def accept(self):
        homework.set_links(self.assignment.id, self.chosen())
        super().accept()
