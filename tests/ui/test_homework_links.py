"""Earlier entries can be counted for a homework assignment by hand."""
from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from coach import homework
from coach.store import entries as store
from coach.tools import registry


def entry(days_ago: float, title: str) -> str:
    when = datetime.now(timezone.utc) - timedelta(days=days_ago)
    data = copy.deepcopy(registry()["abcde"].examples["en"])
    return store.save(store.EntryRecord(uuid="", tool="abcde", status="complete", title=title,
                                        data=data, created_at=when, updated_at=when)).uuid


def test_tick_an_earlier_entry_and_it_counts(window, qtbot):
    old = entry(3, "Before the session")
    older = entry(5, "Long before")
    store.save(store.EntryRecord(uuid="", tool="triangle", status="draft", data={}))  # other tool
    pack = homework.from_dict({"format": "coach-homework", "version": 1, "title": "After session 2",
                               "assignments": [{"tool": "abcde", "min_count": 2}]})
    homework.open_pack(pack, now=datetime.now(timezone.utc) - timedelta(days=1))
    new = entry(0, "After opening")
    page = window.page("homework")
    window.show_page(page)
    [card] = page.cards
    assert card.count.text().startswith("1 / 2")

    def tick_and_save():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "linkEntriesDialog":
            QTimer.singleShot(20, tick_and_save)
            return
        items = [dialog.entries.item(i) for i in range(dialog.entries.count())]
        by_uuid = {it.data(Qt.UserRole): it for it in items}
        assert list(by_uuid) == [new, old, older]  # newest first, this tool only
        assert "counts by itself" in by_uuid[new].text()
        assert not (by_uuid[new].flags() & Qt.ItemIsEnabled)  # cannot be unticked
        assert by_uuid[old].checkState() == Qt.Unchecked
        dialog.entries.setCurrentItem(by_uuid[old])
        qtbot.keyClick(dialog.entries, Qt.Key_Space)  # tick it from the keyboard
        assert by_uuid[old].checkState() == Qt.Checked
        dialog.buttons.button(QDialogButtonBox.Ok).click()

    QTimer.singleShot(0, tick_and_save)
    qtbot.mouseClick(card.link, Qt.LeftButton)
    assert homework.current().links == {pack.assignments[0].id: [old]}
    [card] = page.cards
    assert card.count.text().startswith("2 / 2")
    assert set(homework.answering_uuids(homework.current())) == {old, new}
