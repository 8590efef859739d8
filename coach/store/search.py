"""Finding entries again: filters plus full-text search, for the Journal and the CLI.

The search box takes plain words, never SQL or FTS syntax. The query is split
on white space and every word must occur (as a substring, case-insensitive
for English). Words of three or more characters go through the FTS5 trigram
index (``entry_fts``); shorter words (Chinese 部门, English "HR") cannot be
found by a trigram index - it returns no rows rather than an error - so they
use ``LIKE`` on ``entry.search_text`` with the wildcards escaped.

Trashed entries are left out unless the trash itself is listed.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timezone
from typing import Any, Iterable

from ..tools import registry
from .models import Entry, db

FTS_MIN = 3  # the trigram tokenizer needs at least three characters
SEP = "\x1f"


def words(query: str) -> list[str]:
    """The words of a query, de-duplicated without regard to case, in order."""
    out: list[str] = []
    seen: set[str] = set()
    for w in (query or "").split():
        key = w.casefold()
        if key not in seen:
            seen.add(key)
            out.append(w)
    return out


def fts_phrase(word: str) -> str:
    """``word`` as an FTS5 string literal: its characters are never syntax."""
    return '"' + word.replace('"', '""') + '"'


def like_pattern(word: str) -> str:
    """``%word%`` for ``LIKE … ESCAPE '\\'`` with the wildcards of ``word`` escaped."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def match_clause(query: str) -> tuple[list[str], list[Any]]:
    """SQL conditions (on alias ``e``) and parameters that select entries matching ``query``."""
    conds: list[str] = []
    params: list[Any] = []
    long_words = [w for w in words(query) if len(w) >= FTS_MIN]
    short_words = [w for w in words(query) if len(w) < FTS_MIN]
    if long_words:
        conds.append("e.id IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?)")
        params.append(" AND ".join(fts_phrase(w) for w in long_words))
    for w in short_words:
        conds.append("e.search_text LIKE ? ESCAPE '\\'")
        params.append(like_pattern(w))
    return conds, params


# --- the journal's list ------------------------------------------------------------

@dataclass
class Filter:
    """What the Journal shows. Dates are local calendar days, both inclusive."""

    query: str = ""
    tool: str | None = None
    tag: str | None = None
    person: int | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None
    trash: bool = False  # list the trash instead of the live entries

    def to_dict(self) -> dict:
        out = asdict(self)
        out["since"] = self.since.isoformat() if self.since else None
        out["until"] = self.until.isoformat() if self.until else None
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "Filter":
        values = {k: data.get(k) for k in cls.__dataclass_fields__ if k in data}
        for key in ("since", "until"):
            if isinstance(values.get(key), str):
                values[key] = date.fromisoformat(values[key])
        return cls(**values)


@dataclass(slots=True)
class Row:
    """One line of the Journal (light: no answers, no search text)."""

    id: int
    uuid: str
    tool: str
    title: str
    status: str
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None
    tags: list[str] = field(default_factory=list)
    people: list[int] = field(default_factory=list)


def _local_day_start(d: date) -> str:
    local = datetime.combine(d, time.min).astimezone()
    return local.astimezone(timezone.utc).isoformat(timespec="microseconds")


_title_sql_cache: tuple[tuple[str, ...], str] | None = None


def _title_sql() -> str:
    """SQL for an entry's display title, mirroring ``ToolSpec.title_of``.

    Built from the tool specs, so a new tool needs nothing here.
    """
    global _title_sql_cache
    tools = registry()
    signature = tuple(tools)
    if _title_sql_cache and _title_sql_cache[0] == signature:
        return _title_sql_cache[1]
    cases = []
    for key, spec in tools.items():
        candidates = [spec.title_field] if spec.title_field else []
        candidates += [f.key for f in spec.all_fields() if f.kind in ("text", "longtext")]
        seen: list[str] = []
        for c in candidates:
            if c and c not in seen and c.replace("_", "").isalnum():
                seen.append(c)
        if not seen:
            continue
        parts = [f"CASE WHEN json_type(e.data, '$.{c}') = 'text' "
                 f"THEN NULLIF(trim(json_extract(e.data, '$.{c}')), '') END" for c in seen]
        key_sql = key.replace("'", "''")
        cases.append(f"WHEN '{key_sql}' THEN COALESCE({', '.join(parts)}, NULL)")
    derived = f"CASE e.tool {' '.join(cases)} END" if cases else "NULL"
    sql = f"COALESCE(NULLIF(trim(e.title), ''), {derived}, '')"
    _title_sql_cache = (signature, sql)
    return sql


def _clean_title(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _parse_dt(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def find(flt: Filter | None = None, *, limit: int | None = None) -> list[Row]:
    """Entries matching ``flt``, newest first."""
    flt = flt or Filter()
    conds = ["e.deleted_at IS NOT NULL" if flt.trash else "e.deleted_at IS NULL"]
    params: list[Any] = []
    if flt.tool:
        conds.append("e.tool = ?")
        params.append(flt.tool)
    if flt.status:
        conds.append("e.status = ?")
        params.append(flt.status)
    if flt.since:
        conds.append("e.created_at >= ?")
        params.append(_local_day_start(flt.since))
    if flt.until:
        conds.append("e.created_at < ?")
        params.append(_local_day_start(date.fromordinal(flt.until.toordinal() + 1)))
    if flt.tag:
        conds.append("e.id IN (SELECT et.entry_id FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
                     " WHERE t.name = ? COLLATE NOCASE)")
        params.append(flt.tag)
    if flt.person is not None:
        conds.append("e.id IN (SELECT entry_id FROM entry_person WHERE person_id = ?)")
        params.append(flt.person)
    if flt.query:
        more, more_params = match_clause(flt.query)
        conds += more
        params += more_params
    narrow = bool(flt.query or flt.tool or flt.tag or flt.person is not None or flt.status
                  or flt.since or flt.until or limit or flt.trash)
    if narrow:  # few rows: look their tags and people up row by row
        extra = (" (SELECT group_concat(t.name, char(31)) FROM entry_tag et"
                 "  JOIN tag t ON t.id = et.tag_id WHERE et.entry_id = e.id),"
                 " (SELECT group_concat(ep.person_id) FROM entry_person ep"
                 "  WHERE ep.entry_id = e.id)")
    else:  # the whole list: two bulk reads are cheaper than 20,000 sub-queries
        extra = " NULL, NULL"
    sql = (
        f"SELECT e.id, e.uuid, e.tool, {_title_sql()}, e.status, e.created_at, e.updated_at,"
        f" e.deleted_at, {extra}"
        f" FROM entry e WHERE {' AND '.join(conds)}"
        f" ORDER BY {'e.deleted_at' if flt.trash else 'e.created_at'} DESC, e.id DESC"
    )
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    tag_map: dict[int, list[str]] = {}
    people_map: dict[int, list[int]] = {}
    if not narrow:  # (links of trashed entries come too and are simply not asked for)
        for eid, name in db.execute_sql(
                "SELECT et.entry_id, t.name FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
                ).fetchall():
            tag_map.setdefault(eid, []).append(name)
        for eid, pid in db.execute_sql("SELECT entry_id, person_id FROM entry_person").fetchall():
            people_map.setdefault(eid, []).append(pid)
    rows = []
    parse = _parse_dt
    fromiso = datetime.fromisoformat  # stored by UtcDateTimeField: always with "+00:00"
    for (eid, uuid, tool, title, status, created, updated, deleted, tags,
         people) in db.execute_sql(sql, params).fetchall():
        if title and (len(title) > 60 or not title.isprintable() or "  " in title):
            title = _clean_title(title)
        if narrow:
            tag_list = tags.split(SEP) if tags else []
            person_list = [int(p) for p in people.split(",")] if people else []
        else:
            tag_list = tag_map.get(eid, [])
            person_list = people_map.get(eid, [])
        if len(tag_list) > 1:
            tag_list.sort(key=str.casefold)
        if len(person_list) > 1:
            person_list.sort()
        try:
            stamps = (fromiso(created), fromiso(updated))
            if stamps[0].tzinfo is None or stamps[1].tzinfo is None:
                raise ValueError
        except (TypeError, ValueError):
            stamps = (parse(created), parse(updated))
        rows.append(Row(eid, uuid, tool, title or "", status, stamps[0], stamps[1],
                        parse(deleted) if deleted else None, tag_list, person_list))
    return rows


def matching_ids(query: str, *, trash: bool = False) -> set[int]:
    """Ids of the entries matching ``query`` (live ones, or the trash): the search itself."""
    conds, params = match_clause(query)
    if not conds:
        return set()
    where = "e.deleted_at IS NOT NULL" if trash else "e.deleted_at IS NULL"
    sql = f"SELECT e.id FROM entry e WHERE {where} AND {' AND '.join(conds)}"
    return {r[0] for r in db.execute_sql(sql, params).fetchall()}


def filter_rows(rows: Iterable[Row], flt: Filter, match: set[int] | None = None) -> list[Row]:
    """The rows of ``find(Filter(trash=…))`` that ``flt`` keeps, without asking the database.

    ``match`` is ``matching_ids(flt.query)``; the Journal loads the list once and
    narrows it in memory as the user types, so only the search itself hits SQL.
    """
    if flt.query and words(flt.query) and match is None:
        match = matching_ids(flt.query, trash=flt.trash)
    tag = flt.tag.casefold() if flt.tag else None
    start = _local_day_start(flt.since) if flt.since else None
    end = (_local_day_start(date.fromordinal(flt.until.toordinal() + 1))
           if flt.until else None)
    out = []
    for r in rows:
        if flt.tool and r.tool != flt.tool:
            continue
        if flt.status and r.status != flt.status:
            continue
        if flt.person is not None and flt.person not in r.people:
            continue
        if tag and not any(t.casefold() == tag for t in r.tags):
            continue
        if start or end:
            stamp = r.created_at.astimezone(timezone.utc).isoformat(timespec="microseconds")
            if (start and stamp < start) or (end and stamp >= end):
                continue
        if match is not None and flt.query and words(flt.query) and r.id not in match:
            continue
        out.append(r)
    return out


def count_matches(query: str) -> int:
    """How many live entries match ``query`` (the bare search, no other filter)."""
    conds, params = match_clause(query)
    if not conds:
        return 0
    sql = f"SELECT COUNT(*) FROM entry e WHERE e.deleted_at IS NULL AND {' AND '.join(conds)}"
    return db.execute_sql(sql, params).fetchone()[0]


def matching_uuids(query: str) -> list[str]:
    """uuids of the live entries matching ``query``, newest first."""
    return [r.uuid for r in find(Filter(query=query))]


# --- snippets -------------------------------------------------------------------------

def match_spans(text: str, query: str | Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of the query's words in ``text``, merged."""
    ws = words(query) if isinstance(query, str) else list(query)
    folded = text.casefold()
    spans = []
    for w in ws:
        needle = w.casefold()
        if not needle:
            continue
        start = folded.find(needle)
        while start >= 0:
            spans.append((start, start + len(needle)))
            start = folded.find(needle, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def make_snippet(text: str, query: str, width: int = 80) -> str:
    """A one-line excerpt of ``text`` around the first match of ``query``."""
    flat = " ".join(text.split())
    spans = match_spans(flat, query)
    if not spans:
        return flat[:width] + ("…" if len(flat) > width else "")
    first = spans[0][0]
    start = max(0, first - min(16, width // 4))
    end = min(len(flat), start + width)
    start = max(0, min(start, end - width))
    return ("…" if start > 0 else "") + flat[start:end] + ("…" if end < len(flat) else "")


def snippets(ids: Iterable[int], query: str, width: int = 80) -> dict[int, str]:
    """Excerpts around the first match for each entry id (the Journal asks for visible rows)."""
    ids = [int(i) for i in ids]
    if not ids or not words(query):
        return {}
    out = {}
    marks = ",".join("?" * len(ids))
    for eid, text in db.execute_sql(
            f"SELECT id, search_text FROM entry WHERE id IN ({marks})", ids).fetchall():
        out[eid] = make_snippet(text or "", query, width)
    return out


@dataclass
class Hit:
    uuid: str
    tool: str
    title: str
    created_at: datetime
    snippet: str

    def to_json(self) -> dict:
        return {"uuid": self.uuid, "tool": self.tool, "title": self.title,
                "created_at": self.created_at.isoformat(), "snippet": self.snippet}


def search(query: str, *, limit: int | None = None) -> list[Hit]:
    """The live entries matching ``query`` with an excerpt around the match, newest first."""
    if not words(query):
        return []
    rows = find(Filter(query=query), limit=limit)
    snips = snippets([r.id for r in rows], query)
    return [Hit(r.uuid, r.tool, r.title, r.created_at, snips.get(r.id, "")) for r in rows]


def index_is_consistent() -> bool:
    """True when the FTS index agrees with entry.search_text (FTS5's own check)."""
    try:
        db.execute_sql("INSERT INTO entry_fts(entry_fts, rank) VALUES('integrity-check', 1)")
    except Exception:  # noqa: BLE001 - any failure means "not consistent"
        return False
    return True


def entry_id(uuid: str) -> int | None:
    row = Entry.select(Entry.id).where(Entry.uuid == uuid).first()
    return row.id if row else None
