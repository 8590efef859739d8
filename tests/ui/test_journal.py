"""The Journal page driven through its widgets: filters, search as you type, trash, people."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from coach.store import entries as store
from coach.store import search
from tests.ui.conftest import type_text


def add(event, **kw):
    return store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": event}, **kw))


@pytest.fixture
def journal(window, qtbot):
    page = window.page("journal")
    window.show_page(page)
    return page


def shown(page) -> list[str]:
    m = page.entries.model
    return [m.row_at(i).uuid for i in range(m.rowCount())]


def cell(page, row: int, column: str) -> str:
    from coach.ui.journal.model import COLUMNS

    return page.entries.model.index(row, COLUMNS.index(column)).data()


def test_list_shows_entries_newest_first_with_columns(window, journal, qtbot):
    wang = store.save_person(store.PersonRecord(None, "王姐", "财务部"))
    a = add("First conflict", tags=["finance"], status="complete")
    b = add("第二条记录", people=[wang.id], tags=["财务", "周会"])
    journal.data_changed()
    assert shown(journal) == [b.uuid, a.uuid]
    assert cell(journal, 0, "title") == "第二条记录"
    assert cell(journal, 0, "tool") == "ABCDE reframing"
    assert cell(journal, 0, "people") == "王姐"
    assert cell(journal, 0, "tags") == "周会, 财务"
    assert cell(journal, 0, "status") == "Draft"
    assert cell(journal, 1, "status") == "Complete"
    assert journal.entries.count.text() == "2 entries"


def test_filters_narrow_the_list(window, journal, qtbot):
    wang = store.save_person(store.PersonRecord(None, "Wang", "Finance"))
    a = add("budget talk", tags=["finance"], people=[wang.id], status="complete")
    b = add("hiring", tags=["hr"])
    c = add("budget again", tags=["Finance"])
    journal.data_changed()
    view = journal.entries
    view.tag.setCurrentIndex(view.tag.findData("finance"))
    view.tag.activated.emit(view.tag.currentIndex())
    assert set(shown(journal)) == {a.uuid, c.uuid}
    assert view.count.text() == "2 of 3 entries"
    view.status.setCurrentIndex(view.status.findData("draft"))
    view.status.activated.emit(view.status.currentIndex())
    assert shown(journal) == [c.uuid]
    qtbot.mouseClick(view.clear, Qt.LeftButton)
    assert len(shown(journal)) == 3
    view.person.setCurrentIndex(view.person.findData(wang.id))
    view.person.activated.emit(view.person.currentIndex())
    assert shown(journal) == [a.uuid]
    assert journal.current_filter()["person"] == wang.id
    view.clear_filters()
    view.dates.setChecked(True)  # default range: the last month, so all of today's entries
    assert len(shown(journal)) == 3
    from PySide6.QtCore import QDate
    view.until.setDate(QDate.currentDate().addDays(-1))
    assert shown(journal) == []
    assert journal.current_filter()["until"] == QDate.currentDate().addDays(-1).toPython().isoformat()
    assert b.uuid not in shown(journal)


def test_search_as_you_type_highlights_and_opens(window, journal, qtbot):
    a = add("财务部说我们的报销单又延期了")
    b = add("The budget meeting ran late")
    add("nothing to see")
    journal.data_changed()
    qtbot.keyClick(journal, Qt.Key_F, Qt.ControlModifier)
    assert journal.entries.search.hasFocus()
    type_text(qtbot, journal.entries.search, "延期")
    assert len(shown(journal)) == 3  # debounced: nothing happens at once
    qtbot.waitUntil(lambda: shown(journal) == [a.uuid], timeout=2000)
    assert "延期" in cell(journal, 0, "match")
    journal.entries.search.clear()
    type_text(qtbot, journal.entries.search, "BUDGET")
    qtbot.waitUntil(lambda: shown(journal) == [b.uuid], timeout=2000)
    assert journal.current_filter()["query"] == "BUDGET"
    qtbot.keyClick(journal.entries.search, Qt.Key_Down)
    assert journal.entries.table.hasFocus()
    assert journal.selected_uuids() == [b.uuid]
    qtbot.keyClick(journal.entries.table, Qt.Key_Return)
    page = window.tool_pages["abcde"]
    assert window.stack.currentWidget() is page
    assert page.record.uuid == b.uuid
    event = page.form.widgets["event"].edit
    marks = event.extraSelections()
    assert [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in marks] == [(4, 10)]
    assert store.get(b.uuid).data == {"event": "The budget meeting ran late"}  # nothing changed
    page.open_entry(a.uuid)
    assert page.form.widgets["event"].edit.extraSelections() == []


def test_delegate_paints_highlighted_rows(window, journal, qtbot):
    add("预算评审会延期")
    journal.data_changed()
    journal.entries.set_filter(query="延期")
    image = journal.entries.table.viewport().grab().toImage()
    from coach.ui.journal.model import HIGHLIGHT
    from PySide6.QtGui import QColor
    target = QColor(HIGHLIGHT).rgb()
    assert any(image.pixel(x, y) == target for x in range(0, image.width(), 2)
               for y in range(0, min(image.height(), 40)))


def test_trash_undo_restore_and_empty(window, journal, qtbot, monkeypatch):
    a, b, c = add("one"), add("two"), add("three")
    journal.data_changed()
    view = journal.entries
    view.table.setFocus()
    view.table.selectRow(shown(journal).index(b.uuid))
    qtbot.keyClick(view.table, Qt.Key_Delete)
    assert b.uuid not in shown(journal)
    assert store.get(b.uuid).deleted_at is not None
    assert view.banner.isVisible()
    assert view.selected_uuids() == [a.uuid]  # the next row is selected
    tool_list = window.tool_pages["abcde"].list
    assert b.uuid not in [tool_list.item(i).data(Qt.UserRole) for i in range(tool_list.count())]
    qtbot.keyClick(view.table, Qt.Key_Z, Qt.ControlModifier)
    assert shown(journal) == [c.uuid, b.uuid, a.uuid]
    assert store.get(b.uuid).deleted_at is None
    assert view.selected_uuids() == [b.uuid]
    # trash two, then manage them in the Trash tab
    view.table.selectAll()
    qtbot.mouseClick(view.trash_button, Qt.LeftButton)
    assert shown(journal) == []
    journal.tabs.setCurrentWidget(journal.trash)
    assert journal.trash.model.rowCount() == 3
    journal.trash.select([a.uuid])
    qtbot.mouseClick(journal.trash.restore_button, Qt.LeftButton)
    assert store.get(a.uuid).deleted_at is None
    assert journal.trash.model.rowCount() == 2
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.Cancel)
    qtbot.mouseClick(journal.trash.empty_button, Qt.LeftButton)
    assert store.count(include_deleted=True) == 3  # cancelled: nothing lost
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.Yes)
    qtbot.mouseClick(journal.trash.empty_button, Qt.LeftButton)
    assert store.count(include_deleted=True) == 1
    assert journal.trash.model.rowCount() == 0
    assert not view.can_undo()  # deleted for good: Ctrl+Z has nothing to bring back
    journal.tabs.setCurrentWidget(journal.entries)
    assert shown(journal) == [a.uuid]
    assert search.index_is_consistent()


def test_duplicate_makes_a_new_draft(window, journal, qtbot):
    a = add("original", tags=["x"], status="complete", title="Mine")
    journal.data_changed()
    journal.entries.table.selectRow(0)
    qtbot.mouseClick(journal.entries.duplicate_button, Qt.LeftButton)
    assert len(shown(journal)) == 2
    copy_uuid = journal.selected_uuids()[0]
    assert copy_uuid != a.uuid
    copy = store.get(copy_uuid)
    assert (copy.data, copy.title, copy.tags, copy.status) == ({"event": "original"}, "Mine", ["x"], "draft")


def test_tag_rename_and_merge_from_the_tags_tab(window, journal, qtbot, monkeypatch):
    a = add("one", tags=["finanse"])
    b = add("two", tags=["finance", "money"])
    journal.data_changed()
    journal.tabs.setCurrentWidget(journal.tags)
    tags = journal.tags
    names = [tags.table.item(i, 0).text() for i in range(tags.table.rowCount())]
    assert names == ["finance", "finanse", "money"]
    assert [tags.table.item(i, 1).text() for i in range(3)] == ["1", "1", "1"]
    tags.table.selectRow(names.index("finanse"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("finance", True))
    qtbot.mouseClick(tags.rename_button, Qt.LeftButton)
    assert store.get(a.uuid).tags == ["finance"]
    assert [tags.table.item(i, 0).text() for i in range(tags.table.rowCount())] == ["finance", "money"]
    assert tags.table.item(0, 1).text() == "2"
    tags.table.selectRow(1)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("finance", True))
    qtbot.mouseClick(tags.merge_button, Qt.LeftButton)
    assert store.get(b.uuid).tags == ["finance"]
    # the form's autocompletion knows the tags as they are now
    form = window.tool_pages["abcde"].form
    form.tags_edit.setFocus()
    window.show_page(window.tool_pages["abcde"])
    form.tags_edit.setFocus()
    qtbot.waitUntil(lambda: form._tag_completer.model().stringList() == ["finance"], timeout=2000)
    window.show_page(journal)
    journal.tabs.setCurrentWidget(journal.entries)
    tags.show_tag.emit("finance")
    assert set(shown(journal)) == {a.uuid, b.uuid}


def test_tag_completer_completes_the_last_tag():
    from coach.ui.form import TagCompleter
    from PySide6.QtWidgets import QLineEdit

    edit = QLineEdit()
    comp = TagCompleter(["finance", "周会"], edit)
    edit.setCompleter(comp)
    edit.setText("周会, fin")
    assert comp.splitPath(edit.text()) == ["fin"]
    assert comp.pathFromIndex(comp.model().index(0, 0)) == "周会, finance"


def test_person_timeline_and_edit(window, journal, qtbot, monkeypatch):
    wang = store.save_person(store.PersonRecord(None, "Wang", "Finance", "function"))
    li = store.save_person(store.PersonRecord(None, "Li", "Finance"))
    a = store.save(store.EntryRecord(uuid="", tool="abcde", people=[wang.id], status="complete",
                                     data={"event": "Late reports", "helpful": "no"}))
    store.save(store.EntryRecord(uuid="", tool="abcde", people=[wang.id],
                                 data={"event": "Budget call", "helpful": "no"}))
    c = store.save(store.EntryRecord(uuid="", tool="abcde", people=[li.id],
                                     data={"event": "Month close", "helpful": "yes"}))
    journal.data_changed()
    journal.tabs.setCurrentWidget(journal.people)
    people = journal.people
    people.select_person(wang.id)
    text = people.timeline.toPlainText()
    assert "Wang" in text and "Late reports" in text and "Budget call" in text
    assert "Month close" not in text
    assert "Does holding this belief help me? No ×2" in text
    people.department.setChecked(True)
    text = people.timeline.toPlainText()
    assert "Department: Finance" in text and "Month close" in text
    # clicking an entry opens it
    people.timeline.anchorClicked.emit(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl(
        f"entry:abcde:{a.uuid}"))
    assert window.tool_pages["abcde"].record.uuid == a.uuid
    window.show_page(journal)
    # rename a person: the search finds the new name
    people.select_person(li.id)
    monkeypatch.setattr("coach.ui.people.PersonDialog.exec", lambda self: (
        self.name.setText("Li Na"), self.accept(), QDialog.Accepted)[-1])
    qtbot.mouseClick(people.edit_button, Qt.LeftButton)
    assert people.table.item(0, 0).text() in ("Li Na", "Wang")
    assert [h.uuid for h in search.search("Li Na")] == [c.uuid]
    qtbot.mouseClick(people.in_journal, Qt.LeftButton)
    assert journal.tabs.currentWidget() is journal.entries
    assert shown(journal) == [c.uuid]


def test_language_switch_retranslates(window, journal, qtbot):
    from coach import i18n

    add("x")
    journal.data_changed()
    i18n.set_language("zh_CN")
    assert journal.tabs.tabText(0) == "全部记录"
    assert journal.entries.model.headerData(1, Qt.Horizontal) == "标题"
    assert journal.entries.count.text() == "共 1 条记录"
    assert cell(journal, 0, "status") == "草稿"


def test_trashing_the_open_entry_keeps_what_was_typed_and_frees_the_form(window, journal, qtbot):
    a = add("the open one")
    page = window.tool_pages["abcde"]
    window.show_page(page)
    page.open_entry(a.uuid)
    page.timer.stop()
    page.form.widgets["event"].edit.setPlainText("the open one, and more typed just now")
    assert page.dirty
    page.timer.stop()  # not saved yet when it is trashed
    window.show_page(journal)
    journal.data_changed()
    view = journal.entries
    view.table.setFocus()
    view.table.selectRow(shown(journal).index(a.uuid))
    qtbot.keyClick(view.table, Qt.Key_Delete)
    stored = store.get(a.uuid)
    assert stored.deleted_at is not None
    assert stored.data["event"] == "the open one, and more typed just now"
    # the page no longer edits the trashed entry: a fresh form and a note why
    assert page.record is None or page.record.uuid != a.uuid
    assert page.form.widgets["event"].edit.toPlainText() == ""
    assert "moved to the Trash" in page.form.prompt.text() and not page.form.prompt.isHidden()
    page.form.widgets["event"].edit.setPlainText("something new")
    page.flush()
    assert store.get(a.uuid).data["event"] == "the open one, and more typed just now"
    # Ctrl+Z in the Journal brings it back, typed text and all
    qtbot.keyClick(view.table, Qt.Key_Z, Qt.ControlModifier)
    assert store.get(a.uuid).deleted_at is None
