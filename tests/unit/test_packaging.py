"""Static checks of packaging/: ids, icons, desktop entry, AppStream data and the spec agree."""
from __future__ import annotations

import ast
import configparser
import struct
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def app_id() -> str:
    tree = ast.parse((ROOT / "coach" / "ui" / "app.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "APP_ID":
            return node.value.value
    raise AssertionError("coach/ui/app.py defines no APP_ID")


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(PACKAGING / "linux" / f"{app_id()}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_app_id_is_the_same_everywhere():
    aid = app_id()
    assert (PACKAGING / "linux" / f"{aid}.desktop").is_file()
    assert (PACKAGING / "linux" / f"{aid}.metainfo.xml").is_file()
    assert f'APP_ID = "{aid}"' in (PACKAGING / "coach.spec").read_text("utf-8")
    assert desktop_entry()["Icon"] == aid
    root = ET.parse(PACKAGING / "linux" / f"{aid}.metainfo.xml").getroot()
    assert root.findtext("id") == aid
    assert root.findtext("launchable") == f"{aid}.desktop"


def test_desktop_entry_is_bilingual_and_runs_coach():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "coach" and entry["Terminal"] == "false"
    assert entry["Name"] == "Coach" and entry["Name[zh_CN]"] == "协作教练"
    assert entry["Comment[zh_CN]"] and entry["Comment"]
    assert entry["Categories"].endswith(";")


def test_metainfo_release_is_the_pyproject_version():
    root = ET.parse(PACKAGING / "linux" / f"{app_id()}.metainfo.xml").getroot()
    latest = root.find("releases/release")
    assert latest is not None
    assert latest.get("version") == PYPROJECT["project"]["version"]
    assert root.find("summary[@{http://www.w3.org/XML/1998/namespace}lang='zh-CN']") is not None


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_icon_png_has_its_size(size):
    data = (PACKAGING / "icons" / "png" / f"coach-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (size, size)


def test_windows_and_macos_icons_hold_several_sizes():
    ico = (PACKAGING / "icons" / "coach.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 6
    icns = (PACKAGING / "icons" / "coach.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_spec_is_valid_python_without_linux_only_paths():
    text = (PACKAGING / "coach.spec").read_text("utf-8")
    ast.parse(text)
    for linux_only in ("/usr/", "/lib/", "/tmp/", "site-packages", "/root/", ".so\""):
        assert linux_only not in text
