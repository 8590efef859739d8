"""A tool's page: its entries on the left, the entry form on the right.

Typing autosaves a draft (after a short pause, well within 2 s); Ctrl+S saves
at once and marks the entry complete when every required field is filled,
otherwise it keeps the draft and shows what is missing next to the fields.
A failed write keeps the typed text in the form and retries.
"""
from __future__ import annotations

import logging
import sqlite3
from datetime import datetime

import peewee
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSplitter,
    QWidget,
)

from .. import i18n
from ..store import entries as store
from ..store import settings
from ..store.connection import write_failure_kind
from ..tools.base import ToolSpec
from .. import custom
from .entry_list import EntryListPanel
from .form import EntryForm

log = logging.getLogger(__name__)
RETRY_MS = 5000


class ToolPage(QWidget):
    entry_saved = Signal(str)  # uuid

    def __init__(self, spec: ToolSpec, parent=None, ctx=None):
        super().__init__(parent)
        self.base_spec = spec
        self.spec = spec
        self.ctx = ctx
        self.follows: str | None = None
        self.nav_key = f"tool:{spec.key}"
        self.record: store.EntryRecord | None = None
        self.dirty = False
        self.last_error: str | None = None
        self.last_error_kind: str | None = None

        split = QSplitter(Qt.Horizontal, self)
        left = EntryListPanel(split)
        left.open_requested.connect(self._open_uuid)
        self.heading, self.summary, self.new_button, self.list = (
            left.heading, left.summary, left.new_button, left.list)
        self.entry_list = left
        self.split = split
        split.addWidget(left)
        self.form = self._make_form()
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 900])
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.autosave)
        self.entry_list.new_requested.connect(self.new_entry)
        QShortcut(QKeySequence.Save, self, self.save_and_complete)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save_and_complete)
        QShortcut(QKeySequence.New, self, self.new_entry)
        self.retranslate()
        self.refresh_list()

    def _make_form(self) -> EntryForm:
        """The form for the tool with the user's own prompts (see coach.custom)."""
        self.spec = custom.customise(self.base_spec)
        form = EntryForm(self.spec, self.split, tag_names=[t for t, _ in store.all_tags()], ctx=self.ctx)
        form.host = self
        form.changed.connect(self._changed)
        form.complete_requested.connect(self.save_and_complete)
        self.split.insertWidget(1, form)
        return form

    def apply_custom_prompts(self) -> None:
        """Rebuild the form after the user changed their prompts; nothing typed is lost."""
        self.flush()
        current = self.record.uuid if self.record and not self.dirty else None
        old = self.form
        self.form = self._make_form()
        old.setParent(None)
        old.deleteLater()
        self.split.setSizes([240, 900])
        self.form.retranslate()
        if current:
            self.open_entry(current)
        else:
            self.new_entry()

    # list ------------------------------------------------------------------------
    def refresh_list(self):
        self.entry_list.refresh(self.spec.key, self.record.uuid if self.record else None)

    def _open_uuid(self, uuid: str):
        if not self.record or uuid != self.record.uuid:
            self.open_entry(uuid)

    # entry lifecycle ------------------------------------------------------------------
    def new_entry(self, prefill: dict | None = None, follows: str | None = None,
                  prompt: str | None = None) -> bool:
        """Start a fresh entry; ``prefill`` data is saved as a draft at once.

        Refused (returns False) while the current entry cannot be saved: its
        text stays in the form rather than being replaced.
        """
        if not self.flush():
            self._show_failure(blocked=True)
            return False
        self.record = None
        self.dirty = False
        self.follows = follows
        start = dict(prefill or {})
        if not prefill and self.spec.start_data is not None:
            previous = list(reversed(store.completed_data(self.spec.key)))
            start = self.spec.start_data(previous)  # carried over, saved once edited
        self.form.set_value(start)
        self.form.set_header("", [], [])
        self.form.set_prompt(prompt)
        self.form.clear_problems()
        self.form.go_to(0)
        self.form.set_status(i18n.tr("entry.new_status"))
        self.list.clearSelection()
        if prefill or follows:
            self.dirty = True
            self.autosave()
        return True

    def open_entry(self, uuid: str) -> bool:
        if not self.flush():
            self._show_failure(blocked=True)
            self.refresh_list()
            return False
        rec = store.get(uuid)
        self.record = rec
        self.follows = rec.follows
        self.dirty = False
        self.form.set_prompt(None)
        self.form.set_value(rec.data)
        self.form.set_header(rec.title, rec.tags, rec.people)
        self.form.clear_problems()
        self.form.go_to(0)
        self._show_saved_status()
        self.refresh_list()
        return True

    def _changed(self):
        self.dirty = True
        if self.last_error_kind is None:
            self.form.set_status(i18n.tr("entry.unsaved"))
        # Not a debounce: the first unsaved change starts the clock, so a
        # steady typist is still saved within the delay.
        if not self.timer.isActive():
            seconds = float(settings.get("autosave_seconds") or 1.0)
            self.timer.start(int(min(max(seconds, 0.2), 1.5) * 1000))

    def _has_content(self, data: dict) -> bool:
        title, tags, people = self.form.header_value()
        return bool(data or title or tags or people)

    def _write(self, status: str, force: bool = False) -> bool:
        data = self.form.value()
        if (self.record is None and not self._has_content(data) and status == "draft"
                and not self.follows and not force):
            self.dirty = False
            return True
        title, tags, people = self.form.header_value()
        rec = self.record or store.EntryRecord(uuid=store.new_uuid(), tool=self.spec.key, data={},
                                               spec_version=self.spec.version)
        rec.data, rec.title, rec.tags, rec.people, rec.status = data, title, tags, people, status
        rec.spec_version = max(rec.spec_version, self.spec.version)
        rec.follows = self.follows
        try:
            self.record = store.save(rec)
        except (peewee.PeeweeException, sqlite3.Error, OSError) as exc:
            # The transaction was rolled back; the text stays in the form and
            # in self.record, and the timer retries until the write succeeds.
            log.warning("saving entry failed: %s", exc)
            self.dirty = True
            self.last_error = str(exc)
            self.last_error_kind = write_failure_kind(exc)
            self._show_failure()
            self.timer.start(RETRY_MS)
            return False
        if self.last_error_kind is not None:
            log.info("saving works again")
        self.last_error = None
        self.last_error_kind = None
        self.form.set_status_error(False)
        self.dirty = False
        self.form.mark_saved(self.record.data)
        self.refresh_list()
        self.entry_saved.emit(self.record.uuid)
        return True

    def autosave(self):
        if not self.dirty:
            return
        status = self.record.status if self.record else "draft"
        if self._write(status):
            self._show_saved_status()

    def flush(self) -> bool:
        """Write pending changes now (before switching entries or quitting).

        Returns False if they could not be written (they stay in the form and
        the retry timer runs)."""
        self.timer.stop()
        if self.dirty:
            self.autosave()
        return not self.dirty

    def _show_failure(self, blocked: bool = False):
        kind = self.last_error_kind or "other"
        text = i18n.tr(f"entry.save_failed_{kind}") if kind != "other" else \
            i18n.tr("entry.save_failed", error=self.last_error or "?")
        if blocked:
            text += " " + i18n.tr("entry.switch_blocked")
        self.form.set_status(text)
        self.form.set_status_error(True)

    def save_now(self) -> str | None:
        """Write the entry now, even an empty new one, and return its uuid
        (None if the write failed). Used before linking another entry to it."""
        self.timer.stop()
        if self.record is None or self.dirty:
            status = self.record.status if self.record else "draft"
            if not self._write(status, force=True):
                return None
            self._show_saved_status()
        return self.record.uuid

    def save_and_complete(self):
        if not self.isVisible():
            return
        self.timer.stop()
        data = self.form.value()
        problems = self.spec.validate(data, complete=True)
        if problems:
            status = self.record.status if self.record else "draft"
            if status == "complete":
                status = "draft"
            if self._write(status) if (self.dirty or self.record is None) else True:
                self.form.show_problems(problems)
                self.form.set_status(i18n.tr("entry.incomplete", count=len(problems)))
            return
        if self._write("complete"):
            self.form.clear_problems()
            self._show_saved_status()

    def data_changed(self):
        """Entries changed behind this page (restore, import): reload what is shown."""
        if self.record is not None and self._moved_to_trash(self.record.uuid):
            # trashed in the Journal while open here: what was typed goes with it
            # (restoring it brings everything back), and the form starts afresh
            if self.flush():
                self.record = None
                self.new_entry(prompt=i18n.tr("entry.moved_to_trash"))
            self.refresh_list()
            return
        if self.dirty:
            self.refresh_list()
            return
        if self.record is not None:
            if store.exists(self.record.uuid):
                self.open_entry(self.record.uuid)
                return
            self.record = None
            self.new_entry()
        self.refresh_list()

    @staticmethod
    def _moved_to_trash(uuid: str) -> bool:
        try:
            return store.get(uuid).deleted_at is not None
        except store.EntryNotFound:
            return False

    def _show_saved_status(self):
        if not self.record:
            return
        when = i18n.format_datetime(self.record.updated_at or datetime.now())
        key = "entry.saved_complete" if self.record.status == "complete" else "entry.saved_draft"
        self.form.set_status(i18n.tr(key, when=when))

    def retranslate(self):
        self.heading.setText(self.spec.name.get())
        self.summary.setText(self.spec.summary.get())
        self.list.setAccessibleName(i18n.tr("a11y.entry_list", tool=self.spec.name.get()))
        self.new_button.setText(i18n.tr("entry.new"))
        self.new_button.setToolTip(i18n.tr("entry.new_tooltip"))
        self.form.retranslate()
        self.refresh_list()
        if self.last_error_kind is not None:
            self._show_failure()
        elif self.record and not self.dirty:
            self._show_saved_status()

    def title(self) -> str:
        return self.spec.name.get()
