"""The generic form renderer: builds an entry form from a ToolSpec.

One page per section, shown as steps (Ctrl+PgDown / Ctrl+PgUp move between
them). A section that names ``context`` fields shows them read-only on top, so
the user can dispute a belief while seeing the event and the feelings. The
form knows field kinds, never individual tools.
"""
from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..tools.base import Problem, ToolSpec
from ..tools.view import describe
from .fields import FieldWidget, make_widget
from ..tags import is_builtin
from .builtin_tags import BuiltinTagsButton
from .people import PeoplePicker
from .rows import RerateWidget
from .layouts import room_for_bold


def describe_html(spec: ToolSpec, data: dict, keys: tuple[str, ...] | None = None) -> str:
    """Escaped HTML of an entry's filled-in fields (user text is never markup)."""
    parts = []
    for section, lines in describe(spec, data, keys=keys):
        parts.append(f"<h3>{html.escape(section)}</h3>")
        for line in lines:
            value = html.escape(line.value).replace("\n", "<br>")
            parts.append(f"<p><b>{html.escape(line.label)}</b><br>{value}</p>")
    return "".join(parts)


HIGHLIGHT = "#ffe08a"
MATCHED_LINE_STYLE = "QLineEdit { background-color: #fff3c4; }"


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [re.split(r"[,，]", path)[-1].strip()]

    def pathFromIndex(self, index) -> str:
        completion = super().pathFromIndex(index)
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        last = re.split(r"[,，]", text)[-1]
        prefix = text[: len(text) - len(last)]
        if prefix and not prefix.endswith(" "):
            prefix += " "
        return prefix + completion


class FieldBlock(QWidget):
    """Label, help text, editor and inline error message of one field."""

    def __init__(self, widget: FieldWidget, parent=None):
        super().__init__(parent)
        self.widget = widget
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 8)
        lay.setSpacing(3)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setObjectName("fieldLabel")
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.help.setObjectName("fieldHelp")
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setObjectName("fieldError")
        self.error.setVisible(False)
        self.label.setBuddy(widget.focus_target())
        lay.addWidget(self.label)
        lay.addWidget(self.help)
        lay.addWidget(widget)
        lay.addWidget(self.error)
        self.retranslate()

    def retranslate(self):
        f = self.widget.field
        mark = " <span style='color:#c0392b'>*</span>" if f.required else ""
        self.label.setText(f"<b>{html.escape(f.label.get())}</b>{mark}")
        self.help.setText(f.help.get() if f.help else "")
        self.help.setVisible(bool(f.help))
        self.widget.retranslate()

    def show_error(self, text: str | None):
        self.error.setText(text or "")
        self.error.setVisible(bool(text))


class SectionPage(QScrollArea):
    def __init__(self, form: "EntryForm", index: int):
        super().__init__(form)
        self.form = form
        self.section = form.spec.sections[index]
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        inner = QWidget(self)
        self.lay = QVBoxLayout(inner)
        self.lay.setContentsMargins(16, 12, 16, 12)
        self.intro = QLabel(inner)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("sectionHelp")
        self.lay.addWidget(self.intro)
        self.context = None
        if self.section.context:
            self.context = QLabel(inner)
            self.context.setObjectName("contextCard")
            self.context.setWordWrap(True)
            self.context.setTextFormat(Qt.RichText)
            self.lay.addWidget(self.context)
        self.blocks: list[FieldBlock] = []
        for f in self.section.fields:
            if f.hidden:
                continue
            extra = {}
            if f.kind == "rerate":
                extra["source_widget"] = form.widgets.get(f.source)
            widget = make_widget(f, inner, **extra)
            form.widgets[f.key] = widget
            block = FieldBlock(widget, inner)
            self.blocks.append(block)
            self.lay.addWidget(block)
        self.lay.addStretch(1)
        self.setWidget(inner)

    def refresh_context(self):
        if self.context is None:
            return
        data = self.form.value()
        body = describe_html(self.form.spec, data, keys=self.section.context)
        if not body:
            body = html.escape(i18n.tr("form.context_empty"))
        self.context.setText(f"<div><b>{html.escape(i18n.tr('form.context_title'))}</b></div>{body}")
        for block in self.blocks:
            if isinstance(block.widget, RerateWidget):
                block.widget.refresh()

    def retranslate(self):
        self.intro.setText(self.section.help.get() if self.section.help else "")
        self.intro.setVisible(bool(self.section.help))
        for block in self.blocks:
            block.retranslate()
        self.refresh_context()


class EntryForm(QWidget):
    """Header (title, tags, people) + section steps + example panel."""

    changed = Signal()
    complete_requested = Signal()

    def __init__(self, spec: ToolSpec, parent=None, tag_names: list[str] | None = None,
                 ctx=None):
        super().__init__(parent)
        self.spec = spec
        self.ctx = ctx  # AppContext (or None), for special widgets
        self.host = None  # the page showing this form (a ToolPage), set by the page
        self.widgets: dict[str, FieldWidget] = {}
        self._original: dict[str, Any] = {}
        self._edited: set[str] = set()  # keys the user changed since the entry was loaded
        self._loading = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        # header -----------------------------------------------------------
        header = QWidget(self)
        hl = QHBoxLayout(header)
        hl.setContentsMargins(16, 8, 16, 0)
        self.title_edit = QLineEdit(header)
        self.title_edit.setObjectName("entryTitle")
        self.tags_edit = QLineEdit(header)
        self.tags_edit.setObjectName("entryTags")
        self._tag_completer = TagCompleter(tag_names or [], self.tags_edit)
        self._tag_completer.setCaseSensitivity(Qt.CaseInsensitive)
        self._tag_completer.setFilterMode(Qt.MatchContains)
        self.tags_edit.setCompleter(self._tag_completer)
        self.tags_edit.installEventFilter(self)  # fresh tag names whenever it gains focus
        self.people = PeoplePicker(header)
        self.builtin_tags = BuiltinTagsButton(header)
        self.example_button = QToolButton(header)
        self.example_button.setCheckable(True)
        self.example_button.setObjectName("exampleButton")
        hl.addWidget(self.title_edit, 3)
        hl.addWidget(self.tags_edit, 2)
        hl.addWidget(self.builtin_tags, 0)
        hl.addWidget(self.people, 0)
        hl.addWidget(self.example_button, 0)
        outer.addWidget(header)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("promptBanner")
        self.prompt.setWordWrap(True)
        self.prompt.setVisible(False)
        prompt_row = QHBoxLayout()
        prompt_row.setContentsMargins(16, 6, 16, 0)
        prompt_row.addWidget(self.prompt)
        outer.addLayout(prompt_row)

        # steps ---------------------------------------------------------------
        steps = QWidget(self)
        sl = QHBoxLayout(steps)
        sl.setContentsMargins(16, 8, 16, 0)
        sl.setSpacing(4)
        self.step_group = QButtonGroup(self)
        self.step_buttons: list[QPushButton] = []
        for i, _section in enumerate(spec.sections):
            b = QPushButton(steps)
            b.setCheckable(True)
            b.setObjectName("stepButton")
            b.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
            self.step_group.addButton(b, i)
            sl.addWidget(b)
            self.step_buttons.append(b)
        sl.addStretch(1)
        outer.addWidget(steps)

        # pages + example ----------------------------------------------------------
        self.splitter = QSplitter(Qt.Horizontal, self)
        self.stack = QStackedWidget(self.splitter)
        self.pages: list[SectionPage] = []
        for i in range(len(spec.sections)):
            page = SectionPage(self, i)
            self.pages.append(page)
            self.stack.addWidget(page)
        self.example = QTextBrowser(self.splitter)
        self.example.setObjectName("examplePanel")
        self.example.setVisible(False)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.example)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        outer.addWidget(self.splitter, 1)

        # footer ----------------------------------------------------------------
        footer = QWidget(self)
        fl = QHBoxLayout(footer)
        fl.setContentsMargins(16, 6, 16, 10)
        self.status = QLabel(footer)
        self.status.setObjectName("saveStatus")
        self.back = QPushButton(footer)
        self.next = QPushButton(footer)
        self.complete = QPushButton(footer)
        self.complete.setObjectName("completeButton")
        self.complete.setDefault(False)
        fl.addWidget(self.status, 1)
        fl.addWidget(self.back)
        fl.addWidget(self.next)
        fl.addWidget(self.complete)
        outer.addWidget(footer)

        # wiring ------------------------------------------------------------------
        for key, w in self.widgets.items():
            owner = w.field.source if w.field.kind == "rerate" else key
            w.changed.connect(lambda k=owner: self._mark_edited(k))
            w.changed.connect(self._on_change)
            w.attach(self)
        self.title_edit.textEdited.connect(self._on_change)
        self.tags_edit.textEdited.connect(self._on_change)
        self.people.changed.connect(self._on_change)
        self.builtin_tags.changed.connect(self._on_change)
        self.step_group.idClicked.connect(self.go_to)
        self.back.clicked.connect(lambda: self.go_to(self.stack.currentIndex() - 1))
        self.next.clicked.connect(lambda: self.go_to(self.stack.currentIndex() + 1))
        self.complete.clicked.connect(self.complete_requested)
        self.example_button.toggled.connect(self._toggle_example)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.go_to(self.stack.currentIndex() + 1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.go_to(self.stack.currentIndex() - 1))
        self.go_to(0)
        self.retranslate()

    # navigation ---------------------------------------------------------------
    def go_to(self, index: int, focus: bool = True):
        if not 0 <= index < len(self.pages):
            return
        self.stack.setCurrentIndex(index)
        self.step_buttons[index].setChecked(True)
        self.pages[index].refresh_context()
        self.back.setEnabled(index > 0)
        self.next.setEnabled(index < len(self.pages) - 1)
        if focus and self.pages[index].blocks:
            self.pages[index].blocks[0].widget.setFocus()

    def current_step(self) -> int:
        return self.stack.currentIndex()

    # data ----------------------------------------------------------------------
    def _on_change(self, *args):
        if not self._loading:
            self.changed.emit()

    def _mark_edited(self, key: str):
        if not self._loading:
            self._edited.add(key)

    def value(self) -> dict:
        """The form's data, with every key the spec does not know preserved.

        A field the user has not touched keeps its stored value exactly, even
        one its widget cannot show (hand-edited, or from an older spec
        version), so opening and saving an entry never drops anything.
        """
        data = dict(self._original)
        for key, w in self.widgets.items():
            if w.field.kind == "rerate":
                continue
            untouched = key not in self._edited
            if untouched and key in self._original:
                continue
            v = w.value()
            if v is None:
                data.pop(key, None)
            else:
                data[key] = v
            for k, extra in w.extra_values().items():
                if untouched and k in self._original:
                    continue  # e.g. a stored "<key>_other" the user has not touched
                if extra is None:
                    data.pop(k, None)
                else:
                    data[k] = extra
        return data

    def set_value(self, data: dict):
        self.highlight("")
        self._loading = True
        try:
            self._original = dict(data)
            self._edited = set()
            for key, w in self.widgets.items():
                w.set_value(data.get(key), data)
            for page in self.pages:
                for block in page.blocks:
                    if block.widget.field.retired:  # only where it was answered
                        block.setVisible(data.get(block.widget.field.key) not in (None, ""))
                page.refresh_context()
        finally:
            self._loading = False

    def mark_saved(self, data: dict):
        """Tell the widgets that ``data`` is now what the diary holds."""
        for w in self.widgets.values():
            w.saved(data)

    def header_value(self) -> tuple[str, list[str], list[int]]:
        tags = [t.strip() for t in self.tags_edit.text().replace("，", ",").split(",") if t.strip()]
        return self.title_edit.text().strip(), tags + self.builtin_tags.selected(), self.people.selected()

    def set_header(self, title: str, tags: list[str], people: list[int]):
        self._loading = True
        try:
            self.title_edit.setText(title)
            self.tags_edit.setText(", ".join(t for t in tags if not is_builtin(t)))
            self.builtin_tags.set_selected(tags)
            self.people.set_selected(people)
        finally:
            self._loading = False

    def set_tag_names(self, names: list[str]):
        self._tag_completer.model().setStringList(names)  # type: ignore[attr-defined]

    def refresh_tag_names(self) -> None:
        """Reload the tag list for autocompletion (tags are added, renamed, merged elsewhere)."""
        from ..store import tags as tag_store

        self.set_tag_names(tag_store.names())

    def eventFilter(self, obj, event):
        if obj is self.tags_edit and event.type() == QEvent.FocusIn:
            self.refresh_tag_names()
        return super().eventFilter(obj, event)

    # search highlight ------------------------------------------------------------
    def highlight(self, query: str) -> int:
        """Mark the words of ``query`` in every text box of the form; "" clears the marks.

        Text areas get a background behind each match, one-line boxes a tinted
        background with the first match selected. Shows the first step that
        holds a match. Changes no data. Returns the number of matches.
        """
        from ..store.search import match_spans, words

        ws = words(query)
        total = 0
        first_page: int | None = None
        color = QColor(HIGHLIGHT)
        areas = [w for w in self.findChildren(QPlainTextEdit)] + \
            [w for w in self.findChildren(QTextEdit) if not isinstance(w, QTextBrowser)]
        for edit in areas:
            selections = []
            for start, end in (match_spans(edit.toPlainText(), ws) if ws else []):
                sel = QTextEdit.ExtraSelection()
                cursor = QTextCursor(edit.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.KeepAnchor)
                sel.cursor = cursor
                sel.format.setBackground(color)
                sel.format.setForeground(QColor("#000000"))
                selections.append(sel)
            edit.setExtraSelections(selections)
            if selections:
                total += len(selections)
                first_page = self._page_of(edit, first_page)
        for line in self.findChildren(QLineEdit):
            if line.property("searchHighlight"):
                line.setStyleSheet("")
                line.setProperty("searchHighlight", False)
            spans = match_spans(line.text(), ws) if ws else []
            if spans:
                total += len(spans)
                line.setProperty("searchHighlight", True)
                line.setStyleSheet(MATCHED_LINE_STYLE)
                line.setSelection(spans[0][0], spans[0][1] - spans[0][0])
                first_page = self._page_of(line, first_page)
        if first_page is not None and first_page != self.stack.currentIndex():
            self.go_to(first_page, focus=False)
        return total

    def _page_of(self, widget: QWidget, current: int | None) -> int | None:
        for i, page in enumerate(self.pages):
            if page.isAncestorOf(widget):
                return i if current is None else min(current, i)
        return current

    def show_problems(self, problems: list[Problem]) -> None:
        """Inline messages under the fields; jump to the first problem."""
        by_field: dict[str, str] = {}
        for p in problems:
            top = p.field.split(".")[0]
            if top.endswith("_other"):
                top = top[: -len("_other")]
            by_field.setdefault(top, p.message.get())
        first_page = None
        for i, page in enumerate(self.pages):
            for block in page.blocks:
                msg = by_field.get(block.widget.field.key)
                block.show_error(msg)
                if msg and first_page is None:
                    first_page = i
                    first_block = block
        if first_page is not None:
            self.go_to(first_page, focus=False)
            first_block.widget.setFocus()
            self.pages[first_page].ensureWidgetVisible(first_block)

    def clear_problems(self):
        self.show_problems([])

    # example -------------------------------------------------------------------
    def _toggle_example(self, on: bool):
        self.example.setVisible(on)
        if on:
            self._render_example()

    def _render_example(self):
        data = self.spec.examples.get(i18n.current()) or self.spec.examples.get("en") or {}
        body = describe_html(self.spec, data)
        note = html.escape(i18n.tr("form.example_note"))
        self.example.setHtml(f"<h2>{html.escape(i18n.tr('form.example_title'))}</h2>"
                             f"<p><i>{note}</i></p>{body}")

    def retranslate(self):
        self.title_edit.setPlaceholderText(i18n.tr("form.title_placeholder"))
        self.title_edit.setAccessibleName(i18n.tr("form.title_placeholder"))
        self.tags_edit.setPlaceholderText(i18n.tr("form.tags_placeholder"))
        self.tags_edit.setAccessibleName(i18n.tr("form.tags_placeholder"))
        self.people.retranslate()
        self.builtin_tags.retranslate()
        self.example_button.setText(i18n.tr("form.example_button"))
        self.example_button.setToolTip(i18n.tr("form.example_tooltip"))
        for i, section in enumerate(self.spec.sections):
            self.step_buttons[i].setText(section.label.get())
            room_for_bold(self.step_buttons[i])
        for page in self.pages:
            page.retranslate()
        self.back.setText(i18n.tr("form.back"))
        self.next.setText(i18n.tr("form.next"))
        self.complete.setText(i18n.tr("form.complete"))
        self.complete.setToolTip(i18n.tr("form.complete_tooltip"))
        if self.example.isVisible():
            self._render_example()

    def set_prompt(self, text: str | None):
        """A prompt shown above the steps (e.g. a homework assignment)."""
        self.prompt.setText(text or "")
        self.prompt.setVisible(bool(text))

    def set_status(self, text: str):
        self.status.setText(text)

    def set_status_error(self, failed: bool):
        """Show the status line as an error (a save that keeps failing)."""
        self.status.setStyleSheet("color: #c0392b; font-weight: 600;" if failed else "")
        self.status.setWordWrap(failed)
