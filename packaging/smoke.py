#!/usr/bin/env python3
"""Smoke test of the desktop bundle: build it, then use it as a user would.

    python packaging/smoke.py                 # build into a temporary folder, then test
    python packaging/smoke.py --dist dist     # test an existing build (dist/coach)

Everything runs offscreen with a temporary data folder (the user's diary is
never touched). Steps, each must pass:

1. the bundle holds the catalogs, the CJK font, icons, licence texts and the
   library metadata About needs, and no test code;
2. ``coach --version`` says the version in pyproject.toml;
3. ``coach tools`` lists every tool of the source tree (discovered at run time);
4. an entry in Chinese is created with ``coach import`` (validated, backed up,
   one transaction), found again with ``coach search``;
5. it is exported as JSON, Markdown, HTML, CSV and PDF (the PDF holds the
   Chinese text: the bundled font and Qt's PDF writer work in the bundle);
6. ``coach check`` passes;
7. the GUI starts offscreen, paints its main window, saves a screenshot and
   exits cleanly with code 0, leaving no error in coach.log.

Works on Linux, Windows and macOS (the executable is found per platform).
Exit code 0 when every step passed.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UUID = "5d1c9a0e-3b7f-4e21-9c4a-7f0e2b6d8a13"
EVENT = "周二项目会上，财务部的王姐当着大家的面说，我们部门的报销单已经连续三个月晚交了。"
ENTRY_FILE = {
    "format": "coach-export",
    "version": 1,
    "app_version": "smoke",
    "exported_at": "2026-11-21T02:00:00.000000+00:00",
    "entries": [{
        "uuid": UUID,
        "tool": "abcde",
        "spec_version": 1,
        "status": "draft",
        "created_at": "2026-11-20T01:30:00.000000+00:00",
        "updated_at": "2026-11-20T01:42:10.125000+00:00",
        "deleted_at": None,
        "title": "",
        "tags": ["月结", "smoke"],
        "people": [],
        "follows": None,
        "data": {
            "event": EVENT,
            "emotions": [{"emotion": "embarrassment", "intensity": 70, "after": 35}],
            "belief": "财务部就是想在领导面前让我们难堪。",
            "belief_strength": 80,
            "patterns": ["mind_reading"],
            "red_light": True,
            "balanced_thought": "财务需要我们按时交单才能月结。",
            "belief_strength_after": 30,
        },
        "followups": [],
    }],
    "people": [],
    "tk_attempts": [],
}


class SmokeFailure(Exception):
    pass


def executable(dist: Path) -> Path:
    folder = dist / "coach"
    candidates = [folder / "coach.exe", folder / "coach",
                  dist / "Coach.app" / "Contents" / "MacOS" / "coach"]
    for path in candidates:
        if path.is_file():
            return path
    raise SmokeFailure(f"no coach executable under {dist}")


def internal_dir(exe: Path) -> Path:
    for candidate in (exe.parent / "_internal", exe.parent.parent / "Frameworks",
                      exe.parent.parent / "Resources"):
        if (candidate / "coach").is_dir():
            return candidate
    raise SmokeFailure(f"no bundled coach package next to {exe}")


class Runner:
    def __init__(self, exe: Path, data: Path):
        self.exe = exe
        self.data = data
        self.env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
                    "PYTHONIOENCODING": "utf-8"}
        self.env.pop("COACH_DATA_DIR", None)
        self.env.pop("PYTHONPATH", None)  # the bundle must not need the source tree

    def run(self, *args: str, timeout: float = 120, env: dict | None = None,
            expect: int = 0) -> subprocess.CompletedProcess:
        cmd = [str(self.exe), "--data-dir", str(self.data), *args]
        result = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8",
                                errors="replace", timeout=timeout, env={**self.env, **(env or {})},
                                cwd=tempfile.gettempdir())
        if result.returncode != expect:
            raise SmokeFailure(f"{' '.join(args) or 'GUI'} exited {result.returncode} "
                               f"(expected {expect})\n{result.stdout}\n{result.stderr}")
        return result


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def step_contents(exe: Path) -> str:
    internal = internal_dir(exe)
    bundled = internal / "coach" / "resources"
    source = ROOT / "coach" / "resources"
    missing = [str(p.relative_to(source)) for p in source.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".py", ".pyc")
               and not (bundled / p.relative_to(source)).is_file()]
    check(not missing, f"resources missing from the bundle: {missing[:10]}")
    check((bundled / "fonts" / "NotoSansSC-Coach.otf").stat().st_size > 1_000_000,
          "the CJK font is not bundled")
    metas = {p.name.split("-")[0].lower() for p in internal.glob("*.dist-info")}
    for dist in ("coach", "peewee", "matplotlib", "jinja2", "platformdirs", "pyside6_essentials"):
        check(dist in metas, f"metadata of {dist} is not bundled (About needs it)")
    strays = [name for name in ("pytest", "_pytest", "pytestqt", "hypothesis", "tests")
              if (internal / name).exists()]
    strays += [str(p.relative_to(internal)) for p in (internal / "coach").rglob("tests")]
    check(not strays, f"test code in the bundle: {strays[:5]}")
    resources = sum(1 for p in bundled.rglob("*") if p.is_file())
    return f"{resources} resource files, {len(metas)} metadata folders, no test code"


def step_version(run: Runner) -> str:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    out = run.run("--version").stdout.strip()
    check(out == f"coach {version}", f"--version says {out!r}, pyproject says {version}")
    return out


def step_tools(run: Runner) -> str:
    listed = {t["key"] for t in json.loads(run.run("tools", "--format", "json").stdout)["tools"]}
    sys.path.insert(0, str(ROOT))
    from coach.tools import registry

    expected = set(registry())
    check(listed == expected, f"bundle lists tools {sorted(listed)}, source has {sorted(expected)}")
    return f"{len(listed)} tools: {', '.join(sorted(listed))}"


def step_import(run: Runner, work: Path) -> str:
    source = work / "entry.json"
    source.write_text(json.dumps(ENTRY_FILE, ensure_ascii=False), encoding="utf-8")
    run.run("import", str(source), "--yes")
    found = run.run("search", "王姐", "--format", "json").stdout
    check(UUID in found, f"search does not find the imported entry:\n{found}")
    return "imported 1 entry, found by `coach search 王姐`"


def step_export(run: Runner, work: Path) -> str:
    sizes = {}
    for fmt, name in (("json", "out.json"), ("md", "out.md"), ("html", "out.html"),
                      ("csv", "out-csv.zip"), ("pdf", "out.pdf")):
        target = work / name
        run.run("export", "--format", fmt, "-o", str(target), timeout=180)
        check(target.is_file() and target.stat().st_size > 0, f"export {fmt} wrote nothing")
        sizes[fmt] = target.stat().st_size
    exported = json.loads((work / "out.json").read_text("utf-8"))
    check([e["uuid"] for e in exported["entries"]] == [UUID], "the JSON export lost the entry")
    check(exported["entries"][0]["data"]["event"] == EVENT, "the JSON export changed the text")
    check(EVENT in (work / "out.md").read_text("utf-8"), "the Markdown export lacks the entry")
    check("王姐" in (work / "out.html").read_text("utf-8"), "the HTML export lacks the entry")
    pdf = (work / "out.pdf").read_bytes()
    check(pdf.startswith(b"%PDF"), "the PDF export is not a PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run([pdftotext, str(work / "out.pdf"), "-"], capture_output=True,
                              text=True, encoding="utf-8").stdout
        check("王姐" in text, "the PDF export does not contain the Chinese text")
    return ", ".join(f"{fmt} {size:,} B" for fmt, size in sizes.items()) + (
        " (PDF text checked)" if pdftotext else "")


def step_check(run: Runner) -> str:
    out = run.run("check").stdout
    return out.strip().splitlines()[-1]


def step_gui(run: Runner, work: Path) -> str:
    shot = work / "main-window.png"
    started = time.perf_counter()
    # In Chinese: the screenshot shows whether the bundled CJK font is used.
    result = run.run("--lang", "zh_CN",
                     env={"COACH_EXIT_AFTER_SHOW": "300", "COACH_SHOW_GRAB": str(shot)},
                     timeout=120)
    elapsed = time.perf_counter() - started
    painted = re.search(r"main window painted (\d+)x(\d+)", result.stderr)
    check(painted is not None, f"the main window was not painted:\n{result.stderr}")
    check(shot.is_file() and shot.stat().st_size > 10_000, "no screenshot of the main window")
    log = run.data / "coach.log"
    errors = [line for line in (log.read_text("utf-8", errors="replace").splitlines()
                                if log.exists() else []) if " ERROR " in line or "Traceback" in line]
    check(not errors, "coach.log has errors:\n" + "\n".join(errors[:10]))
    noise = [line for line in result.stderr.splitlines()
             if "Traceback" in line or "ModuleNotFoundError" in line or "ImportError" in line]
    check(not noise, "errors on stderr:\n" + result.stderr)
    return f"painted {painted.group(1)}x{painted.group(2)}, exited 0 in {elapsed:.1f} s, screenshot {shot}"


def build(dist: Path, work: Path) -> float:
    started = time.perf_counter()
    env = {**os.environ, "DIST": str(dist), "WORK": str(work)}
    if os.name == "nt":
        cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(ROOT / "packaging" / "coach.spec")]
    else:
        cmd = ["bash", str(ROOT / "packaging" / "build.sh")]
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", help="test this existing build folder (holding coach/) "
                        "instead of building one")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="coach-smoke-"))
    try:
        if args.dist:
            dist = Path(args.dist).resolve()
        else:
            dist = tmp / "dist"
            seconds = build(dist, tmp / "build")
            print(f"ok   build: {seconds:.0f} s")
        exe = executable(dist)
        data = tmp / "data"
        work = tmp / "work"
        data.mkdir()
        work.mkdir()
        run = Runner(exe, data)
        steps = [
            ("contents", lambda: step_contents(exe)),
            ("version", lambda: step_version(run)),
            ("tools", lambda: step_tools(run)),
            ("import", lambda: step_import(run, work)),
            ("export", lambda: step_export(run, work)),
            ("check", lambda: step_check(run)),
            ("gui", lambda: step_gui(run, work)),
        ]
        failed = 0
        for name, step in steps:
            try:
                print(f"ok   {name}: {step()}", flush=True)
            except (SmokeFailure, subprocess.TimeoutExpired, OSError, ValueError) as exc:
                failed += 1
                print(f"FAIL {name}: {exc}", flush=True)
        print(f"smoke: {len(steps) - failed}/{len(steps)} steps passed ({exe})")
        return 1 if failed else 0
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
