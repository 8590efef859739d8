"""The version has one source (pyproject.toml) and every bundled component has a licence."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import coach
from coach import licenses

ROOT = Path(__file__).resolve().parents[2]


def test_version_is_the_one_in_pyproject():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert coach.__version__ == pyproject["project"]["version"]


def test_font_licence_is_the_shipped_ofl_text():
    text = licenses.licence_text(licenses.FONT)
    assert "SIL OPEN FONT LICENSE" in text.upper()
    assert "Version 1.1" in text


def test_qt_licence_carries_lgpl_and_gpl_texts():
    qt = next(c for c in licenses.COMPONENTS if c.distribution == "pyside6-essentials")
    text = licenses.licence_text(qt)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text
    assert "GNU GENERAL PUBLIC LICENSE" in text
    assert re.fullmatch(r"6\.\d+\.\d+", qt.version())


def test_every_installed_component_has_a_version_and_a_licence_text():
    missing = [c.name for c in licenses.COMPONENTS if not licenses.licence_text(c)]
    assert missing == []
    unversioned = [c.name for c in licenses.COMPONENTS
                   if c is not licenses.FONT and not c.version()]
    assert unversioned == []


def test_runtime_dependencies_are_all_listed():
    """A new dependency in pyproject.toml must be credited in the About dialog."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    names = {re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0].lower()
             for dep in pyproject["project"]["dependencies"]}
    listed = {d.lower() for d in licenses.DISTRIBUTIONS}
    assert names - listed == set()


def test_version_info_names_app_qt_and_python():
    line = licenses.version_info()
    assert line.startswith(f"Coach {coach.__version__} · Qt for Python 6.")
    assert "Python 3." in line
