#!/usr/bin/env python3
"""Bundle benchmark: size of the Coach bundle and its start-up, each against a baseline.

    python benchmarks/bundle.py [--runs 7] [--coach-dist dist]

In one run, with pyinstaller's defaults for the baseline:

1. builds a bare "hello window" bundle — a PySide6 QMainWindow holding a
   matplotlib Qt canvas, the two big things Coach needs — and the Coach
   bundle (packaging/build.sh; or takes an existing one with --coach-dist);
2. prints both onedir sizes and the ratio (target: Coach ≤ 1.3 × hello);
3. starts the bundled Coach and the same Coach from source (``python -m
   coach``), each in fresh processes on a 1,000-entry diary, offscreen, and
   prints the median time to the first painted main window and the ratio
   bundled / source.

Build folders are temporary; nothing is written to the checkout.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import base_env, seed, time_to_first_paint  # noqa: E402

HELLO = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure

app = QApplication(sys.argv)
window = QMainWindow()
figure = Figure()
figure.add_subplot().plot([1, 3, 2, 4])
window.setCentralWidget(FigureCanvasQTAgg(figure))
window.show()
if "--exit" in sys.argv:
    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, window.close)
sys.exit(app.exec())
"""


def folder_size(path: Path) -> int:
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total


def build_hello(tmp: Path) -> tuple[Path, float]:
    script = tmp / "hello.py"
    script.write_text(HELLO, encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir",
                    "--log-level", "ERROR", "--distpath", str(tmp / "hello-dist"),
                    "--workpath", str(tmp / "hello-build"), "--specpath", str(tmp),
                    str(script)], check=True, cwd=tmp)
    return tmp / "hello-dist" / "hello", time.perf_counter() - started


def build_coach(tmp: Path) -> tuple[Path, float]:
    started = time.perf_counter()
    env = {**os.environ, "DIST": str(tmp / "coach-dist"), "WORK": str(tmp / "coach-build"),
           "LOG_LEVEL": "ERROR"}
    subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return tmp / "coach-dist" / "coach", time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--coach-dist", help="an existing build folder holding coach/")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="coach-bundle-bench-"))
    try:
        hello, hello_secs = build_hello(tmp)
        if args.coach_dist:
            coach, coach_secs = Path(args.coach_dist).resolve() / "coach", None
        else:
            coach, coach_secs = build_coach(tmp)
        h, c = folder_size(hello), folder_size(coach)
        mb = 1024 * 1024
        print(f"hello-window bundle (PySide6 + matplotlib, pyinstaller defaults): {h / mb:.0f} MB"
              f" (built in {hello_secs:.0f} s)")
        print(f"coach bundle: {c / mb:.0f} MB" +
              (f" (built in {coach_secs:.0f} s)" if coach_secs else ""))
        print(f"size ratio coach / hello: {c / h:.2f}x (target <= 1.3x)")

        exe = coach / ("coach.exe" if os.name == "nt" else "coach")
        data = tmp / "data"
        data.mkdir()
        seed(data, args.entries)
        env = {**base_env(), "COACH_EXIT_AFTER_SHOW": "0"}
        env.pop("PYTHONPATH", None)
        bundled_cmd = [str(exe), "--data-dir", str(data)]
        source_cmd = [sys.executable, "-m", "coach", "--data-dir", str(data)]
        time_to_first_paint(bundled_cmd, env, cwd=tmp)
        time_to_first_paint(source_cmd, env)
        bundled, source = [], []
        for _ in range(args.runs):
            bundled.append(time_to_first_paint(bundled_cmd, env, cwd=tmp))
            source.append(time_to_first_paint(source_cmd, env))
        b, s = statistics.median(bundled), statistics.median(source)
        print(f"first paint, {args.entries} entries: bundled median {b * 1000:.0f} ms "
              f"(min {min(bundled) * 1000:.0f}), from source median {s * 1000:.0f} ms "
              f"(min {min(source) * 1000:.0f}), n={args.runs}")
        print(f"start-up ratio bundled / source: {b / s:.2f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
