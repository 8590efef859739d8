"""The domain never imports Qt, and start-up stays light."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

DOMAIN_MODULES = [
    "coach", "coach.i18n", "coach.paths", "coach.cli", "coach.store", "coach.store.entries",
    "coach.store.check", "coach.store.backup", "coach.tools", "coach.tools.view",
]


def test_domain_imports_no_qt():
    code = (
        "import sys, importlib\n"
        f"for m in {DOMAIN_MODULES!r}: importlib.import_module(m)\n"
        "from coach.tools import registry; registry()\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_no_qt_import_outside_ui_package():
    offenders = []
    for path in (ROOT / "coach").rglob("*.py"):
        if "ui" in path.relative_to(ROOT / "coach").parts:
            continue
        text = path.read_text("utf-8")
        if "PySide6" in text or "from .ui" in text and "run_gui" not in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
