"""Team co-creation board, driven through the real widgets."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from coach.store import entries as store
from coach.tools.cocreate import Board
from tests.ui.conftest import type_text


def open_page(qtbot, window):
    page = window.tool_pages["cocreate"]
    window.show_page(page)
    page.new_entry()
    return page


def stored(page) -> Board:
    page.flush()
    return Board(store.get(page.record.uuid).data)


def setup_board(qtbot, page):
    setup = page.steps["setup"]
    type_text(qtbot, setup.question, "如何减少交接返工？")
    qtbot.keyClick(setup.question, Qt.Key_Tab)
    for name in ("Ann", "Bo"):
        qtbot.keyClicks(setup.new_person, name)
        qtbot.keyClick(setup.new_person, Qt.Key_Return)
    page.go("ideas")
    ideas = page.steps["ideas"]
    for text in ("one form", "named owner", "weekly sync"):
        qtbot.keyClicks(ideas.idea, text)
        qtbot.keyClick(ideas.idea, Qt.Key_Return)
    assert ideas.idea.text() == "" and ideas.idea.hasFocus()


def test_ideas_are_typed_one_card_per_enter_and_saved(qtbot, window):
    page = open_page(qtbot, window)
    setup_board(qtbot, page)
    board = stored(page)
    assert board.question == "如何减少交接返工？"
    assert board.participants == ["Ann", "Bo"]
    assert [c.text for c in board.cards.values()] == ["one form", "named owner", "weekly sync"]
    qtbot.waitUntil(lambda: page.steps["ideas"].cards.count() == 3, timeout=1000)


def test_drag_a_card_between_groups_with_the_mouse(qtbot, window):
    page = open_page(qtbot, window)
    setup_board(qtbot, page)
    cards = list(page.board.cards)
    page.act(page.board.create_group, [cards[0]], "Use one form")
    page.act(page.board.create_group, [cards[1]], "Name owners")
    page.go("clusters")
    QApplication.processEvents()
    canvas = page.steps["clusters"].canvas
    g1, g2 = (g.id for g in page.board.groups)
    # drag card 0 from theme 1 to theme 2
    start = canvas.card_point(cards[0])
    end = canvas.column_point(g2)
    viewport = canvas.viewport()
    QTest.mousePress(viewport, Qt.LeftButton, Qt.NoModifier, start)
    for i in range(1, 11):
        QTest.mouseMove(viewport, start + (end - start) * i / 10)
    QTest.mouseRelease(viewport, Qt.LeftButton, Qt.NoModifier, end)
    QApplication.processEvents()
    assert page.board.group(g2).cards == [cards[1], cards[0]]
    assert page.board.group(g1).cards == []
    assert stored(page).group(g2).cards == [cards[1], cards[0]]
    # drop the pool card on "new theme": a third theme appears
    start = canvas.card_point(cards[2])
    end = canvas.column_point("__new__")
    QTest.mousePress(viewport, Qt.LeftButton, Qt.NoModifier, start)
    for i in range(1, 11):
        QTest.mouseMove(viewport, start + (end - start) * i / 10)
    QTest.mouseRelease(viewport, Qt.LeftButton, Qt.NoModifier, end)
    QApplication.processEvents()
    assert len(page.board.groups) == 3 and page.board.groups[2].cards == [cards[2]]
    # Ctrl+Z undoes the moves one by one
    qtbot.keyClick(page, Qt.Key_Z, Qt.ControlModifier)
    assert len(page.board.groups) == 2 and cards[2] in page.board.pool
    qtbot.keyClick(page, Qt.Key_Z, Qt.ControlModifier)
    assert page.board.group(g1).cards == [cards[0]]
    qtbot.keyClick(page, Qt.Key_Z, Qt.ShiftModifier | Qt.ControlModifier)
    assert page.board.group(g2).cards == [cards[1], cards[0]]
    assert stored(page).group(g2).cards == [cards[1], cards[0]]


def test_keyboard_moves_a_selected_card_to_a_theme(qtbot, window):
    page = open_page(qtbot, window)
    setup_board(qtbot, page)
    cards = list(page.board.cards)
    page.act(page.board.create_group, [], "Theme one")
    page.go("clusters")
    QApplication.processEvents()
    canvas = page.steps["clusters"].canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key_Right)  # selects the first card
    assert canvas.selected_cards() == [cards[0]]
    qtbot.keyClick(canvas, Qt.Key_1)
    QApplication.processEvents()
    assert page.board.groups[0].cards == [cards[0]]


def test_themes_votes_actions_and_summary(qtbot, window):
    page = open_page(qtbot, window)
    setup_board(qtbot, page)
    cards = list(page.board.cards)
    g1 = page.act(page.board.create_group, cards[:2])
    g2 = page.act(page.board.create_group, cards[2:])
    page.go("themes")
    QApplication.processEvents()
    edit = page.steps["themes"].edits[g1]
    type_text(qtbot, edit, "统一交接表")
    qtbot.keyClick(edit, Qt.Key_Return)
    assert page.board.group(g1).title == "统一交接表"
    page.go("votes")
    QApplication.processEvents()
    spin = page.steps["votes"].spins[(g2, "Bo")]
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key_Up)
    qtbot.keyClick(spin, Qt.Key_Up)
    QApplication.processEvents()
    assert page.board.votes == {"Bo": {g2: 2}}
    assert page.steps["votes"].ranking.item(0).text().startswith("1. Theme 2")
    page.go("actions")
    QApplication.processEvents()
    step = page.steps["actions"]
    step.theme.setCurrentIndex(step.theme.findData(g2))
    qtbot.mouseClick(step.add, Qt.LeftButton)
    QApplication.processEvents()
    aid = page.board.actions[0].id
    what = step.inner.findChild(QLineEdit, f"actionWhat_{aid}")
    qtbot.keyClicks(what, "Weekly sync on Monday")
    qtbot.keyClick(what, Qt.Key_Return)
    board = stored(page)
    assert board.actions[0].what == "Weekly sync on Monday" and board.actions[0].group == g2
    assert [f.text for f in store.followups()] == ["Weekly sync on Monday"]
    page.go("summary")
    QApplication.processEvents()
    text = page.steps["summary"].view.toPlainText()
    assert "如何减少交接返工？" in text and "Weekly sync on Monday" in text
    qtbot.mouseClick(page.steps["summary"].copy, Qt.LeftButton)
    assert "Weekly sync on Monday" in QApplication.clipboard().text()


def test_presentation_mode_is_keyboard_only(qtbot, window):
    page = open_page(qtbot, window)
    setup_board(qtbot, page)
    page.go("ideas")
    qtbot.keyClick(page, Qt.Key_F5)
    pres = page.presentation
    assert pres is not None and pres.isVisible()
    assert "one form" in pres.body.text()
    qtbot.keyClick(pres, Qt.Key_Right)
    assert page.board.step == "clusters"
    qtbot.keyClick(pres, Qt.Key_Left)
    assert page.board.step == "ideas"
    qtbot.keyClick(pres, Qt.Key_Escape)
    qtbot.waitUntil(lambda: page.presentation is None, timeout=1000)


def test_bad_input_gives_a_message_and_changes_nothing(qtbot, window):
    page = open_page(qtbot, window)
    setup = page.steps["setup"]
    qtbot.keyClicks(setup.new_person, "Ann")
    qtbot.keyClick(setup.new_person, Qt.Key_Return)
    qtbot.keyClicks(setup.new_person, "Ann")
    qtbot.keyClick(setup.new_person, Qt.Key_Return)
    assert page.board.participants == ["Ann"]
    assert "already on the list" in page.status.text()
