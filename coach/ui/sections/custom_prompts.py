"""Settings → Your own prompts: add emotions, thinking patterns and questions;
hide built-in items (never delete them)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
)

from ... import custom, i18n
from ...store import entries
from ...tools import registry

ORDER = 955
KEY_ROLE = Qt.UserRole
BUILTIN_ROLE = Qt.UserRole + 1


class CustomPromptsPanel(QGroupBox):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        grid = QGridLayout(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("fieldHelp")
        grid.addWidget(self.note, 0, 0, 1, 4)
        # vocabularies ------------------------------------------------------------
        self.vocab = QComboBox(self)
        self.vocab.setObjectName("promptVocabulary")
        for v in custom.VOCABULARIES:
            self.vocab.addItem("", v)
        self.items = QListWidget(self)
        self.items.setObjectName("promptItems")
        self.items.setMaximumHeight(150)
        self.new_item = QLineEdit(self)
        self.new_item.setObjectName("promptNewItem")
        self.add_item = QPushButton(self)
        self.remove_item = QPushButton(self)
        grid.addWidget(self.vocab, 1, 0, 1, 4)
        grid.addWidget(self.items, 2, 0, 1, 4)
        grid.addWidget(self.new_item, 3, 0, 1, 2)
        grid.addWidget(self.add_item, 3, 2)
        grid.addWidget(self.remove_item, 3, 3)
        # questions ---------------------------------------------------------------
        self.tool = QComboBox(self)
        self.tool.setObjectName("promptTool")
        for spec in registry().values():
            if spec.ui == "form":
                self.tool.addItem("", spec.key)
        self.questions = QListWidget(self)
        self.questions.setObjectName("promptQuestions")
        self.questions.setMaximumHeight(110)
        self.new_question = QLineEdit(self)
        self.new_question.setObjectName("promptNewQuestion")
        self.add_question = QPushButton(self)
        self.remove_question = QPushButton(self)
        grid.addWidget(self.tool, 4, 0, 1, 4)
        grid.addWidget(self.questions, 5, 0, 1, 4)
        grid.addWidget(self.new_question, 6, 0, 1, 2)
        grid.addWidget(self.add_question, 6, 2)
        grid.addWidget(self.remove_question, 6, 3)
        grid.setColumnStretch(0, 1)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        grid.addWidget(self.error, 7, 0, 1, 4)
        self.info = QLabel(self)  # what a removal did (not an error)
        self.info.setObjectName("fieldHelp")
        self.info.setWordWrap(True)
        grid.addWidget(self.info, 8, 0, 1, 4)
        self.error.hide()
        self.info.hide()

        self.vocab.currentIndexChanged.connect(lambda _i: self._fill_items())
        self.tool.currentIndexChanged.connect(lambda _i: self._fill_questions())
        self.items.itemChanged.connect(self._item_toggled)
        self.add_item.clicked.connect(self._add_item)
        self.new_item.returnPressed.connect(self._add_item)
        self.remove_item.clicked.connect(self._remove_item)
        self.add_question.clicked.connect(self._add_question)
        self.new_question.returnPressed.connect(self._add_question)
        self.remove_question.clicked.connect(self._remove_question)
        self.retranslate()

    # data ------------------------------------------------------------------------
    def _save(self, prompts: dict) -> None:
        custom.save(prompts)
        self._say(self.error, "")
        self._say(self.info, "")
        if self.ctx.window is not None:
            self.ctx.window.prompts_changed(source=self)

    @staticmethod
    def _say(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def prompts_changed(self):
        self._fill_items()
        self._fill_questions()

    def _fill_items(self):
        v = self.vocab.currentData()
        prompts = custom.load()
        part = prompts["vocabularies"][v]
        self.items.blockSignals(True)
        self.items.clear()
        for c in custom._builtin(v):
            if c.key == "other":
                continue
            item = QListWidgetItem(c.label.get())
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked if c.key in part["hidden"] else Qt.Checked)
            item.setData(KEY_ROLE, c.key)
            item.setData(BUILTIN_ROLE, True)
            item.setToolTip(i18n.tr("prompts.builtin_tip"))
            self.items.addItem(item)
        for a in part["added"]:
            item = QListWidgetItem(i18n.tr("prompts.own_item", label=a["label"]))
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked if a["key"] in part["hidden"] else Qt.Checked)
            item.setData(KEY_ROLE, a["key"])
            item.setData(BUILTIN_ROLE, False)
            item.setToolTip(i18n.tr("prompts.own_tip"))
            self.items.addItem(item)
        self.items.blockSignals(False)

    def _item_toggled(self, item: QListWidgetItem):
        v = self.vocab.currentData()
        prompts = custom.load()
        hidden = set(prompts["vocabularies"][v]["hidden"])
        if item.checkState() == Qt.Checked:
            hidden.discard(item.data(KEY_ROLE))
        else:
            hidden.add(item.data(KEY_ROLE))
        prompts["vocabularies"][v]["hidden"] = sorted(hidden)
        self._save(prompts)

    def _add_item(self):
        text = self.new_item.text()
        if not text.strip():
            self._say(self.error, i18n.tr("prompts.empty"))
            return
        prompts = custom.load()
        custom.add_item(prompts, self.vocab.currentData(), text)
        self._save(prompts)
        self.new_item.clear()
        self._fill_items()

    def _remove_item(self):
        item = self.items.currentItem()
        if item is None:
            return
        if item.data(BUILTIN_ROLE):
            self._say(self.error, i18n.tr("prompts.cannot_delete_builtin"))
            return
        v = self.vocab.currentData()
        key = item.data(KEY_ROLE)
        used = entries.count_using_choice(key)
        prompts = custom.load()
        custom.remove_item(prompts, v, key, in_use=used > 0)
        self._save(prompts)
        if used:  # entries use it: hidden from new answers, kept for them
            self._say(self.info, i18n.tr("prompts.item_kept", count=used))
        self._fill_items()

    def _fill_questions(self):
        self.questions.clear()
        for q in custom.load()["questions"].get(self.tool.currentData(), []):
            if q.get("retired"):
                continue  # removed after it was answered: lives on only in those entries
            item = QListWidgetItem(q["label"])
            item.setData(KEY_ROLE, q["key"])
            self.questions.addItem(item)

    def _add_question(self):
        text = self.new_question.text()
        if not text.strip():
            self._say(self.error, i18n.tr("prompts.empty"))
            return
        prompts = custom.load()
        custom.add_question(prompts, self.tool.currentData(), text)
        self._save(prompts)
        self.new_question.clear()
        self._fill_questions()

    def _remove_question(self):
        item = self.questions.currentItem()
        if item is None:
            return
        prompts = custom.load()
        tool = self.tool.currentData()
        key = item.data(KEY_ROLE)
        answered = entries.count_answered(tool, key)
        custom.remove_question(prompts, tool, key, answered=answered > 0)
        self._save(prompts)
        if answered:  # answers exist: they keep showing in those entries
            self._say(self.info, i18n.tr("prompts.question_kept", count=answered))
        self._fill_questions()

    def retranslate(self):
        for widget, key in ((self.vocab, "list"), (self.items, "items"), (self.new_item, "new_item"),
                            (self.add_item, "add_item"), (self.remove_item, "remove_item"),
                            (self.tool, "tool"), (self.questions, "questions"),
                            (self.new_question, "new_question"), (self.add_question, "add_question"),
                            (self.remove_question, "remove_question")):
            widget.setAccessibleName(i18n.tr(f"a11y.prompts_{key}"))
        self.setTitle(i18n.tr("prompts.title"))
        self.note.setText(i18n.tr("prompts.note"))
        for i in range(self.vocab.count()):
            self.vocab.setItemText(i, i18n.tr(f"prompts.vocab_{self.vocab.itemData(i)}"))
        tools = registry()
        for i in range(self.tool.count()):
            self.tool.setItemText(i, i18n.tr("prompts.questions_for", tool=tools[self.tool.itemData(i)].name.get()))
        self.new_item.setPlaceholderText(i18n.tr("prompts.new_item"))
        self.add_item.setText(i18n.tr("prompts.add"))
        self.remove_item.setText(i18n.tr("prompts.remove"))
        self.new_question.setPlaceholderText(i18n.tr("prompts.new_question"))
        self.add_question.setText(i18n.tr("prompts.add"))
        self.remove_question.setText(i18n.tr("prompts.remove"))
        self._fill_items()
        self._fill_questions()


def create_settings_panel(ctx):
    return CustomPromptsPanel(ctx)
