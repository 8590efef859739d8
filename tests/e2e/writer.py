"""A real process that saves entries through coach.store until it is killed.

    python tests/e2e/writer.py DATA_DIR SEED

Single saves (new entries and edits of earlier ones) and imports of several
entries through the real importer (a backup, then one transaction). Before each transaction it prints
``SAVING <uuid> <sha>`` for every entry in it, after the commit ``SAVED <uuid>
<sha>`` (flushed), so the parent knows exactly what was reported as saved and
what may have been in flight when it sent SIGKILL.
"""
from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

WORDS = ["会议延期", "跨部门", "客户", "deadline", "review", "😀", "שלום", "\u202e", "\x00",
         "'; DROP TABLE entry; --", "<b>x</b>", "{{ x }}", "预算", "handover", "\t", "🎉"]
IMPORTABLE = [w for w in WORDS if "\x00" not in w]  # the importer refuses NUL characters


def digest(data: dict) -> str:
    """The hash of ``data`` as the diary keeps it (NUL characters are never stored)."""
    from coach.store.entries import without_nul

    canon = json.dumps(without_nul(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()[:16]


def make_data(rng: random.Random, n: int, words: list[str] = WORDS) -> dict:
    text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 400)))
    return {"event": f"{n}: {text}", "belief": rng.choice(words) * rng.randint(1, 50),
            "belief_strength": rng.randint(0, 100),
            "emotions": [{"emotion": "anger", "intensity": rng.randint(0, 100)}],
            "unknown_future_key": {"n": n}}


def import_records(records, data_dir: Path) -> None:
    """Write ``records`` as a Coach JSON export and import it the way ``coach import`` does."""
    from datetime import datetime, timezone

    from coach import __version__
    from coach.export import importer
    from coach.export.safety import backup_before_import
    from coach.store.models import db

    now = datetime.now(timezone.utc).isoformat()
    doc = {"format": "coach-export", "version": 1, "app_version": __version__, "exported_at": now,
           "entries": [{"uuid": r.uuid, "tool": r.tool, "spec_version": 1, "status": r.status,
                        "created_at": now, "updated_at": now, "deleted_at": None, "title": "",
                        "tags": r.tags, "people": [], "follows": None, "data": r.data,
                        "followups": []} for r in records],
           "people": [], "tk_attempts": []}
    parsed = importer.validate(importer.parse(json.dumps(doc, ensure_ascii=False).encode("utf-8")))
    importer.apply(importer.plan(parsed), backup=lambda: backup_before_import(db.obj, data_dir))


def main() -> int:
    data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    from coach.store import entries as store
    from coach.store import open_database
    from coach.store.models import db

    rng = random.Random(seed)
    open_database(data_dir / "coach.sqlite3")
    mine = [r.uuid for r in store.query(include_deleted=True)]
    n = len(mine)
    out = sys.stdout
    while True:
        n += 1
        roll = rng.random()
        if roll < 0.15:  # an import through the real importer: backup, then one transaction
            batch = [store.EntryRecord(uuid=store.new_uuid(), tool="abcde",
                                       data=make_data(rng, n + i, IMPORTABLE),
                                       status="draft", tags=["import", f"b{n}"])
                     for i in range(rng.randint(2, 12))]
            n += len(batch)
            for rec in batch:
                out.write(f"SAVING {rec.uuid} {digest(rec.data)} batch\n")
            out.flush()
            import_records(batch, data_dir)
            for rec in batch:
                out.write(f"SAVED {rec.uuid} {digest(rec.data)}\n")
                mine.append(rec.uuid)
            out.flush()
            continue
        if roll < 0.55 and mine:  # edit an earlier entry
            rec = store.get(rng.choice(mine))
            rec.data = make_data(rng, n)
        else:
            rec = store.EntryRecord(uuid=store.new_uuid(), tool="abcde", data=make_data(rng, n),
                                    tags=[rng.choice(["会议", "review", "客户"])])
        print(f"SAVING {rec.uuid} {digest(rec.data)}", flush=True)
        store.save(rec)
        print(f"SAVED {rec.uuid} {digest(rec.data)}", flush=True)
        if rec.uuid not in mine:
            mine.append(rec.uuid)


if __name__ == "__main__":
    sys.exit(main())
