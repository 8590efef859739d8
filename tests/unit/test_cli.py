"""The CLI contract: ``coach tools`` and ``coach check``."""
from __future__ import annotations

import json
import sqlite3

from coach import cli
from tests.conftest import run_coach


def test_tools_json_lists_every_field_in_both_languages(capsys):
    assert cli.main(["tools", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    abcde = next(t for t in out["tools"] if t["key"] == "abcde")
    assert abcde["name"] == {"en": "ABCDE reframing", "zh_CN": "ABCDE 情绪转变"}
    fields = {f["key"]: f for s in abcde["sections"] for f in s["fields"]}
    assert fields["belief_strength"]["kind"] == "slider"
    assert (fields["belief_strength"]["min"], fields["belief_strength"]["max"]) == (0, 100)
    patterns = [c["key"] for c in fields["patterns"]["choices"]]
    assert patterns == ["demands", "catastrophising", "low_tolerance", "overgeneralising", "mind_reading"]
    assert fields["emotions_after"]["source"] == "emotions"


def test_check_passes_on_a_sound_diary(data_dir):
    from coach.store import close_database, open_database

    close_database(open_database(data_dir / "coach.sqlite3"))
    result = run_coach("check", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout


def test_check_fails_on_a_missing_or_damaged_diary(data_dir):
    result = run_coach("check", data_dir=data_dir)
    assert result.returncode == 1
    (data_dir / "coach.sqlite3").write_bytes(b"garbage" * 1000)
    result = run_coach("check", data_dir=data_dir)
    assert result.returncode == 2
    assert "damaged" in result.stderr


def test_check_reports_a_broken_search_index(data_dir):
    from coach.store import close_database, open_database
    from coach.store import entries as store

    database = open_database(data_dir / "coach.sqlite3")
    store.save(store.EntryRecord(uuid="", tool="abcde", data={"event": "hello world"}))
    close_database(database)
    con = sqlite3.connect(data_dir / "coach.sqlite3")
    con.execute("DROP TRIGGER entry_fts_au")
    con.execute("UPDATE entry SET search_text = 'something else'")
    con.commit()
    con.close()
    result = run_coach("check", "--format", "json", data_dir=data_dir)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["search_index"] == "inconsistent"


def test_cli_messages_follow_lang(data_dir):
    result = run_coach("--lang", "zh_CN", "check", data_dir=data_dir)
    assert "没有找到日志" in result.stderr
