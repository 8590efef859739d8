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


def test_removing_what_entries_use_keeps_it_for_those_entries(qtbot, window):
    prompts = custom.empty()
    emotion = custom.add_item(prompts, "emotions", "Drained")
    question = custom.add_question(prompts, "abcde", "What did my body feel?")
    custom.save(prompts)
    used = store.save(store.EntryRecord(uuid="", tool="abcde", data={
        "event": "used", "emotions": [{"emotion": emotion, "intensity": 40}], question: "tense"}))
    other = store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "no answer"}))
    window.prompts_changed()  # as after an import that brought them
    p = panel(window)
    p.vocab.setCurrentIndex(p.vocab.findData("emotions"))
    item = next(p.items.item(i) for i in range(p.items.count()) if p.items.item(i).data(Qt.UserRole) == emotion)
    p.items.setCurrentItem(item)
    p.remove_item.click()
    assert "1 entries use this item" in p.info.text() and p.error.text() == ""
    assert custom.load()["vocabularies"]["emotions"]["hidden"] == [emotion]
    # still listed, unticked: the user can bring it back by ticking it
    item = next(p.items.item(i) for i in range(p.items.count()) if p.items.item(i).data(Qt.UserRole) == emotion)
    assert item.checkState() == Qt.Unchecked
    p.tool.setCurrentIndex(p.tool.findData("abcde"))
    p.questions.setCurrentRow(0)
    p.remove_question.click()
    assert "1 entries answered this question" in p.info.text()
    assert p.questions.count() == 0
    page = window.tool_pages["abcde"]
    window.show_page(page)
    # the entry that answered it still shows the question and its answer …
    page.open_entry(used.uuid)
    block = next(b for pg in page.form.pages for b in pg.blocks if b.widget.field.key == question)
    assert not block.isHidden() and page.form.widgets[question].value() == "tense"
    combo_row = page.form.widgets["emotions"].rows[0].widgets[0].combo
    assert combo_row.currentData() == emotion  # the hidden item stays chosen where it was used
    # … an entry that did not answer it does not
    page.open_entry(other.uuid)
    block = next(b for pg in page.form.pages for b in pg.blocks if b.widget.field.key == question)
    assert block.isHidden()
