"""Editors with the live wording check, and the five-star message editor.

``wording_text``: a long-text editor whose absolute and blaming words are
highlighted as the user types (a QSyntaxHighlighter), with the softer form in
a tooltip and in a list under the editor.

``message_editor``: the same, plus "Compose from the stars" (drafts the
message from the sibling fields, asking before it replaces edits; Ctrl+Z
undoes it) and "Copy message" (clipboard). It also stores how many words were
flagged (``message_flags``) for the trend figure.

The word list is the built-in data file plus the user's words from Settings;
:data:`RULES` tells every open editor when the user changes them.
"""
from __future__ import annotations

import peewee
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QToolTip,
)

from ... import i18n, wording
from ...store import settings
from ...tools.fivestar import compose_message
from ..fields import LongTextWidget, register_widget

COLORS = {"absolute": ("#d35400", "#fdebd0"), "blaming": ("#c0392b", "#fadbd8")}


class WordRules(QObject):
    """The active word rules (built-in + the user's); ``changed`` when the user edits them."""

    changed = Signal()

    def __init__(self):
        super().__init__()
        self._key: object = object()
        self._rules: list[wording.WordRule] = list(wording.builtin_rules())

    def current(self) -> list[wording.WordRule]:
        try:
            custom = settings.get(wording.SETTING)
        except (peewee.PeeweeException, AttributeError):  # no diary open (e.g. a bare widget)
            custom = None
        key = repr(custom)
        if key != self._key:
            self._key, self._rules = key, wording.rules(custom)
        return self._rules

    def user_words_changed(self) -> None:
        self.changed.emit()


RULES = WordRules()


def _format(kind: str) -> QTextCharFormat:
    line, fill = COLORS[kind]
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.WaveUnderline)
    fmt.setUnderlineColor(QColor(line))
    fmt.setBackground(QColor(fill))
    return fmt


class WordingHighlighter(QSyntaxHighlighter):
    def __init__(self, document):
        super().__init__(document)
        self.formats = {kind: _format(kind) for kind in wording.KINDS}

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        for flag in wording.find_flags(text, RULES.current()):
            self.setFormat(flag.start, flag.end - flag.start, self.formats[flag.rule.kind])


class WordingCheck(QObject):
    """Adds the wording check to a plain-text editor: highlights, tooltips and a list.

    ``flag_list`` (a QLabel placed under the editor by the caller) names every
    flagged word with its softer form.
    """

    def __init__(self, edit: QPlainTextEdit, flag_list: QLabel):
        super().__init__(edit)
        self.edit = edit
        self.flag_list = flag_list
        flag_list.setObjectName("wordingFlags")
        flag_list.setWordWrap(True)
        flag_list.setTextFormat(Qt.PlainText)
        self.highlighter = WordingHighlighter(edit.document())
        self.flags: list[wording.Flag] = []
        self._viewport = edit.viewport()
        self._viewport.installEventFilter(self)
        edit.textChanged.connect(self.update_flags)
        RULES.changed.connect(self._rules_changed)
        self.update_flags()

    def _rules_changed(self):
        self.highlighter.rehighlight()
        self.update_flags()

    def update_flags(self) -> None:
        text = self.edit.toPlainText()
        self.flags = wording.find_flags(text, RULES.current())
        self.flag_list.setVisible(bool(text.strip()))
        if not self.flags:
            self.flag_list.setText(i18n.tr("wording.none"))
            self.flag_list.setStyleSheet("color: palette(placeholder-text);")
            return
        lines = [i18n.tr("wording.found", count=len(self.flags))]
        seen = set()
        for flag in self.flags:
            key = (flag.text.lower(), flag.rule.kind)
            if key not in seen:
                seen.add(key)
                lines.append("• " + wording.describe_flag(flag))
        self.flag_list.setText("\n".join(lines))
        worst = "blaming" if any(f.rule.kind == "blaming" for f in self.flags) else "absolute"
        self.flag_list.setStyleSheet(f"color: {COLORS[worst][0]};")

    def flag_at(self, position: int) -> wording.Flag | None:
        return next((f for f in self.flags if f.start <= position < f.end), None)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        # test the event type first: other events arrive while the editor is destroyed
        if event.type() == QEvent.ToolTip and obj is self._viewport:
            cursor = self.edit.cursorForPosition(event.pos())
            flag = self.flag_at(cursor.position()) or self.flag_at(cursor.position() - 1)
            if flag is not None:
                QToolTip.showText(event.globalPos(), wording.describe_flag(flag), self.edit)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(obj, event)


class WordingTextWidget(LongTextWidget):
    """A long-text field with the wording check under it."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.layout().setDirection(QBoxLayout.TopToBottom)
        flag_list = QLabel(self)
        self.layout().addWidget(flag_list)
        self.checked = WordingCheck(self.edit, flag_list)

    def retranslate(self):
        super().retranslate()
        if hasattr(self, "checked"):
            self.checked.update_flags()


class MessageEditorWidget(WordingTextWidget):
    """The composed message: compose from the stars, edit, copy."""

    def __init__(self, field, parent=None):
        self.form = None
        self._last_composed: str | None = None
        super().__init__(field, parent)
        self.edit.setMinimumHeight(220)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.compose_button = QPushButton(self)
        self.compose_button.setObjectName("composeButton")
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copyButton")
        self.status = QLabel(self)
        self.status.setObjectName("fieldHelp")
        self.status.setWordWrap(True)
        row.addWidget(self.compose_button)
        row.addWidget(self.copy_button)
        row.addWidget(self.status, 1)
        self.layout().insertLayout(0, row)
        self.compose_button.clicked.connect(self.compose)
        self.copy_button.clicked.connect(self.copy)
        for keys, slot in (("Ctrl+Shift+C", self.copy), ("Ctrl+Shift+M", self.compose)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.edit.textChanged.connect(lambda: self.status.setText(""))
        self.retranslate()

    def attach(self, form) -> None:
        self.form = form

    def extra_values(self):
        return {"message_flags": len(self.checked.flags) if self.edit.toPlainText().strip() else None}

    def set_value(self, value, data=None):
        super().set_value(value, data)
        self._last_composed = None
        self.status.setText("")

    # actions --------------------------------------------------------------------
    def compose(self) -> None:
        if self.form is None:
            return
        draft = compose_message(self.form.value())
        if not draft:
            self.status.setText(i18n.tr("fivestar.compose_nothing"))
            return
        current = self.edit.toPlainText()
        if current == draft:
            return
        if current.strip() and current != self._last_composed and not self._confirm_replace():
            return
        cursor = QTextCursor(self.edit.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.Document)
        cursor.insertText(draft)  # one undo step: Ctrl+Z brings the old text back
        cursor.endEditBlock()
        self._last_composed = draft
        self.edit.setFocus()

    def _confirm_replace(self) -> bool:
        box = QMessageBox(QMessageBox.Question, i18n.tr("fivestar.compose_confirm_title"),
                          i18n.tr("fivestar.compose_confirm"), QMessageBox.NoButton, self)
        replace = box.addButton(i18n.tr("fivestar.compose"), QMessageBox.AcceptRole)
        keep = box.addButton(i18n.tr("common.cancel"), QMessageBox.RejectRole)
        box.setDefaultButton(keep)
        box.setObjectName("composeConfirm")
        box.exec()
        return box.clickedButton() is replace

    def copy(self) -> None:
        text = self.edit.toPlainText()
        if not text.strip():
            self.status.setText(i18n.tr("fivestar.copy_empty"))
            return
        QGuiApplication.clipboard().setText(text)
        self.status.setText(i18n.tr("fivestar.copied"))

    def retranslate(self):
        super().retranslate()
        if hasattr(self, "compose_button"):
            self.compose_button.setText(i18n.tr("fivestar.compose"))
            self.compose_button.setToolTip(i18n.tr("fivestar.compose_tooltip"))
            self.copy_button.setText(i18n.tr("fivestar.copy"))
            self.copy_button.setToolTip(i18n.tr("fivestar.copy_tooltip"))


register_widget("wording_text", WordingTextWidget)
register_widget("message_editor", MessageEditorWidget)
