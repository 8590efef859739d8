"""Your own prompts change the forms at once and keep what was typed."""
from __future__ import annotations

from PySide6.QtCore import Qt

from coach import custom
from coach.store import entries as store


def panel(window):
    return next(p for p in window.settings_page.panels if p.objectName() == "" and hasattr(p, "vocab"))


def test_add_an_emotion_hide_one_and_add_a_question(qtbot, window):
    page = window.tool_pages["abcde"]
    window.show_page(page)
    page.new_entry()
    qtbot.keyClicks(page.form.widgets["event"].edit, "typed before the change")
    p = panel(window)
    p.vocab.setCurrentIndex(p.vocab.findData("emotions"))
    qtbot.keyClicks(p.new_item, "Overwhelmed")
    qtbot.keyClick(p.new_item, Qt.Key_Return)
    guilt = next(p.items.item(i) for i in range(p.items.count()) if p.items.item(i).data(Qt.UserRole) == "guilt")
    guilt.setCheckState(Qt.Unchecked)
    p.tool.setCurrentIndex(p.tool.findData("abcde"))
    qtbot.keyClicks(p.new_question, "What would I do differently?")
    qtbot.keyClick(p.new_question, Qt.Key_Return)
    prompts = custom.load()
    assert [a["label"] for a in prompts["vocabularies"]["emotions"]["added"]] == ["Overwhelmed"]
    assert prompts["vocabularies"]["emotions"]["hidden"] == ["guilt"]
    # the draft typed before the change was saved and is back in the rebuilt form
    assert page.form.widgets["event"].edit.toPlainText() == "typed before the change"
    page.form.go_to(1)
    page.form.widgets["emotions"].add.click()
    combo = page.form.widgets["emotions"].rows[0].widgets[0].combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert "Overwhelmed" in labels and "Guilt" not in labels
    question = page.form.spec.sections[-1].fields[-1]
    assert question.label.en == "What would I do differently?"
    assert question.key in page.form.widgets
    # removing a built-in is refused with a message
    p.items.setCurrentItem(guilt)
    p.remove_item.click()
    assert "cannot be deleted" in p.error.text()
    page.flush()
    assert store.get(page.record.uuid).data["event"] == "typed before the change"
