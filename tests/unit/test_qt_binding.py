"""Guard against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 under Python 3.11 drops a reference to True/False on every
Signal.emit(); a form that emits on each keystroke then crashes the process
after a few thousand keystrokes ("bool_dealloc"). pyproject.toml excludes it;
this test fails if an installed binding has the problem.
"""
from __future__ import annotations

import subprocess
import sys


def test_signal_emit_keeps_bool_refcounts_stable():
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication, QObject, Signal\n"
        "app = QCoreApplication([])\n"
        "class A(QObject):\n"
        "    s = Signal()\n"
        "a = A(); a.s.connect(lambda: None)\n"
        "before = sys.getrefcount(True)\n"
        "for _ in range(200): a.s.emit()\n"
        "print(before - sys.getrefcount(True))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert abs(int(out.stdout.strip())) < 50
