"""Journal (sidebar 200): every entry, search as you type, tags, people, trash.

The page exposes ``selected_uuids()`` and ``current_filter()`` (a plain dict,
see :class:`coach.store.search.Filter`) for actions such as exporting the
selection, and ``data_changed()`` for imports and restores.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget, QVBoxLayout, QWidget

from ... import i18n
from ..journal.entries import EntriesView
from ..journal.people import PeopleView
from ..journal.tags import TagsView
from ..journal.trash import TrashView

ORDER = 200


class JournalPage(QWidget):
    nav_key = "journal"

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("journalPage")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        lay.addWidget(self.heading)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("journalTabs")
        self.entries = EntriesView(ctx, self.tabs)
        self.trash = TrashView(ctx, self.tabs)
        self.tags = TagsView(self.tabs)
        self.people = PeopleView(ctx, self.tabs)
        for w in (self.entries, self.trash, self.tags, self.people):
            self.tabs.addTab(w, "")
        lay.addWidget(self.tabs, 1)
        self._stale = {self.entries, self.trash, self.tags, self.people}

        self.tabs.currentChanged.connect(lambda _i: self._refresh_current())
        self.entries.trashed.connect(self._entries_changed)
        self.trash.changed.connect(self._trash_changed)
        self.tags.changed.connect(self._tags_changed)
        self.tags.show_tag.connect(lambda name: self.show_entries(tag=name))
        self.people.changed.connect(self._people_changed)
        self.people.show_person.connect(lambda pid: self.show_entries(person=pid))
        find = QShortcut(QKeySequence.Find, self, self.focus_search)
        find.setContext(Qt.WindowShortcut)  # only while the page is shown
        self.retranslate()

    # what other sections use ------------------------------------------------------------
    def title(self) -> str:
        return i18n.tr("journal.title")

    def selected_uuids(self) -> list[str]:
        """uuids of the entries selected in the list (or in the Trash when it is shown)."""
        if self.tabs.currentWidget() is self.trash:
            return self.trash.selected_uuids()
        self.entries.ensure_loaded()
        return self.entries.selected_uuids()

    def current_filter(self) -> dict:
        """The list's filter as a plain dict (``coach.store.search.Filter.from_dict`` reads it)."""
        flt = self.entries.current_filter()
        flt.trash = self.tabs.currentWidget() is self.trash
        return flt.to_dict()

    def activated(self) -> None:
        self._mark_stale(self.entries, self.trash, self.tags, self.people)

    def data_changed(self) -> None:
        """Entries changed elsewhere (an import, a restore, a save): read them again."""
        self._mark_stale(self.entries, self.trash, self.tags, self.people)

    def show_entries(self, **filters) -> None:
        self.tabs.setCurrentWidget(self.entries)
        self.entries.set_filter(**filters)
        self.entries.table.setFocus()

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.entries)
        self.entries.focus_search()

    # refreshing --------------------------------------------------------------------------
    def _mark_stale(self, *views) -> None:
        self._stale.update(views)
        if self.isVisible():
            self._refresh_current()

    def _refresh_current(self) -> None:
        view = self.tabs.currentWidget()
        if view in self._stale:
            self._stale.discard(view)
            view.reload()

    def _entries_changed(self) -> None:
        self._mark_stale(self.trash, self.tags, self.people)
        self._tell_other_pages()

    def _trash_changed(self, uuids: set) -> None:
        self.entries.forget_undo({u for u in uuids})
        self._mark_stale(self.entries, self.tags, self.people)
        self._tell_other_pages()

    def _tags_changed(self) -> None:
        self._mark_stale(self.entries, self.trash, self.people)
        self._refresh_tag_completers()
        self._tell_other_pages()

    def _people_changed(self) -> None:
        self._mark_stale(self.entries, self.trash)
        self._tell_other_pages()

    def _tell_other_pages(self) -> None:
        """Tool pages and Home show entries too: let them re-read what changed here."""
        window = getattr(self.ctx, "window", None)
        focus = QApplication.focusWidget()  # a page reloading an entry may take the focus
        for page in getattr(window, "pages", []):
            if page is not self and hasattr(page, "data_changed"):
                page.data_changed()
        self.ctx.refresh_home()
        if focus is not None and self.isAncestorOf(focus):
            focus.setFocus()

    def _refresh_tag_completers(self) -> None:
        window = getattr(self.ctx, "window", None)
        for page in getattr(window, "tool_pages", {}).values():
            form = getattr(page, "form", None)
            if form is not None and hasattr(form, "refresh_tag_names"):
                form.refresh_tag_names()

    def retranslate(self) -> None:
        self.heading.setText(i18n.tr("journal.title"))
        for i, key in enumerate(("entries", "trash", "tags", "people")):
            self.tabs.setTabText(i, i18n.tr(f"journal.tab.{key}"))
        self.entries.retranslate()
        self.trash.retranslate()
        self.tags.retranslate()
        self.people.retranslate()
        self._stale.update({self.tags, self.people, self.trash})
        if self.isVisible():
            self._refresh_current()


def create_page(ctx) -> JournalPage:
    return JournalPage(ctx)
