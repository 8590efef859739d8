"""Importing a ``coach-export`` JSON file: validate everything, preview, apply.

1. :func:`read` / :func:`parse` turn bytes into a document, refusing files that
   are too big, not UTF-8, not JSON or too deeply nested.
2. :func:`validate` checks the whole document (structure, dates, uuids, every
   entry's data against its tool spec) and either returns a :class:`Parsed`
   file or raises :class:`ImportFileError` with every problem and its place,
   e.g. ``entries[3].data.belief_strength``.
3. :func:`plan` compares the file with the diary by uuid: new / updated /
   unchanged / conflicting (the local entry was edited later than the file's).
4. :func:`apply` backs the diary up and writes the plan in one transaction.

Strings are stored as inert text: nothing in a file is ever run, opened or
used as a path.
"""
from __future__ import annotations

import json
import math
import re
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

from .. import custom, i18n, wording
from ..i18n import Text
from ..store import transfer
from ..store.entries import CUSTOMER_TYPES, STATUSES, EntryRecord, tag_key
from ..tools import registry
from . import FORMAT, VERSION, Cancelled
from .jsonfmt import iso

MAX_BYTES = 64 * 1024 * 1024  # 64 MB: ~ 50,000 long entries; anything bigger is not ours
MAX_DEPTH = 32
MAX_ENTRIES = 200_000
MAX_STRING = 100_000
MAX_TITLE = 500
MAX_TAG = 100
MAX_TAGS = 50
MAX_ISSUES = 100
MAX_TALLY = 100_000  # uses of one weapon on one day
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
PERSON_KEY_RE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")
PROMPT_KEY_RE = re.compile(r"^[a-z0-9_-]{1,100}$")
CONFLICT_TAG = "import-conflict"
RESOLUTIONS = ("copy", "skip", "overwrite")


@dataclass
class Issue:
    """One problem in an import file: where it is and what is wrong."""

    where: str
    key: str = ""
    args: dict = field(default_factory=dict)
    text: Text | None = None  # a message from a tool spec

    def message(self, lang: str | None = None) -> str:
        what = self.text.get(lang) if self.text is not None else i18n.tr(
            f"import.err.{self.key}", lang=lang, **self.args)
        if not self.where:
            return what
        return i18n.tr("import.at", lang=lang, where=self.where, problem=what)


class ImportFileError(Exception):
    """The file cannot be imported; nothing was changed."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("; ".join(i.message("en") for i in issues[:5]))

    def report(self, lang: str | None = None, limit: int = 20) -> str:
        lines = [i18n.tr("import.invalid", lang=lang, count=len(self.issues))]
        lines += [f"  • {i.message(lang)}" for i in self.issues[:limit]]
        if len(self.issues) > limit:
            lines.append(i18n.tr("import.more", lang=lang, count=len(self.issues) - limit))
        return "\n".join(lines)


def _fail(where: str, key: str, **args) -> ImportFileError:
    return ImportFileError([Issue(where, key, args)])


# --- reading -------------------------------------------------------------------

def read(path: Path, *, max_bytes: int = MAX_BYTES) -> dict:
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise _fail("", "not_a_file", path=str(path))
        if size > max_bytes:
            raise _fail("", "too_big", size=_mb(size), limit=_mb(max_bytes))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _fail("", "missing", path=str(path)) from None
    except IsADirectoryError:
        raise _fail("", "not_a_file", path=str(path)) from None
    except PermissionError:
        raise _fail("", "unreadable", path=str(path)) from None
    return parse(raw, max_bytes=max_bytes)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def parse(raw: bytes | str, *, max_bytes: int = MAX_BYTES) -> dict:
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > max_bytes:
        raise _fail("", "too_big", size=_mb(len(raw)), limit=_mb(max_bytes))
    if not raw.strip():
        raise _fail("", "empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail("", "not_utf8", offset=exc.start) from None
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise _fail("", "bad_json", line=exc.lineno, column=exc.colno, detail=exc.msg) from None
    except RecursionError:
        raise _fail("", "too_deep", limit=MAX_DEPTH) from None
    except ValueError as exc:
        raise _fail("", "bad_json", line=0, column=0, detail=str(exc)[:200]) from None
    if not isinstance(doc, dict):
        raise _fail("", "not_object")
    if _depth(doc) > MAX_DEPTH:
        raise _fail("", "too_deep", limit=MAX_DEPTH)
    return doc


def _depth(value: Any) -> int:
    """Nesting depth of lists and objects (iterative: no recursion on hostile input)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                break
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item if isinstance(v, (dict, list)))
    return deepest


# --- validation ----------------------------------------------------------------

@dataclass
class PersonIn:
    key: str
    name: str
    department: str
    customer_type: str
    note: str
    archived: bool
    created_at: datetime | None


@dataclass
class EntryIn:
    index: int
    record: EntryRecord
    person_keys: list[str]
    marks: list[dict]  # [{key, done_at (datetime | None)}]


@dataclass
class Parsed:
    app_version: str
    exported_at: datetime | None
    entries: list[EntryIn]
    people: dict[str, PersonIn]
    tk_attempts: list[dict]
    prompts: dict | None = None  # the file's own prompts (custom.normalise form)
    wording_words: list[dict] = field(default_factory=list)
    tally: list[dict] = field(default_factory=list)  # {day, kind, count}


class _Checker:
    def __init__(self):
        self.issues: list[Issue] = []

    def add(self, where: str, key: str = "", text: Text | None = None, **args) -> None:
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(Issue(where, key, args, text))

    def objects(self, items: list, where: str):
        """(place, item) for every object of a list; anything else is reported."""
        for j, item in enumerate(items):
            place = f"{where}[{j}]"
            if isinstance(item, dict):
                yield place, item
            else:
                self.add(place, "not_object_item", found=_type_name(item))

    @property
    def full(self) -> bool:
        return len(self.issues) >= MAX_ISSUES

    # typed getters: return the value, or None after recording an issue
    def string(self, obj: dict, key: str, where: str, *, required: bool = True,
               max_len: int = MAX_STRING, default: str | None = "") -> str | None:
        if key not in obj or obj[key] is None:
            if required:
                self.add(f"{where}.{key}", "missing")
                return None
            return default
        value = obj[key]
        if not isinstance(value, str):
            self.add(f"{where}.{key}", "not_string", found=_type_name(value))
            return None
        if len(value) > max_len:
            self.add(f"{where}.{key}", "too_long", limit=max_len)
            return None
        return value

    def moment(self, obj: dict, key: str, where: str, *, required: bool = True) -> datetime | None:
        if key not in obj or obj[key] is None:
            if required:
                self.add(f"{where}.{key}", "missing")
            return None
        value = obj[key]
        parsed = parse_moment(value)
        if parsed is None:
            self.add(f"{where}.{key}", "bad_datetime", value=_short(value))
        return parsed

    def uuid(self, obj: dict, key: str, where: str, *, required: bool = True) -> str | None:
        value = self.string(obj, key, where, required=required, max_len=100, default=None)
        if value is None:
            return None
        if not UUID_RE.match(value):
            self.add(f"{where}.{key}", "bad_uuid", value=_short(value))
            return None
        return value.lower()

    def unique_uuid(self, obj: dict, where: str, seen: dict[str, str], place: str) -> str | None:
        """The item's uuid, reported when malformed or already used by an earlier item."""
        uuid = self.uuid(obj, "uuid", where)
        if uuid is not None:
            if uuid in seen:
                self.add(f"{where}.uuid", "duplicate_uuid", value=uuid, first=seen[uuid])
            else:
                seen[uuid] = place
        return uuid


def parse_moment(value: Any) -> datetime | None:
    """An ISO 8601 date-time WITH an offset (e.g. 2026-11-20T09:30:00+08:00), else None."""
    if not isinstance(value, str) or len(value) > 40 or "T" not in value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return None
    if not 1970 <= parsed.year <= 2200:
        return None
    return parsed


def _type_name(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "true/false", int: "number",
            float: "number", type(None): "null"}.get(type(value), type(value).__name__)


def _short(value: Any, limit: int = 40) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:limit + 1]
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _scalars_ok(value: Any) -> bool:
    """Fast pass without paths: every string storable, every number finite."""
    stack = [value]
    pop, push, isfinite = stack.pop, stack.append, math.isfinite
    while stack:
        item = pop()
        t = type(item)
        if t is str:
            if "\x00" in item or len(item) > MAX_STRING or not item.isprintable() and _bad_text(item):
                return False
        elif t is dict:
            for k, v in item.items():
                if "\x00" in k or not k.isprintable() and _bad_text(k):
                    return False
                push(v)
        elif t is list:
            stack.extend(item)
        elif t is float and not isfinite(item):
            return False
    return True


def _bad_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _walk_scalars(value: Any, where: str, check: _Checker) -> None:
    """Strings that SQLite or a document cannot hold faithfully; non-finite numbers."""
    if _scalars_ok(value):
        return
    stack = [(value, where)]
    while stack and not check.full:
        item, path = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                check.add(path, "nul")
            else:
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    check.add(path, "bad_unicode")
            if len(item) > MAX_STRING:
                check.add(path, "too_long", limit=MAX_STRING)
        elif isinstance(item, float) and not math.isfinite(item):
            check.add(path, "not_finite")
        elif isinstance(item, dict):
            for k, v in item.items():
                stack.append((k, f"{path}.{k}" if path else k))
                stack.append((v, f"{path}.{k}" if path else k))
        elif isinstance(item, list):
            for i, v in enumerate(item):
                stack.append((v, f"{path}[{i}]"))


def _data_path(field_path: str) -> str:
    """'emotions.0.after' -> 'emotions[0].after'."""
    out = ""
    for part in field_path.split("."):
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out


def validate(doc: dict) -> Parsed:
    """Check a whole document; raise ImportFileError listing every problem found.

    Entries are checked against the forms as they will be after the import:
    the open diary's own prompts with the file's folded in, so an entry using
    the writer's own emotion or question is valid."""
    check = _Checker()
    fmt = doc.get("format")
    if fmt != FORMAT:
        raise _fail("format", "wrong_format", found=_short(fmt) if fmt is not None else "—",
                    expected=FORMAT)
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _fail("version", "bad_version", found=_short(version))
    if version > VERSION:
        raise _fail("version", "newer_version", found=version, supported=VERSION)
    app_version = check.string(doc, "app_version", "", required=False, max_len=50) or ""
    exported_at = check.moment(doc, "exported_at", "", required=False)
    _walk_scalars(doc, "", check)
    for name in ("entries", "people", "tk_attempts", "wording_words", "tally"):
        if name in doc and not isinstance(doc[name], list):
            check.add(name, "not_array", found=_type_name(doc[name]))
    if "prompts" in doc and not isinstance(doc["prompts"], dict):
        check.add("prompts", "not_object", found=_type_name(doc["prompts"]))
    if "entries" not in doc:
        check.add("entries", "missing")
    if check.issues:
        raise ImportFileError(_fix_paths(check.issues))
    if len(doc["entries"]) > MAX_ENTRIES:
        raise _fail("entries", "too_many", count=len(doc["entries"]), limit=MAX_ENTRIES)

    prompts = _validate_prompts(doc["prompts"], check) if "prompts" in doc else None
    words = _validate_wording(doc.get("wording_words") or [], check)
    counts = _validate_tally(doc.get("tally") or [], check)
    people = _validate_people(doc.get("people") or [], check)
    if check.issues:  # the forms depend on the prompts: check them first
        raise ImportFileError(_fix_paths(check.issues))
    local = custom.load()
    specs = custom.customised_specs(custom.merge(local, prompts) if prompts else local)
    entries = _validate_entries(doc["entries"], people, check, specs)
    tk = _validate_tk(doc.get("tk_attempts") or [], check)
    if check.issues:
        raise ImportFileError(_fix_paths(check.issues))
    return Parsed(app_version, exported_at, entries, people, tk, prompts, words, counts)


def _validate_prompts(obj: dict, check: _Checker) -> dict:
    """The file's own prompts: every malformed part is reported, none dropped silently."""
    vocab = obj.get("vocabularies", {})
    if not isinstance(vocab, dict):
        check.add("prompts.vocabularies", "not_object", found=_type_name(vocab))
        vocab = {}
    for name, part in vocab.items():
        where = f"prompts.vocabularies.{name}"
        if name not in custom.VOCABULARIES:
            check.add(where, "bad_choice", value=_short(name), allowed=", ".join(custom.VOCABULARIES))
            continue
        if not isinstance(part, dict):
            check.add(where, "not_object", found=_type_name(part))
            continue
        builtin = {c.key for c in custom._builtin(name)}
        added = part.get("added", [])
        if not isinstance(added, list):
            check.add(f"{where}.added", "not_array", found=_type_name(added))
            added = []
        keys = set()
        for place, item in check.objects(added, f"{where}.added"):
            _check_prompt(item, place, "my-", custom.MAX_LABEL, check)
            keys.add(item.get("key"))
        hidden = part.get("hidden", [])
        if not isinstance(hidden, list):
            check.add(f"{where}.hidden", "not_array", found=_type_name(hidden))
            hidden = []
        for j, key in enumerate(hidden):
            if not isinstance(key, str) or (key not in builtin and key not in keys):
                check.add(f"{where}.hidden[{j}]", "unknown_item", value=_short(key))
    questions = obj.get("questions", {})
    if not isinstance(questions, dict):
        check.add("prompts.questions", "not_object", found=_type_name(questions))
        questions = {}
    tools = registry()
    for tool, items in questions.items():
        where = f"prompts.questions.{tool}"
        if tool not in tools:
            check.add(where, "unknown_tool", value=_short(tool), known=", ".join(tools))
            continue
        if not isinstance(items, list):
            check.add(where, "not_array", found=_type_name(items))
            continue
        for place, item in check.objects(items, where):
            _check_prompt(item, place, "my_q_", custom.MAX_QUESTION, check)
            if not isinstance(item.get("retired", False), bool):
                check.add(f"{place}.retired", "not_bool", found=_type_name(item["retired"]))
    return custom.normalise(obj)


def _check_prompt(item: dict, where: str, prefix: str, max_len: int, check: _Checker) -> None:
    key = check.string(item, "key", where, max_len=100)
    if key is not None and not (key.startswith(prefix) and PROMPT_KEY_RE.match(key)):
        check.add(f"{where}.key", "bad_prompt_key", value=_short(key), prefix=prefix)
    label = check.string(item, "label", where, max_len=max_len)
    if label is not None and not label.strip():
        check.add(f"{where}.label", "missing")


def _validate_tally(items: list, check: _Checker) -> list[dict]:
    from ..store import tally

    out = []
    for where, item in check.objects(items, "tally"):
        day = item.get("day")
        try:
            ok_day = isinstance(day, str) and date.fromisoformat(day).isoformat() == day
        except ValueError:
            ok_day = False
        if not ok_day:
            check.add(f"{where}.day", "bad_date", value=_short(day))
        kind = item.get("kind")
        if kind not in tally.KINDS:
            check.add(f"{where}.kind", "bad_choice", value=_short(kind), allowed=", ".join(tally.KINDS))
        count = item.get("count")
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_TALLY:
            check.add(f"{where}.count", "out_of_range", value=_short(count), lo=0, hi=MAX_TALLY)
        elif ok_day and kind in tally.KINDS:
            out.append({"day": day, "kind": kind, "count": count})
    return out


def _validate_wording(items: list, check: _Checker) -> list[dict]:
    for where, item in check.objects(items, "wording_words"):
        word = check.string(item, "word", where, max_len=wording.MAX_WORD)
        if word is not None and not word.strip():
            check.add(f"{where}.word", "missing")
        if item.get("kind") not in wording.KINDS:
            check.add(f"{where}.kind", "bad_choice", value=_short(item.get("kind")),
                      allowed=", ".join(wording.KINDS))
        check.string(item, "suggestion", where, required=False, max_len=wording.MAX_SUGGESTION)
    return wording.clean_custom(items)


def _fix_paths(issues: list[Issue]) -> list[Issue]:
    for issue in issues:
        issue.where = issue.where.lstrip(".")
    return issues


def _validate_people(items: list, check: _Checker) -> dict[str, PersonIn]:
    people: dict[str, PersonIn] = {}
    for i, obj in enumerate(items):
        where = f"people[{i}]"
        if not isinstance(obj, dict):
            check.add(where, "not_object_item", found=_type_name(obj))
            continue
        key = check.string(obj, "key", where, max_len=40)
        if key is not None and not PERSON_KEY_RE.match(key):
            check.add(f"{where}.key", "bad_key", value=_short(key))
            key = None
        if key is not None and key in people:
            check.add(f"{where}.key", "duplicate_person", value=key)
        name = check.string(obj, "name", where, max_len=200)
        if name is not None and not name.strip():
            check.add(f"{where}.name", "missing")
            name = None
        department = check.string(obj, "department", where, required=False, max_len=200)
        ctype = check.string(obj, "customer_type", where, required=False, max_len=20)
        if ctype and ctype not in CUSTOMER_TYPES:
            check.add(f"{where}.customer_type", "bad_choice", value=_short(ctype),
                      allowed=", ".join(CUSTOMER_TYPES))
        note = check.string(obj, "note", where, required=False)
        archived = obj.get("archived", False)
        if not isinstance(archived, bool):
            check.add(f"{where}.archived", "not_bool", found=_type_name(archived))
        created = check.moment(obj, "created_at", where, required=False)
        if key and name is not None and key not in people:
            people[key] = PersonIn(key, name, department or "", ctype or "", note or "",
                                   bool(archived), created)
    return people


def _validate_entries(items: list, people: dict[str, PersonIn], check: _Checker,
                      tools: dict) -> list[EntryIn]:
    out: list[EntryIn] = []
    seen: dict[str, str] = {}
    for i, obj in enumerate(items):
        if check.full:
            break
        where = f"entries[{i}]"
        if not isinstance(obj, dict):
            check.add(where, "not_object_item", found=_type_name(obj))
            continue
        before = len(check.issues)
        uuid = check.unique_uuid(obj, where, seen, f"entries[{i}]")
        tool_key = check.string(obj, "tool", where, max_len=100)
        spec = None
        if tool_key is not None:
            spec = tools.get(tool_key)
            if spec is None:
                check.add(f"{where}.tool", "unknown_tool", value=_short(tool_key),
                          known=", ".join(tools))
        spec_version = obj.get("spec_version", 1)
        if isinstance(spec_version, bool) or not isinstance(spec_version, int) or spec_version < 1:
            check.add(f"{where}.spec_version", "bad_int", found=_short(spec_version))
            spec_version = None
        elif spec is not None and spec_version > spec.version:
            check.add(f"{where}.spec_version", "newer_spec", found=spec_version,
                      supported=spec.version, tool=tool_key)
        status = obj.get("status", "draft")
        if status not in STATUSES:
            check.add(f"{where}.status", "bad_choice", value=_short(status), allowed=", ".join(STATUSES))
        created = check.moment(obj, "created_at", where)
        updated = check.moment(obj, "updated_at", where)
        deleted = check.moment(obj, "deleted_at", where, required=False)
        title = check.string(obj, "title", where, required=False, max_len=MAX_TITLE)
        tags = obj.get("tags", [])
        if not isinstance(tags, list):
            check.add(f"{where}.tags", "not_array", found=_type_name(tags))
            tags = []
        elif len(tags) > MAX_TAGS:
            check.add(f"{where}.tags", "too_many", count=len(tags), limit=MAX_TAGS)
        for j, tag in enumerate(tags):
            if not isinstance(tag, str):
                check.add(f"{where}.tags[{j}]", "not_string", found=_type_name(tag))
            elif len(tag) > MAX_TAG:
                check.add(f"{where}.tags[{j}]", "too_long", limit=MAX_TAG)
        person_keys = obj.get("people", [])
        if not isinstance(person_keys, list):
            check.add(f"{where}.people", "not_array", found=_type_name(person_keys))
            person_keys = []
        for j, key in enumerate(person_keys):
            if not isinstance(key, str) or key not in people:
                check.add(f"{where}.people[{j}]", "unknown_person", value=_short(key))
        follows = obj.get("follows")
        if follows is not None:
            follows = check.uuid(obj, "follows", where)
        marks = []
        raw_marks = obj.get("followups", [])
        if not isinstance(raw_marks, list):
            check.add(f"{where}.followups", "not_array", found=_type_name(raw_marks))
            raw_marks = []
        for mw, m in check.objects(raw_marks, f"{where}.followups"):
            key = check.string(m, "key", mw, max_len=200)
            done = check.moment(m, "done_at", mw, required=False)
            if key is not None:
                marks.append({"key": key, "done_at": done})
        data = obj.get("data")
        if not isinstance(data, dict):
            check.add(f"{where}.data", "missing" if data is None else "not_object",
                      found=_type_name(data))
            data = None
        elif spec is not None and status in STATUSES:
            try:
                problems = spec.validate(data, complete=(status == "complete"))
            except Exception as exc:  # a tool's rule choked on odd data: report, never crash
                problems = []
                check.add(f"{where}.data", "uncheckable", detail=type(exc).__name__)
            for p in problems:
                check.add(f"{where}.data.{_data_path(p.field)}", text=p.message)
        if len(check.issues) == before:
            rec = EntryRecord(uuid=uuid, tool=tool_key, data=data, status=status, title=title or "",
                              spec_version=spec_version, tags=list(tags), people=[],
                              created_at=created, updated_at=updated, deleted_at=deleted,
                              follows=follows)
            out.append(EntryIn(i, rec, list(dict.fromkeys(person_keys)), marks))
    return out


def _validate_tk(items: list, check: _Checker) -> list[dict]:
    out = []
    seen: dict[str, str] = {}
    for i, obj in enumerate(items):
        where = f"tk_attempts[{i}]"
        if not isinstance(obj, dict):
            check.add(where, "not_object_item", found=_type_name(obj))
            continue
        before = len(check.issues)
        uuid = check.unique_uuid(obj, where, seen, where)
        started = check.moment(obj, "started_at", where)
        finished = check.moment(obj, "finished_at", where, required=False)
        order = obj.get("order", [])
        if not isinstance(order, list):
            check.add(f"{where}.order", "not_array", found=_type_name(order))
        answers = obj.get("answers", {})
        if not isinstance(answers, dict) or not all(isinstance(v, str) for v in answers.values()):
            check.add(f"{where}.answers", "not_object", found=_type_name(answers))
        scores = obj.get("scores", {})
        if not isinstance(scores, dict):
            check.add(f"{where}.scores", "not_object", found=_type_name(scores))
        else:
            for mode, score in scores.items():
                if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 12:
                    check.add(f"{where}.scores.{mode}", "out_of_range", value=_short(score), lo=0, hi=12)
        if len(check.issues) == before:
            detail = _tk_semantics(obj)
            if detail:
                check.add(where, "tk_invalid", detail=detail[:200])
                continue
            out.append({"uuid": uuid, "started_at": started, "finished_at": finished,
                        "order": order, "answers": answers, "scores": scores})
    return out


def _tk_semantics(obj: dict) -> str | None:
    """The TK tool's own checks (valid order, answers that score, matching scores)."""
    try:
        from ..store.tk import AttemptError, validate_attempt
    except ImportError:  # pragma: no cover - a build without the TK tool
        return None
    try:
        validate_attempt(obj)
    except AttemptError as exc:
        return str(exc)
    return None


# --- preview -------------------------------------------------------------------

NEW, UPDATED, UNCHANGED, CONFLICT = "new", "updated", "unchanged", "conflict"


@dataclass
class PlanItem:
    entry: EntryIn
    state: str
    local_updated_at: datetime | None = None

    @property
    def record(self) -> EntryRecord:
        return self.entry.record


@dataclass
class Plan:
    parsed: Parsed
    items: list[PlanItem]
    tk_new: list[dict]
    tk_unchanged: int
    tk_conflicts: list[dict]
    # settings the import writes (own prompts, wording words): key -> new value
    settings: dict[str, Any] = field(default_factory=dict)
    prompt_changes: dict[str, int] = field(default_factory=dict)  # custom.changes()
    words_added: int = 0
    tally_raises: list[dict] = field(default_factory=list)  # counts higher than the diary's

    def count(self, state: str) -> int:
        return sum(1 for item in self.items if item.state == state)

    def counts(self) -> dict[str, int]:
        return {s: self.count(s) for s in (NEW, UPDATED, UNCHANGED, CONFLICT)}

    @property
    def changes_anything(self) -> bool:
        return any(item.state != UNCHANGED for item in self.items) or bool(self.tk_new) \
            or bool(self.tk_conflicts) or bool(self.settings) or bool(self.tally_raises)


def _canon_marks(marks: list[dict]) -> list[tuple[str, str | None]]:
    return sorted((m["key"], iso(m["done_at"])) for m in marks)


def _canon_local(rec: EntryRecord, names: dict[int, tuple[str, str]], marks: list[dict]) -> tuple:
    return (rec.tool, rec.spec_version, rec.status, iso(rec.created_at), iso(rec.updated_at),
            iso(rec.deleted_at), rec.title, sorted(tag_key(t) for t in rec.tags),
            sorted(names.get(p, ("", "")) for p in rec.people), rec.follows,
            json.dumps(rec.data, sort_keys=True, ensure_ascii=False),
            [m for m in _canon_marks(marks) if m[1]])


def _canon_file(e: EntryIn, people: dict[str, PersonIn]) -> tuple:
    rec = e.record
    names = sorted(transfer._person_match_key(people[k].name, people[k].department)
                   for k in e.person_keys)
    return (rec.tool, rec.spec_version, rec.status, iso(rec.created_at), iso(rec.updated_at),
            iso(rec.deleted_at), rec.title, sorted(tag_key(t) for t in rec.tags if t.strip()),
            names, rec.follows, json.dumps(rec.data, sort_keys=True, ensure_ascii=False),
            [m for m in _canon_marks(e.marks) if m[1]])


def plan(parsed: Parsed) -> Plan:
    uuids = [e.record.uuid for e in parsed.entries]
    local = {r.uuid: r for r in transfer.select_entries(uuids=uuids, include_deleted=True)} \
        if transfer.existing_uuids(uuids) else {}
    local_marks = transfer.followup_marks(list(local)) if local else {}
    names = {p.id: transfer._person_match_key(p.name, p.department)
             for p in transfer.people_rows({p for r in local.values() for p in r.people})}
    items = []
    for e in parsed.entries:
        mine = local.get(e.record.uuid)
        if mine is None:
            items.append(PlanItem(e, NEW))
            continue
        if _canon_local(mine, names, local_marks.get(mine.uuid, [])) == _canon_file(e, parsed.people):
            items.append(PlanItem(e, UNCHANGED, mine.updated_at))
        elif mine.tool == e.record.tool and e.record.updated_at > mine.updated_at:
            items.append(PlanItem(e, UPDATED, mine.updated_at))
        else:
            items.append(PlanItem(e, CONFLICT, mine.updated_at))
    tk_local = transfer.tk_attempts_by_uuid([t["uuid"] for t in parsed.tk_attempts])
    tk_new, tk_conflicts, tk_same = [], [], 0
    for t in parsed.tk_attempts:
        mine = tk_local.get(t["uuid"])
        if mine is None:
            tk_new.append(t)
        elif _canon_tk(mine) == _canon_tk(t):
            tk_same += 1
        else:
            tk_conflicts.append(t)
    the_plan = Plan(parsed, items, tk_new, tk_same, tk_conflicts)
    _plan_settings(the_plan)
    if parsed.tally:
        from ..store import tally

        the_plan.tally_raises = tally.raises(parsed.tally)
    return the_plan


def summary_lines(the_plan: Plan, lang: str | None = None) -> list[str]:
    """The preview's counts, for the CLI and the import dialog."""
    lines = [i18n.tr("import.preview", lang=lang, **the_plan.counts())]
    if the_plan.tk_new or the_plan.tk_conflicts:
        lines.append(i18n.tr("import.preview_tk", lang=lang, new=len(the_plan.tk_new),
                             conflict=len(the_plan.tk_conflicts)))
    c = the_plan.prompt_changes
    if the_plan.settings:
        lines.append(i18n.tr("import.preview_prompts", lang=lang, items=c.get("items", 0),
                             questions=c.get("questions", 0), hidden=c.get("hidden", 0),
                             words=the_plan.words_added))
    if the_plan.tally_raises:
        lines.append(i18n.tr("import.preview_tally", lang=lang,
                             days=len({r["day"] for r in the_plan.tally_raises})))
    return lines


def _plan_settings(the_plan: Plan) -> None:
    """Own prompts and wording words: what the file adds to the diary's."""
    from ..store import settings

    parsed = the_plan.parsed
    if parsed.prompts is not None:
        local = custom.load()
        merged = custom.merge(local, parsed.prompts)
        if merged != local:
            the_plan.settings[custom.SETTING] = merged
            the_plan.prompt_changes = custom.changes(local, merged)
    if parsed.wording_words:
        words, added = wording.merge_custom(settings.get(wording.SETTING), parsed.wording_words)
        if added:
            the_plan.settings[wording.SETTING] = words
            the_plan.words_added = added


def _canon_tk(t: dict) -> tuple:
    return (iso(t["started_at"]), iso(t["finished_at"]), json.dumps(t["order"]),
            json.dumps(t["answers"], sort_keys=True), json.dumps(t["scores"], sort_keys=True))


# --- applying ------------------------------------------------------------------

@dataclass
class Result:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    copies: int = 0
    skipped: int = 0
    tk_added: int = 0
    prompts_added: int = 0  # own emotions, patterns and questions
    words_added: int = 0  # own wording-check words
    backup: Path | None = None


def apply(the_plan: Plan, *, resolution: str = "copy",
          backup: Callable[[], Path | None] | None = None,
          progress: Callable[[int, int], None] | None = None,
          cancelled: Callable[[], bool] | None = None) -> Result:
    """Back up, then write the plan in ONE transaction. ``resolution`` decides conflicts:
    ``copy`` keeps both (the file's version gets a new uuid and the tag import-conflict),
    ``skip`` keeps the local entry, ``overwrite`` takes the file's version."""
    if resolution not in RESOLUTIONS:
        raise ValueError(resolution)
    result = Result()
    if cancelled and cancelled():
        raise Cancelled()
    if not the_plan.changes_anything:
        result.unchanged = the_plan.count(UNCHANGED)
        return result
    result.backup = backup() if backup else None
    people = the_plan.parsed.people
    # people named by entries that are written, and people no entry names (a full export)
    referenced = {k for e in the_plan.parsed.entries for k in e.person_keys}
    needed = {k for item in the_plan.items if item.state != UNCHANGED for k in item.entry.person_keys}
    people_in = [transfer.PersonIn(p.key, p.name, p.department, p.customer_type, p.note,
                                   p.archived, p.created_at)
                 for k, p in people.items() if k in needed or k not in referenced]
    entries_in: list[transfer.EntryIn] = []
    for item in the_plan.items:
        rec = item.record
        if item.state == UNCHANGED:
            result.unchanged += 1
            continue
        if item.state == NEW:
            entries_in.append(transfer.EntryIn(rec, item.entry.person_keys, item.entry.marks))
            result.added += 1
        elif item.state == UPDATED or (item.state == CONFLICT and resolution == "overwrite"):
            entries_in.append(transfer.EntryIn(rec, item.entry.person_keys, item.entry.marks,
                                               replace=True))
            result.updated += 1
        elif resolution == "skip":
            result.skipped += 1
        else:
            copy = EntryRecord(**{**rec.__dict__, "uuid": str(uuidlib.uuid4()),
                                  "tags": [*rec.tags, CONFLICT_TAG]})
            entries_in.append(transfer.EntryIn(copy, item.entry.person_keys, item.entry.marks))
            result.copies += 1
    tk_in = list(the_plan.tk_new)
    for t in the_plan.tk_conflicts:
        if resolution == "copy":
            tk_in.append({**t, "uuid": str(uuidlib.uuid4())})
    result.tk_added = len(tk_in)

    def report(done: int, total: int) -> None:
        if cancelled and cancelled():
            raise Cancelled()  # inside the transaction: everything rolls back
        if progress:
            progress(done, total)

    transfer.apply_import(people_in, entries_in, tk_in, progress=report,
                          settings=the_plan.settings, tally=the_plan.tally_raises)
    result.prompts_added = the_plan.prompt_changes.get("items", 0) + \
        the_plan.prompt_changes.get("questions", 0)
    result.words_added = the_plan.words_added
    return result
