"""Read-only queries behind the Progress dashboard and ``coach stats``.

Everything here reads completed, not deleted entries in bulk and lets SQLite
do the heavy part (local calendar days, grouping, pulling a few values out of
each entry's JSON in one parse), so the domain code can aggregate in one pass
over small tuples. Days are local calendar days (SQLite's ``localtime`` uses
the same zone as Python's ``datetime.astimezone()``).
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Iterator, Sequence

import peewee

from .models import Entry, TkAttempt, db

_LIVE = "status = 'complete' AND deleted_at IS NULL"


def _range_sql(since: datetime | None, until: datetime | None, column: str = "created_at"
               ) -> tuple[str, list]:
    sql, params = "", []
    if since is not None:
        sql += f" AND {column} >= ?"
        params.append(Entry.created_at.db_value(since))
    if until is not None:
        sql += f" AND {column} < ?"
        params.append(Entry.created_at.db_value(until))
    return sql, params


def day_counts(since: datetime | None = None, until: datetime | None = None
               ) -> list[tuple[str, str, int]]:
    """(tool, local day 'YYYY-MM-DD', number of completed entries), by tool and day."""
    where, params = _range_sql(since, until)
    sql = (f"SELECT tool, date(created_at, 'localtime') AS day, count(*) FROM entry "
           f"WHERE {_LIVE}{where} GROUP BY tool, day ORDER BY day")
    return [tuple(r) for r in db.execute_sql(sql, params).fetchall()]


def first_day() -> str | None:
    """The local day of the oldest completed entry, or None."""
    row = db.execute_sql(f"SELECT min(created_at) FROM entry WHERE {_LIVE}").fetchone()
    if not row or row[0] is None:
        return None
    return db.execute_sql("SELECT date(?, 'localtime')", (row[0],)).fetchone()[0]


def tool_values(tool: str, paths: Sequence[str], since: datetime | None = None,
                until: datetime | None = None) -> Iterator[tuple[int, str, list]]:
    """(entry id, local 'YYYY-MM-DD HH:MM:SS', [value of each JSON path]) per entry, oldest first.

    One JSON parse per entry in SQLite; the values come back as one small
    JSON array. A row whose JSON is damaged makes SQLite refuse the whole
    query, so that case falls back to parsing each row in Python and skipping
    the bad ones.
    """
    paths = list(paths) or ["$.__none__"]
    padded = paths + ["$.__none__"] if len(paths) == 1 else paths
    where, params = _range_sql(since, until)
    extract = ", ".join("?" for _ in padded)
    sql = (f"SELECT id, datetime(created_at, 'localtime'), json_extract(data, {extract}) "
           f"FROM entry WHERE tool = ? AND {_LIVE}{where} ORDER BY created_at")
    try:
        rows = db.execute_sql(sql, [*padded, tool, *params]).fetchall()
    except (sqlite3.OperationalError, peewee.OperationalError):
        yield from _tool_values_slow(tool, paths, where, params)
        return
    loads = json.loads
    n = len(paths)
    for entry_id, when, raw in rows:
        yield entry_id, when, loads(raw)[:n]


def _tool_values_slow(tool, paths, where, params):
    sql = (f"SELECT id, datetime(created_at, 'localtime'), data FROM entry "
           f"WHERE tool = ? AND {_LIVE}{where} ORDER BY created_at")
    for entry_id, when, raw in db.execute_sql(sql, [tool, *params]).fetchall():
        try:
            data = json.loads(raw)
        except (TypeError, ValueError):
            continue
        if isinstance(data, dict):
            yield entry_id, when, [_path_get(data, p) for p in paths]


def _path_get(data: dict, path: str):
    value = data
    for part in path.removeprefix("$.").split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def departments(tool: str, since: datetime | None = None, until: datetime | None = None
                ) -> dict[int, list[str]]:
    """Entry id -> departments of the people linked to it (non-empty ones)."""
    where, params = _range_sql(since, until, "e.created_at")
    sql = (f"SELECT ep.entry_id, p.department FROM entry_person ep "
           f"JOIN person p ON p.id = ep.person_id JOIN entry e ON e.id = ep.entry_id "
           f"WHERE e.tool = ? AND e.{_LIVE.replace(' AND ', ' AND e.')}{where} "
           f"AND p.department != ''")
    out: dict[int, list[str]] = {}
    for entry_id, dept in db.execute_sql(sql, [tool, *params]).fetchall():
        out.setdefault(entry_id, []).append(dept)
    return out


def finished_attempts(since: datetime | None = None, until: datetime | None = None
                      ) -> list[tuple[str, dict]]:
    """(local 'YYYY-MM-DD HH:MM:SS', scores) of finished self-assessment attempts, oldest first."""
    q = (TkAttempt.select(TkAttempt.finished_at, TkAttempt.scores)
         .where(TkAttempt.finished_at.is_null(False)).order_by(TkAttempt.finished_at))
    if since is not None:
        q = q.where(TkAttempt.finished_at >= since)
    if until is not None:
        q = q.where(TkAttempt.finished_at < until)
    out = []
    for finished, scores in q.tuples():
        try:
            parsed = json.loads(scores)
        except (TypeError, ValueError):
            continue
        if isinstance(parsed, dict) and parsed:
            out.append((finished.astimezone().strftime("%Y-%m-%d %H:%M:%S"), parsed))
    return out



# --- aggregation in SQL ----------------------------------------------------------
#
# A tool describes what it measures as small expressions over the values
# pulled out of each entry (``v``, a JSON array in the order of ``paths``):
#
#   ("num", i)                   the number at v[i]
#   ("diff", a, b)               a - b (expressions)
#   ("flag", i)                  1.0 when v[i] is true, else 0.0
#   ("eq", i, value)             1.0 when v[i] == value, 0.0 otherwise, NULL when v[i] is missing
#   ("ge", a, n)                 1.0 when expression a >= n, 0.0 otherwise, NULL when a is NULL
#   ("both_ge", i, j, n)         1.0 when v[i] >= n and v[j] >= n; NULL when either is missing
#   ("rows_mean", i, key, other) mean of row[key] over the rows in v[i] that also have row[other]
#   ("rows_diff", i, a, b)       mean of row[a] - row[b] over the rows in v[i] having both
#   ("dict_share", i, states, n) share of n items of the object v[i] whose value is in states
#   ("filled", i)                1.0 when v[i] is a non-empty string / list, else 0.0
#   ("map", i, {key: number})    the number of the key at v[i] (NULL for other keys)
#   ("mean_of", [i, j, …])       mean of the integers among v[i], v[j], …
#   ("all", a, b, …) / ("any", a, b, …)   minimum / maximum of 0/1 expressions
#   ("py", fn, [i, …], [name, …]) fn({name: v[i], …}) in Python, for measures only the
#                                tool's own code can compute (bool -> 1.0/0.0, None -> NULL)
#
# Counters tally keys: ("each", i) the strings of the list v[i]; ("value", i)
# the string v[i]; add ``"dept"`` as third element to tally "department\x1fkey"
# over the departments of the people linked to the entry.

# Columns of the source rows: c<i> is v[i] as an SQL value, j<i> as JSON text. Only the
# columns an expression uses are computed, once per entry.
_USED: set[str] = set()


def _v(i: int) -> str:
    _USED.add(f"c{int(i)}")
    return f"x.c{int(i)}"


def _j(i: int) -> str:
    _USED.add(f"j{int(i)}")
    return f"x.j{int(i)}"


def _quote(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def _key(key: str) -> str:
    if not key.replace("_", "").isalnum():
        raise ValueError(f"bad key {key!r}")
    return key


def compile_expr(expr) -> str:
    op = expr[0]
    if op == "num":
        return _v(expr[1])
    if op == "diff":
        return f"({compile_expr(expr[1])} - {compile_expr(expr[2])})"
    if op == "flag":
        return f"(CASE WHEN {_v(expr[1])} = 1 THEN 1.0 ELSE 0.0 END)"
    if op == "eq":
        v = _v(expr[1])
        return f"(CASE WHEN {v} IS NULL THEN NULL WHEN {v} = {_quote(expr[2])} THEN 1.0 ELSE 0.0 END)"
    if op == "ge":
        a = compile_expr(expr[1])
        return f"(CASE WHEN {a} IS NULL THEN NULL WHEN {a} >= {_quote(expr[2])} THEN 1.0 ELSE 0.0 END)"
    if op == "both_ge":
        a, b, n = _v(expr[1]), _v(expr[2]), _quote(expr[3])
        return (f"(CASE WHEN {a} IS NULL OR {b} IS NULL THEN NULL "
                f"WHEN {a} >= {n} AND {b} >= {n} THEN 1.0 ELSE 0.0 END)")
    if op == "rows_mean":
        k, o = _key(expr[2]), _key(expr[3])
        return (f"(SELECT avg(r.value ->> '$.{k}') FROM json_each({_j(expr[1])}) r "
                f"WHERE r.type = 'object' AND (r.value ->> '$.{o}') IS NOT NULL)")
    if op == "rows_diff":
        a, b = _key(expr[2]), _key(expr[3])
        return (f"(SELECT avg((r.value ->> '$.{a}') - (r.value ->> '$.{b}')) "
                f"FROM json_each({_j(expr[1])}) r WHERE r.type = 'object')")
    if op == "dict_share":
        states = ", ".join(_quote(s) for s in expr[2])
        return (f"(SELECT CAST(count(*) AS REAL) / {int(expr[3])} FROM json_each({_j(expr[1])}) r "
                f"WHERE r.value IN ({states}))")
    if op == "filled":
        return f"(CASE WHEN trim(coalesce({_v(expr[1])}, '')) IN ('', '[]', '{{}}') THEN 0.0 ELSE 1.0 END)"
    if op == "map":
        cases = " ".join(f"WHEN {_quote(k)} THEN {float(n)!r}" for k, n in expr[2].items())
        return f"(CASE {_v(expr[1])} {cases} END)"
    if op == "mean_of":
        cols = [_v(i) for i in expr[1]]
        total = " + ".join(f"(CASE WHEN typeof({c}) = 'integer' THEN {c} ELSE 0 END)" for c in cols)
        count = " + ".join(f"(typeof({c}) = 'integer')" for c in cols)
        return f"(CAST({total} AS REAL) / nullif({count}, 0))"
    if op in ("all", "any"):
        if len(expr) == 2:
            return compile_expr(expr[1])
        parts = ", ".join(compile_expr(e) for e in expr[1:])
        return f"{'min' if op == 'all' else 'max'}({parts})"
    if op == "py":
        name = _register_py(expr[1], expr[3])
        args = ", ".join(_j(i) for i in expr[2])
        return f"{name}({args})"
    raise ValueError(f"unknown metric expression {op!r}")


def _register_py(fn, names: Sequence[str]) -> str:
    """Make ``fn`` callable from SQL on this thread's connection; returns its SQL name."""
    sql_name = "coach_" + f"{fn.__module__}_{fn.__qualname__}".replace(".", "_").replace("<", "") \
        .replace(">", "")
    keys = list(names)
    loads = json.loads

    def call(*args):
        data = {k: loads(a) for k, a in zip(keys, args) if a is not None}
        try:
            out = fn(data)
        except (TypeError, ValueError, KeyError, AttributeError):
            return None
        return None if out is None else float(out)

    db.connection().create_function(sql_name, len(keys), call, deterministic=True)
    return sql_name


FOLLOWUPS_DONE = "@followups_done"  # a pseudo path: {follow-up key: done} of the entry


def _source_cte(tool: str, paths: Sequence[str], since, until, valid_only: bool,
                columns: set[str]) -> tuple[str, list]:
    padded = [("$.__none__" if p == FOLLOWUPS_DONE else p) for p in paths]
    padded += ["$.__none__"] * (2 - len(padded))
    where, params = _range_sql(since, until)
    if valid_only:
        where += " AND json_valid(data)"
    value = f"json_extract(data, {', '.join('?' for _ in padded)})"
    for i, p in enumerate(paths):
        if p == FOLLOWUPS_DONE:
            value = (f"json_set({value}, '$[{i}]', (SELECT json_group_object(f.key, "
                     f"json(CASE WHEN f.done_at IS NULL THEN 'false' ELSE 'true' END)) "
                     f"FROM follow_up f WHERE f.entry_id = entry.id))")
    cols = "".join(f", v {'->>' if c[0] == 'c' else '->'} '$[{int(c[1:])}]' AS {c}"
                   for c in sorted(columns))
    sql = (f"x0 AS MATERIALIZED (SELECT id, created_at, date(created_at, 'localtime') AS day, "
           f"{value} AS v FROM entry WHERE tool = ? AND {_LIVE}{where}), "
           f"x AS MATERIALIZED (SELECT id, created_at, day, v{cols} FROM x0)")
    return sql, [*padded, tool, *params]


def _compiled(metrics: Sequence, counters: dict) -> tuple[list[str], list, set[str]]:
    """SQL of the metrics and counters, and the columns they use."""
    _USED.clear()
    exprs = [compile_expr(m) for m in metrics]
    parts = []
    for name, spec in counters.items():
        kind, index = spec[0], int(spec[1])
        by_dept = len(spec) > 2 and spec[2] == "dept"
        key = "k.value" if kind == "each" else _v(index)
        src = f"x, json_each({_j(index)}) k" if kind == "each" else "x"
        if by_dept:
            src += (" JOIN entry_person ep ON ep.entry_id = x.id "
                    "JOIN person p ON p.id = ep.person_id AND p.department != ''")
            key = f"p.department || char(31) || {key}"
        parts.append((name, f"SELECT ? AS c, x.day, count(*), {key} AS key{{pad}} FROM {src} "
                            f"WHERE {key} IS NOT NULL GROUP BY x.day, key"))
    return exprs, parts, set(_USED)


def _run_safely(build):
    """Run ``build(valid_only)``; if a damaged row makes SQLite refuse, skip such rows."""
    try:
        return build(False)
    except (sqlite3.OperationalError, peewee.OperationalError) as exc:
        if "JSON" not in str(exc) and "json" not in str(exc):
            raise
        return build(True)


def aggregate(tool: str, paths: Sequence[str], metrics: Sequence, counters: dict,
              since: datetime | None = None, until: datetime | None = None):
    """Per local day: (day, entries, [sum, count] of each metric), and the counters.

    Returns ``(days, counts)`` where ``days`` is a list of
    ``(day, n, [sum_0, count_0, sum_1, count_1, …])`` and ``counts`` a list of
    ``(counter name, day, key, n)``. Each entry's JSON is parsed once, and
    each value the expressions use once more from the small extract.
    """
    exprs, counter_parts, columns = _compiled(metrics, counters)

    def build(valid_only):
        source, params = _source_cte(tool, paths, since, until, valid_only, columns)
        cols = ", ".join(f"{e} AS m{i}" for i, e in enumerate(exprs)) or "NULL AS m0"
        aggs = ", ".join(f"total(m{i}), count(m{i})" for i in range(len(exprs))) or "0, 0"
        # one statement, so the entries are read and parsed once for metrics and counters
        pad = ", NULL" * (2 * max(len(exprs), 1))
        sql = (f"WITH {source}, m AS MATERIALIZED (SELECT x.day, {cols} FROM x) "
               f"SELECT NULL, day, count(*), NULL, {aggs} FROM m GROUP BY day"
               + "".join(" UNION ALL " + part.format(pad=pad) for _, part in counter_parts))
        names = [name for name, _ in counter_parts]
        days, counts = [], []
        for r in db.execute_sql(sql, params + names).fetchall():
            if r[0] is None:
                days.append((r[1], r[2], list(r[4:])))
            else:
                counts.append((r[0], r[1], r[3], r[2]))
        days.sort()
        return days, counts

    return _run_safely(build)


def entry_points(tool: str, paths: Sequence[str], metrics: Sequence,
                 since: datetime | None = None, until: datetime | None = None,
                 limit: int = 31) -> list[tuple[str, list, list]]:
    """The first ``limit`` entries: (local 'YYYY-MM-DD HH:MM:SS', metric values, values)."""
    exprs, _, columns = _compiled(metrics, {})

    def build(valid_only):
        source, params = _source_cte(tool, paths, since, until, valid_only, columns)
        cols = ", ".join(exprs) or "NULL"
        sql = (f"WITH {source} SELECT datetime(x.created_at, 'localtime'), x.v, {cols} FROM x "
               f"ORDER BY x.created_at LIMIT {int(limit)}")
        n = len(paths)
        return [(r[0], list(r[2:2 + len(exprs)]), json.loads(r[1])[:n])
                for r in db.execute_sql(sql, params).fetchall()]

    return _run_safely(build)


def fingerprint() -> tuple:
    """Cheap aggregates that change whenever anything the dashboard reads changes
    (entries, follow-up done marks, people and their departments, attempts)."""
    sql = ("SELECT (SELECT json_array(count(*), max(id), max(updated_at), total(length(data)), "
           "total(deleted_at IS NULL), total(status = 'complete'), total(length(created_at))) "
           "FROM entry), "
           "(SELECT json_array(count(*), max(id), total(done_at IS NOT NULL)) FROM follow_up), "
           "(SELECT json_array(count(*), max(id), total(length(department))) FROM person), "
           "(SELECT json_array(count(*), total(person_id), total(entry_id)) FROM entry_person), "
           "(SELECT json_array(count(*), max(finished_at)) FROM tk_attempt)")
    row = db.execute_sql(sql).fetchone()
    return (db.database, *row)
