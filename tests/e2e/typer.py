"""A real Coach GUI process that types entries as a user would (for crash tests).

    python tests/e2e/typer.py DATA_DIR N_COMPLETE

It completes N_COMPLETE ABCDE entries through the form, then types a draft
forever, one character every few milliseconds. After each stored write it
prints ``COMPLETE <uuid>`` or ``DRAFT <uuid> <length>`` and flushes, so the
parent knows what was reported as saved before it kills the process.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

DRAFT_TEXT = "草稿 draft text that must survive a crash 会议延期 " * 40


def main() -> int:
    data_dir, n_complete = Path(sys.argv[1]), int(sys.argv[2])
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from coach import i18n
    from coach.store import open_database
    from coach.tools import get
    from coach.ui.app import make_application
    from coach.ui.main_window import MainWindow

    app = make_application()
    open_database(data_dir / "coach.sqlite3")
    i18n.set_language("en")
    window = MainWindow(data_dir)
    window.show()
    page = window.tool_pages["abcde"]
    window.show_page(page)
    example = get("abcde").examples["zh_CN"]

    def report(uuid):
        rec = page.record
        if rec.status == "complete":
            print(f"COMPLETE {uuid}", flush=True)
        else:
            print(f"DRAFT {uuid} {len(rec.data.get('event', ''))}", flush=True)

    page.entry_saved.connect(report)
    for i in range(n_complete):
        page.new_entry()
        data = dict(example, event=f"{i}: {example['event']}")
        page.form.set_value(data)
        page.form.changed.emit()
        page.save_and_complete()
    page.new_entry()
    edit = page.form.widgets["event"].edit
    edit.setFocus()
    position = {"i": 0}

    def type_one():
        ch = DRAFT_TEXT[position["i"] % len(DRAFT_TEXT)]
        position["i"] += 1
        if ch.isascii():
            QTest.keyClicks(edit, ch)
        else:  # what an input method commits
            edit.insertPlainText(ch)

    timer = QTimer()
    timer.timeout.connect(type_one)
    timer.start(3)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
