"""`coach export` and `coach import` as real processes."""
from __future__ import annotations

import json
import subprocess
import unicodedata
import zipfile

import pytest

from tests.conftest import run_coach

pytestmark = pytest.mark.slow


@pytest.fixture
def diary(data_dir):
    """A diary holding each tool's worked examples (made through the CLI's own import)."""
    from coach.tools import registry

    entries = []
    for n, spec in enumerate(registry().values()):
        for i, lang in enumerate(("en", "zh_CN")):
            entries.append({
                "uuid": f"{n:08d}-0000-4000-8000-{i:012d}", "tool": spec.key,
                "spec_version": spec.version, "status": "complete",
                "created_at": f"2026-11-{10 + i}T09:00:00+08:00",
                "updated_at": f"2026-11-{10 + i}T09:00:00+08:00",
                "title": "", "tags": ["课后作业"], "people": [], "data": spec.examples[lang]})
    src = data_dir.parent / "seed.json"
    src.write_text(json.dumps({"format": "coach-export", "version": 1, "entries": entries}),
                   "utf-8")
    out = run_coach("import", str(src), "--yes", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    return data_dir


def test_export_every_format_with_a_privacy_note(diary, tmp_path):
    for fmt, name in [("json", "a.json"), ("md", "a.md"), ("html", "a.html"), ("csv", "a.zip"),
                      ("pdf", "a.pdf")]:
        out = run_coach("--lang", "zh_CN", "export", "--format", fmt, "-o", str(tmp_path / name),
                        data_dir=diary)
        assert out.returncode == 0, out.stderr
        assert "私人记录" in out.stderr  # said before writing an unencrypted file
    doc = json.loads((tmp_path / "a.json").read_text("utf-8"))
    assert len(doc["entries"]) == 2 * len({e["tool"] for e in doc["entries"]})
    assert "我的协作练习记录" in (tmp_path / "a.html").read_text("utf-8")
    with zipfile.ZipFile(tmp_path / "a.zip") as zf:
        assert zf.read("abcde.csv").startswith(b"\xef\xbb\xbf")
    pdf = (tmp_path / "a.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True,
                          text=True).stdout
    # the font maps a few glyphs (月, 二) to their Kangxi radical twins in the text layer
    text = unicodedata.normalize("NFKC", text)
    assert "我的协作练习记录" in text and "周二项目会上" in text


def test_export_filters_and_bad_arguments(diary, tmp_path):
    out = run_coach("export", "-f", "json", "--since", "2026-11-11", "--until", "2026-11-11",
                    "--tool", "abcde", "-o", str(tmp_path / "b.json"), data_dir=diary)
    assert out.returncode == 0, out.stderr
    assert len(json.loads((tmp_path / "b.json").read_text("utf-8"))["entries"]) == 1
    bad = run_coach("export", "-f", "json", "--since", "11/11/2026", "-o", str(tmp_path / "c.json"),
                    data_dir=diary)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
    bad = run_coach("export", "-f", "json", "--tool", "astrology", "-o", str(tmp_path / "c.json"),
                    data_dir=diary)
    assert bad.returncode == 2 and "astrology" in bad.stderr
    assert not (tmp_path / "c.json").exists()


def test_import_bad_file_names_the_place_and_changes_nothing(diary, tmp_path):
    before = run_coach("export", "-f", "json", "-o", str(tmp_path / "before.json"), data_dir=diary)
    assert before.returncode == 0
    bad = tmp_path / "bad.json"
    doc = json.loads((tmp_path / "before.json").read_text("utf-8"))
    doc["entries"][0]["data"]["belief_strength"] = 150
    doc["entries"][0]["updated_at"] = "2030-01-01T00:00:00+00:00"
    bad.write_text(json.dumps(doc), "utf-8")
    out = run_coach("--lang", "zh_CN", "import", str(bad), "--yes", data_dir=diary)
    assert out.returncode == 1
    assert "entries[0].data.belief_strength" in out.stderr and "没有做任何更改" in out.stderr
    run_coach("export", "-f", "json", "-o", str(tmp_path / "after.json"), data_dir=diary)
    strip = lambda d: {**d, "exported_at": None}  # noqa: E731
    assert strip(json.loads((tmp_path / "after.json").read_text("utf-8"))) == strip(
        json.loads((tmp_path / "before.json").read_text("utf-8")))
    dry = run_coach("import", str(tmp_path / "before.json"), "--dry-run", data_dir=diary)
    assert dry.returncode == 0 and "unchanged" in dry.stdout


def test_homework_from_pack_to_hand_in(data_dir, tmp_path):
    pack = tmp_path / "pack.toml"
    out = run_coach("homework", "new", "-o", str(pack), "--title-en", "After session 2",
                    "--title-zh", "第二次课后作业", "--session", "第二次课",
                    "-a", "abcde:1:2026-11-27:重新梳理一次紧张的沟通", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    out = run_coach("--lang", "zh_CN", "homework", "open", str(pack), data_dir=data_dir)
    assert out.returncode == 0 and "0/1" in out.stdout and "重新梳理" in out.stdout
    from coach.tools import registry

    spec = registry()["abcde"]
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({"format": "coach-export", "version": 1, "entries": [{
        "uuid": "11111111-2222-4333-8444-555555555555", "tool": "abcde", "status": "complete",
        "created_at": "2099-01-01T00:00:00+00:00", "updated_at": "2099-01-01T00:00:00+00:00",
        "data": spec.examples["zh_CN"]}]}), "utf-8")
    assert run_coach("import", str(seed), "--yes", data_dir=data_dir).returncode == 0
    out = run_coach("homework", "status", data_dir=data_dir)
    assert "1/1" in out.stdout
    out = run_coach("--lang", "zh_CN", "homework", "handin", "--name", "李雷", "-o",
                    str(tmp_path / "handin"), data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in (tmp_path / "handin").iterdir()) == [
        "李雷-第二次课.json", "李雷-第二次课.pdf"]
    assert "私人记录" in out.stderr
