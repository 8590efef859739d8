"""Health check of a database file (used by ``coach check``)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from peewee import SqliteDatabase

from . import migrations


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(database: SqliteDatabase) -> CheckReport:
    report = CheckReport()
    rows = [r[0] for r in database.execute_sql("PRAGMA integrity_check").fetchall()]
    report.facts["integrity"] = "ok" if rows == ["ok"] else rows
    if rows != ["ok"]:
        report.problems.append("integrity_check: " + "; ".join(map(str, rows[:20])))
    fk = database.execute_sql("PRAGMA foreign_key_check").fetchall()
    report.facts["foreign_key_violations"] = len(fk)
    if fk:
        report.problems.append(f"foreign_key_check: {len(fk)} violation(s), e.g. {fk[0]}")
    version = migrations.user_version(database)
    report.facts["schema_version"] = version
    if version != migrations.SCHEMA_VERSION:
        report.problems.append(
            f"schema version {version}, expected {migrations.SCHEMA_VERSION}")
    app_id = database.execute_sql("PRAGMA application_id").fetchone()[0]
    if app_id != migrations.APPLICATION_ID:
        report.problems.append("not marked as a Coach database (application_id)")
    try:
        database.execute_sql("INSERT INTO entry_fts(entry_fts, rank) VALUES('integrity-check', 1)")
        report.facts["search_index"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure is a finding
        report.facts["search_index"] = "inconsistent"
        report.problems.append(f"search index: {exc}")
    try:
        entries = database.execute_sql("SELECT COUNT(*) FROM entry").fetchone()[0]
        indexed = database.execute_sql("SELECT COUNT(*) FROM entry_fts_docsize").fetchone()[0]
    except Exception as exc:  # noqa: BLE001
        report.problems.append(f"cannot count entries: {exc}")
        return report
    report.facts["entries"] = entries
    report.facts["indexed_entries"] = indexed
    if indexed != entries:
        report.problems.append(
            f"search index holds {indexed} entries, the diary {entries} (run a rebuild)")
        if report.facts.get("search_index") == "ok":
            report.facts["search_index"] = "inconsistent"
    bad_json = []
    for uuid, raw in database.execute_sql("SELECT uuid, data FROM entry"):
        try:
            if not isinstance(json.loads(raw), dict):
                bad_json.append(uuid)
        except (TypeError, ValueError):
            bad_json.append(uuid)
    report.facts["entries_with_unreadable_data"] = len(bad_json)
    if bad_json:
        report.problems.append(
            f"{len(bad_json)} entr(y/ies) whose data is not a JSON object, e.g. {bad_json[0]}")
    return report
