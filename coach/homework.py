"""Homework packs: a trainer's assignments between course sessions.

A pack is a small TOML or JSON file (see docs/homework-packs.md)::

    format = "coach-homework"
    version = 1
    title = { en = "Homework after session 2", zh_CN = "第二次课后作业" }
    session = "2026-11-20 · Session 2"
    [[assignments]]
    tool = "abcde"
    prompt = { en = "Reframe one tense moment", zh_CN = "重新梳理一次紧张时刻" }
    min_count = 2
    due = 2026-11-27

The trainee opens it (it is kept in the diary's settings with the moment it
was opened); progress counts complete entries of each assignment's tool made
since then, plus entries linked to the assignment by hand. Handing in writes
files the trainee chose; nothing leaves the machine by itself.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from . import i18n
from .i18n import Text

FORMAT = "coach-homework"
VERSION = 1
MAX_BYTES = 1024 * 1024
MAX_ASSIGNMENTS = 50
ID_RE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")
SETTING_PACK = "homework.pack"
SETTING_OPENED = "homework.opened_at"
SETTING_LINKS = "homework.links"
SETTING_NAME = "homework.trainee_name"


class PackError(Exception):
    """A pack file that cannot be used; ``problems`` are (place, message key, args)."""

    def __init__(self, problems: list[tuple[str, str, dict]]):
        self.problems = problems
        super().__init__("; ".join(f"{w}: {k}" for w, k, _ in problems))

    def report(self, lang: str | None = None) -> str:
        lines = [i18n.tr("homework.err.invalid", lang=lang)]
        for where, key, args in self.problems:
            msg = i18n.tr(f"homework.err.{key}", lang=lang, **args)
            lines.append(f"  • {where}: {msg}" if where else f"  • {msg}")
        return "\n".join(lines)


def _text(value) -> Text | None:
    """A prompt or title: one string (both languages) or {en, zh_CN} (either may be missing)."""
    if isinstance(value, str):
        return Text(value, value)
    if isinstance(value, dict) and set(value) <= {"en", "zh_CN"} and value \
            and all(isinstance(v, str) for v in value.values()):
        en = value.get("en") or value.get("zh_CN")
        zh = value.get("zh_CN") or value.get("en")
        return Text(en, zh)
    return None


def _text_json(t: Text) -> str | dict:
    return t.en if t.en == t.zh_CN else t.as_dict()


@dataclass
class Assignment:
    id: str
    tool: str
    prompt: Text
    min_count: int = 1
    due: date | None = None

    def to_dict(self) -> dict:
        out = {"id": self.id, "tool": self.tool, "prompt": _text_json(self.prompt),
               "min_count": self.min_count}
        if self.due:
            out["due"] = self.due.isoformat()
        return out


@dataclass
class Pack:
    title: Text
    assignments: list[Assignment]
    session: str = ""
    course: str = ""
    trainer: str = ""

    def to_dict(self) -> dict:
        out = {"format": FORMAT, "version": VERSION, "title": _text_json(self.title)}
        for key in ("course", "session", "trainer"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        out["assignments"] = [a.to_dict() for a in self.assignments]
        return out

    def assignment(self, aid: str) -> Assignment:
        return next(a for a in self.assignments if a.id == aid)


def from_dict(doc) -> Pack:
    from .tools import registry

    problems: list[tuple[str, str, dict]] = []
    if not isinstance(doc, dict):
        raise PackError([("", "not_pack", {})])
    if doc.get("format", FORMAT) != FORMAT:
        raise PackError([("format", "not_pack", {})])
    version = doc.get("version", VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version > VERSION:
        raise PackError([("version", "newer", {"found": str(version), "supported": VERSION})])
    title = _text(doc.get("title"))
    if title is None or not title.en.strip():
        problems.append(("title", "missing_text", {}))
    strings = {}
    for key in ("course", "session", "trainer"):
        value = doc.get(key, "")
        if not isinstance(value, str) or len(value) > 200:
            problems.append((key, "bad_text", {}))
            value = ""
        strings[key] = value
    items = doc.get("assignments")
    assignments: list[Assignment] = []
    if not isinstance(items, list) or not items:
        problems.append(("assignments", "no_assignments", {}))
        items = []
    if len(items) > MAX_ASSIGNMENTS:
        problems.append(("assignments", "too_many", {"limit": MAX_ASSIGNMENTS}))
        items = []
    tools = registry()
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = f"assignments[{i}]"
        if not isinstance(item, dict):
            problems.append((where, "not_table", {}))
            continue
        aid = item.get("id", str(i + 1))
        if not isinstance(aid, str) or not ID_RE.match(aid) or aid in seen:
            problems.append((f"{where}.id", "bad_id", {"value": str(aid)[:40]}))
            continue
        seen.add(aid)
        tool = item.get("tool")
        if tool not in tools:
            problems.append((f"{where}.tool", "unknown_tool", {"value": str(tool)[:40],
                                                               "known": ", ".join(tools)}))
        prompt = _text(item.get("prompt", ""))
        if prompt is None or len(prompt.en) > 2000 or len(prompt.zh_CN) > 2000:
            problems.append((f"{where}.prompt", "bad_text", {}))
        count = item.get("min_count", 1)
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 100:
            problems.append((f"{where}.min_count", "bad_count", {"value": str(count)[:20]}))
        due = item.get("due")
        if isinstance(due, datetime):
            due = due.date()
        elif isinstance(due, str):
            try:
                due = date.fromisoformat(due)
            except ValueError:
                problems.append((f"{where}.due", "bad_date", {"value": due[:40]}))
                due = None
        elif due is not None and not isinstance(due, date):
            problems.append((f"{where}.due", "bad_date", {"value": str(due)[:40]}))
            due = None
        if tool in tools and prompt is not None and isinstance(count, int):
            assignments.append(Assignment(aid, tool, prompt, count, due))
    if problems:
        raise PackError(problems)
    return Pack(title, assignments, **strings)


def load(path: Path) -> Pack:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise PackError([("", "too_big", {})])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PackError([("", "missing", {"path": str(path)})]) from None
    except (IsADirectoryError, PermissionError):
        raise PackError([("", "unreadable", {"path": str(path)})]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PackError([("", "syntax", {"detail": "not UTF-8"})]) from None
    try:
        if path.suffix.lower() == ".toml":
            doc = tomllib.loads(text)
        else:
            doc = json.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        raise PackError([("", "syntax", {"detail": str(exc)[:200]})]) from None
    return from_dict(doc)


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _toml_text(t: Text) -> str:
    if t.en == t.zh_CN:
        return _toml_str(t.en)
    return "{ en = %s, zh_CN = %s }" % (_toml_str(t.en), _toml_str(t.zh_CN))


def dumps_toml(pack: Pack) -> str:
    lines = [f'format = "{FORMAT}"', f"version = {VERSION}", f"title = {_toml_text(pack.title)}"]
    for key in ("course", "session", "trainer"):
        if getattr(pack, key):
            lines.append(f"{key} = {_toml_str(getattr(pack, key))}")
    for a in pack.assignments:
        lines += ["", "[[assignments]]", f"id = {_toml_str(a.id)}", f"tool = {_toml_str(a.tool)}",
                  f"prompt = {_toml_text(a.prompt)}", f"min_count = {a.min_count}"]
        if a.due:
            lines.append(f"due = {a.due.isoformat()}")
    return "\n".join(lines) + "\n"


def dumps_json(pack: Pack) -> str:
    return json.dumps(pack.to_dict(), ensure_ascii=False, indent=2) + "\n"


def save(pack: Pack, path: Path) -> Path:
    from .export.files import write_text

    path = Path(path)
    return write_text(path, dumps_toml(pack) if path.suffix.lower() == ".toml" else dumps_json(pack))


# --- the trainee's open pack (kept in the diary's settings) ----------------------

@dataclass
class OpenPack:
    pack: Pack
    opened_at: datetime
    links: dict[str, list[str]] = field(default_factory=dict)


def open_pack(pack: Pack, now: datetime | None = None) -> OpenPack:
    from .store import settings

    opened = now or datetime.now(timezone.utc)
    settings.set(SETTING_PACK, pack.to_dict())
    settings.set(SETTING_OPENED, opened.astimezone(timezone.utc).isoformat())
    settings.set(SETTING_LINKS, {})
    return OpenPack(pack, opened, {})


def current() -> OpenPack | None:
    from .store import settings

    doc = settings.get(SETTING_PACK)
    if not doc:
        return None
    try:
        pack = from_dict(doc)
        opened = datetime.fromisoformat(settings.get(SETTING_OPENED))
    except (PackError, TypeError, ValueError):
        return None
    links = settings.get(SETTING_LINKS) or {}
    return OpenPack(pack, opened, {k: list(v) for k, v in links.items() if isinstance(v, list)})


def close_pack() -> None:
    from .store import settings

    settings.set(SETTING_PACK, None)
    settings.set(SETTING_LINKS, {})


def link(aid: str, uuid: str, on: bool = True) -> None:
    """Link one entry to assignment ``aid`` by hand (or unlink it)."""
    from .store import settings

    items = [u for u in (settings.get(SETTING_LINKS) or {}).get(aid, []) if u != uuid]
    set_links(aid, items + [uuid] if on else items)


def set_links(aid: str, uuids: list[str]) -> None:
    """The entries linked to assignment ``aid`` by hand (replacing the earlier choice)."""
    from .store import settings

    links = settings.get(SETTING_LINKS) or {}
    links[aid] = list(dict.fromkeys(uuids))
    settings.set(SETTING_LINKS, links)


def candidates(op: OpenPack, aid: str, limit: int = 500) -> list[tuple[object, bool, bool]]:
    """Complete entries of the assignment's tool, newest first, as
    (entry, counted automatically, linked by hand). Entries written since the
    pack was opened count by themselves; older ones count when linked."""
    from .store import transfer

    a = next(x for x in op.pack.assignments if x.id == aid)
    linked = set(op.links.get(aid, []))
    rows = sorted(transfer.select_entries(tools=[a.tool], status="complete"),
                  key=lambda e: e.created_at, reverse=True)
    return [(e, e.created_at >= op.opened_at, e.uuid in linked) for e in rows[:limit]]


@dataclass
class Progress:
    assignment: Assignment
    entries: list  # EntryRecord, oldest first
    done: int
    required: int
    overdue: bool
    complete: bool


def progress(op: OpenPack, today: date | None = None) -> list[Progress]:
    from .store import transfer

    today = today or date.today()
    out = []
    for a in op.pack.assignments:
        since = transfer.select_entries(tools=[a.tool], since=op.opened_at, status="complete")
        linked = transfer.select_entries(uuids=op.links.get(a.id, []), status="complete")
        by_uuid = {e.uuid: e for e in [*since, *linked]}
        entries = sorted(by_uuid.values(), key=lambda e: e.created_at)
        done = len(entries)
        out.append(Progress(a, entries, done, a.min_count,
                            overdue=bool(a.due and a.due < today and done < a.min_count),
                            complete=done >= a.min_count))
    return out


def answering_uuids(op: OpenPack) -> list[str]:
    """Every entry that answers the pack, oldest first, without repeats."""
    seen: dict[str, object] = {}
    for p in progress(op):
        for e in p.entries:
            seen.setdefault(e.uuid, e)
    return [u for u, _ in sorted(seen.items(), key=lambda kv: kv[1].created_at)]


def handin_paths(op: OpenPack, name: str, folder: Path) -> tuple[Path, Path]:
    from .export.files import safe_name

    stem = safe_name(name, "trainee") + "-" + safe_name(op.pack.session or op.pack.title.get(),
                                                       "homework")
    folder = Path(folder)
    return folder / f"{stem}.pdf", folder / f"{stem}.json"


def handin(op: OpenPack, name: str, uuids: list[str], folder: Path, lang: str, *,
           pdf_writer, progress_fn=None, cancelled=None) -> tuple[Path, Path]:
    """The PDF for reading and the JSON for the record, of exactly ``uuids``."""
    from .export.files import write_text
    from .export.jsonfmt import build, dumps
    from .export.selection import Selection, collect
    from .export.service import ExportRequest, run_export

    pdf_path, json_path = handin_paths(op, name, folder)
    selection = Selection(uuids=list(uuids))
    bundle = collect(selection)
    subtitle = i18n.tr("homework.handin_subtitle", lang=lang, name=name.strip(),
                       session=op.pack.session or "—")
    run_export(ExportRequest("pdf", pdf_path, selection, lang, title=op.pack.title.get(lang),
                             subtitle=subtitle), bundle=bundle, pdf_writer=pdf_writer,
               progress=progress_fn, cancelled=cancelled)
    doc = build(bundle)
    doc["homework"] = {"title": _text_json(op.pack.title), "session": op.pack.session,
                       "course": op.pack.course, "trainer": op.pack.trainer,
                       "trainee": name.strip()}
    write_text(json_path, dumps(doc))
    return pdf_path, json_path
