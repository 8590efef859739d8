"""Settings → Wording check: the user's own absolute / blaming words.

Stored with :mod:`coach.store.settings` under ``wording_words``; every open
message editor re-highlights at once (:data:`coach.ui.widgets.wording.RULES`).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ... import i18n, wording
from ...store import settings
from ..widgets.wording import RULES


class WordingSettings(QGroupBox):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("wordingSettings")
        lay = QVBoxLayout(self)
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.help.setObjectName("fieldHelp")
        lay.addWidget(self.help)

        grid = QGridLayout()
        self.word_label = QLabel(self)
        self.kind_label = QLabel(self)
        self.suggestion_label = QLabel(self)
        self.word = QLineEdit(self)
        self.word.setObjectName("wordingWord")
        self.word.setMaxLength(wording.MAX_WORD + 1)
        self.kind = QComboBox(self)
        self.kind.setObjectName("wordingKind")
        self.suggestion = QLineEdit(self)
        self.suggestion.setObjectName("wordingSuggestion")
        self.suggestion.setMaxLength(wording.MAX_SUGGESTION)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("wordingAdd")
        for label, editor in ((self.word_label, self.word), (self.kind_label, self.kind),
                              (self.suggestion_label, self.suggestion)):
            label.setBuddy(editor)
        grid.addWidget(self.word_label, 0, 0)
        grid.addWidget(self.kind_label, 0, 1)
        grid.addWidget(self.suggestion_label, 0, 2)
        grid.addWidget(self.word, 1, 0)
        grid.addWidget(self.kind, 1, 1)
        grid.addWidget(self.suggestion, 1, 2)
        grid.addWidget(self.add_button, 1, 3)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 3)
        lay.addLayout(grid)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        lay.addWidget(self.message)

        self.list = QTreeWidget(self)
        self.list.setObjectName("wordingList")
        self.list.setColumnCount(3)
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.list.setMinimumHeight(110)
        self.list.setMaximumHeight(200)
        lay.addWidget(self.list)
        self.empty = QLabel(self)
        self.empty.setObjectName("fieldHelp")
        lay.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("wordingRemove")
        buttons.addWidget(self.remove_button)
        self.undo_button = QPushButton(self)
        self.undo_button.setObjectName("wordingUndo")
        self.undo_button.setVisible(False)
        self.undo_button.clicked.connect(self.undo_remove)
        buttons.addWidget(self.undo_button)
        self._removed: list[dict] = []
        buttons.addStretch(1)
        lay.addLayout(buttons)

        self.add_button.clicked.connect(self.add)
        self.word.returnPressed.connect(self.add)
        self.suggestion.returnPressed.connect(self.add)
        self.remove_button.clicked.connect(self.remove_selected)
        delete = QShortcut(QKeySequence.Delete, self.list)
        delete.setContext(Qt.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate()

    # data -------------------------------------------------------------------------
    def items(self) -> list[dict]:
        return wording.clean_custom(settings.get(wording.SETTING) or [])

    def _store(self, items: list[dict]) -> None:
        settings.set(wording.SETTING, items)
        RULES.user_words_changed()
        self.refresh()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setObjectName("fieldError" if error else "fieldHelp")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def add(self) -> None:
        word = " ".join(self.word.text().split())
        if not word:
            self._say(i18n.tr("wording.error_empty"), error=True)
            self.word.setFocus()
            return
        if len(word) > wording.MAX_WORD:
            self._say(i18n.tr("wording.error_long", max=wording.MAX_WORD), error=True)
            self.word.setFocus()
            return
        items = self.items()
        if any(i["word"].lower() == word.lower() for i in items):
            self._say(i18n.tr("wording.error_duplicate", word=word), error=True)
            self.word.setFocus()
            return
        self.undo_button.setVisible(False)
        items.append({"word": word, "kind": self.kind.currentData(),
                      "suggestion": " ".join(self.suggestion.text().split())})
        self._store(items)
        self.word.clear()
        self.suggestion.clear()
        self.word.setFocus()
        self._say(i18n.tr("wording.added", word=word))

    def remove_selected(self) -> None:
        chosen = {item.data(0, Qt.UserRole) for item in self.list.selectedItems()}
        if not chosen:
            return
        items = self.items()
        self._removed = [i for i in items if i["word"] in chosen]
        self._store([i for i in items if i["word"] not in chosen])
        self._say(i18n.tr("wording.removed", word=i18n.join(sorted(chosen))))
        self.undo_button.setVisible(True)

    def undo_remove(self) -> None:
        """Put the words removed last back (the list is kept as it was otherwise)."""
        items = self.items()
        have = {i["word"].lower() for i in items}
        self._store(items + [i for i in self._removed if i["word"].lower() not in have])
        self._say(i18n.tr("wording.restored", word=i18n.join(i["word"] for i in self._removed)))
        self._removed = []
        self.undo_button.setVisible(False)

    def refresh(self) -> None:
        self.list.clear()
        for item in self.items():
            row = QTreeWidgetItem([item["word"], wording.KIND_NAMES[item["kind"]].get(),
                                   item["suggestion"]])
            row.setData(0, Qt.UserRole, item["word"])
            self.list.addTopLevelItem(row)
        self.list.resizeColumnToContents(0)
        has = self.list.topLevelItemCount() > 0
        self.list.setVisible(has)
        self.empty.setVisible(not has)
        self._update_buttons()

    def _update_buttons(self):
        self.remove_button.setEnabled(bool(self.list.selectedItems()))

    def retranslate(self):
        self.setTitle(i18n.tr("wording.settings_title"))
        self.help.setText(i18n.tr("wording.settings_help", count=len(wording.builtin_rules())))
        self.word_label.setText(i18n.tr("wording.word"))
        self.kind_label.setText(i18n.tr("wording.kind"))
        self.suggestion_label.setText(i18n.tr("wording.suggestion"))
        self.add_button.setAccessibleName(i18n.tr("a11y.wording_add"))
        current = self.kind.currentData()
        self.kind.clear()
        for kind in wording.KINDS:
            self.kind.addItem(wording.KIND_NAMES[kind].get(), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        self.add_button.setText(i18n.tr("wording.add"))
        self.remove_button.setText(i18n.tr("wording.remove"))
        self.undo_button.setText(i18n.tr("wording.undo"))
        self.empty.setText(i18n.tr("wording.empty_list"))
        self.list.setHeaderLabels([i18n.tr("wording.word"), i18n.tr("wording.kind"),
                                   i18n.tr("wording.suggestion")])
        self.refresh()


def create_settings_panel(ctx) -> WordingSettings:
    return WordingSettings()
