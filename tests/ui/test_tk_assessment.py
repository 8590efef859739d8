"""Answer the TK self-assessment by keyboard, resume it, and read the result screen."""
from __future__ import annotations

from PySide6.QtCore import Qt

from coach import i18n
from coach.store import entries as entry_store
from coach.store import tk as attempts
from coach.tools import tk_instrument as ti

KEYS = {"A": Qt.Key_A, "B": Qt.Key_B, "1": Qt.Key_1, "2": Qt.Key_2}


def open_page(window):
    page = window.page("tk_assessment")
    window.show_page(page)
    assert window.stack.currentWidget() is page
    return page


def press(qtbot, page, key):
    qtbot.keyClick(page.question, KEYS[key])


def test_answer_by_keyboard_go_back_and_resume_after_closing(qtbot, window, data_dir):
    from coach.ui.main_window import MainWindow

    page = open_page(window)
    assert page.current_screen() == "start"
    assert "no percentiles" in page.start_screen.norms.text()
    assert page.start_screen.start.isVisible() and not page.start_screen.resume.isVisible()
    qtbot.keyClick(page.start_screen.start, Qt.Key_Return)
    assert page.current_screen() == "question"
    assert page.question.progress_label.text() == "Question 1 of 30"
    attempt = attempts.unfinished()
    order = attempt.order
    first_a = ti.shown(*order[0])[0]
    assert page.question.cards["A"].text.text() == first_a.text.en

    letters = ["A", "2", "B", "1"]  # A/1 pick the first statement, B/2 the second
    for key in letters:
        press(qtbot, page, key)
    assert page.question.progress_label.text() == "Question 5 of 30"
    assert page.question.progress.value() == 4
    # Backspace: back to question 4, which shows the answer given
    qtbot.keyClick(page.question, Qt.Key_Backspace)
    assert page.question.progress_label.text() == "Question 4 of 30"
    assert page.question.cards["A"].property("chosen") is True
    assert page.question.cards["B"].property("chosen") is False
    press(qtbot, page, "B")  # change my mind on question 4
    assert page.question.progress_label.text() == "Question 5 of 30"
    expected = ["A", "B", "B", "B"]
    for i in range(4, 12):
        key = "A" if i % 3 else "2"
        press(qtbot, page, key)
        expected.append("A" if key == "A" else "B")
    stored = attempts.unfinished()
    assert stored.answers == ti.answers_from_choices(order, expected)

    # close the whole window halfway; a new one offers to continue
    window.close()
    win2 = MainWindow(data_dir)
    qtbot.addWidget(win2)
    win2.show()
    page2 = open_page(win2)
    start = page2.start_screen
    assert page2.current_screen() == "start"
    assert start.resume.isVisible() and start.resume.text() == "Continue (12 of 30 answered)"
    assert not start.start.isVisible()
    qtbot.mouseClick(start.resume, Qt.LeftButton)
    assert page2.question.progress_label.text() == "Question 13 of 30"
    for i in range(12, 30):
        key = "B" if i % 2 else "1"
        press(qtbot, page2, key)
        expected.append("B" if key == "B" else "A")
    assert page2.current_screen() == "result"
    done = attempts.latest_finished()
    assert done.uuid == stored.uuid and attempts.unfinished() is None
    assert done.answers == ti.answers_from_choices(order, expected)
    scores = ti.score(done.answers)
    assert done.scores == scores and sum(scores.values()) == 30
    cells = page2.result.cells
    for mode in ti.MODES:
        assert cells[mode][1].text() == str(scores[mode])
        assert cells[mode][2].text() == ti.band(scores[mode])
        assert cells[mode][3].text() == "first attempt"
    a, c = ti.axes(scores)
    assert page2.result.picture.position == (a, c)
    assert f"{a:+d}" in page2.result.axes.text()
    assert not page2.result.compare.isVisible()
    assert "No completed conflicts" in page2.result.compare_count.text()
    # keys do nothing once the attempt is finished
    qtbot.keyClick(page2.question, Qt.Key_A)
    assert attempts.latest_finished().answers == done.answers
    win2.flush_all()


def _attempt(uuid, letters, finished_at):
    order = [[i.id, False] for i in ti.ITEMS]
    answers = ti.answers_from_choices(order, letters)
    return {"uuid": uuid, "started_at": finished_at, "finished_at": finished_at,
            "order": order, "answers": answers, "scores": ti.score(answers)}


def test_result_shows_change_and_logged_conflicts_in_both_languages(qtbot, window):
    attempts.import_attempts([
        _attempt("first", "A" * 30, "2026-01-01T10:00:00+00:00"),
        _attempt("second", ["A" if n % 2 else "B" for n in range(1, 31)], "2026-02-01T10:00:00+00:00"),
    ])
    for mode in ("avoiding", "avoiding", "collaborating"):
        entry_store.save(entry_store.EntryRecord(
            uuid="", tool="tk_conflict", status="complete",
            data={"topic": "x", "stakes": 3, "relationship": 3, "mode_used": mode,
                  "outcome_me": 3, "outcome_them": 3, "relationship_after": "same"}))
    page = open_page(window)
    qtbot.mouseClick(page.start_screen.result, Qt.LeftButton)
    assert page.current_screen() == "result"
    r = page.result
    # second attempt: competing 3, collaborating 6, compromising 6, avoiding 9, accommodating 6
    assert [r.cells[m][1].text() for m in ti.MODES] == ["3", "6", "6", "9", "6"]
    assert [r.cells[m][3].text() for m in ti.MODES] == ["-3", "±0", "±0", "+3", "±0"]
    assert r.axes_change.text() == "Since last time: assertiveness -6, cooperativeness +0."
    assert r.picture.previous == (0, 0) and r.picture.position == (-6, 0)
    assert r.compare.isVisible()
    assert r.compare.counts["avoiding"] == 2 and r.compare.counts["collaborating"] == 1
    assert r.compare_count.text() == "Based on 3 logged conflict(s)."
    assert "Overuse" in r.explain.text() and "Good use" in r.explain.text()

    i18n.set_language("zh_CN")
    assert r.heading.text() == "你的冲突处理模式概况"
    assert r.cells["avoiding"][0].text() == "回避" and r.cells["avoiding"][2].text() == "高"
    assert "过度使用" in r.explain.text()
    assert window.nav.item(window.pages.index(page)).text() == "TK 冲突模式自评"
    i18n.set_language("en")

    # the start screen lists both attempts, newest first; the older one opens with its own result
    qtbot.mouseClick(r.back_button, Qt.LeftButton)
    listing = page.start_screen.attempts
    assert listing.count() == 2
    assert listing.item(0).text().endswith("highest: Avoiding 9, Collaborating 6")
    listing.setCurrentRow(1)
    qtbot.keyClick(listing, Qt.Key_Return)
    assert page.current_screen() == "result"
    assert [r.cells[m][1].text() for m in ti.MODES] == ["6"] * 5
    assert r.cells["competing"][3].text() == "first attempt"

    # "Log a conflict…" opens a new conflict-log entry
    qtbot.mouseClick(r.log_button, Qt.LeftButton)
    assert window.stack.currentWidget() is window.tool_pages["tk_conflict"]


def test_start_over_asks_first_and_discards_only_the_unfinished(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    page = open_page(window)
    qtbot.mouseClick(page.start_screen.start, Qt.LeftButton)
    press(qtbot, page, "A")
    press(qtbot, page, "B")
    qtbot.mouseClick(page.question.pause, Qt.LeftButton)
    assert page.current_screen() == "start"
    first = attempts.unfinished()
    assert len(first.answers) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Cancel)
    qtbot.mouseClick(page.start_screen.start_over, Qt.LeftButton)
    assert attempts.unfinished().uuid == first.uuid and page.current_screen() == "start"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    qtbot.mouseClick(page.start_screen.start_over, Qt.LeftButton)
    fresh = attempts.unfinished()
    assert fresh.uuid != first.uuid and fresh.answers == {}
    assert page.current_screen() == "question"
    assert page.question.progress_label.text() == "Question 1 of 30"
