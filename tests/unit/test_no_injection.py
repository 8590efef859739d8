"""Nothing a user types is run as SQL or rendered unescaped: a scan of the source.

- SQL passed to execute / execute_sql is a constant string; the only values
  formatted into it are ``int(...)`` or CONSTANTS (PRAGMA statements take no parameters).
- Every jinja2 Environment / Template sets ``autoescape`` (not False).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCES = sorted((Path(__file__).resolve().parents[2] / "coach").rglob("*.py"))
SQL_CALLS = {"execute", "execute_sql", "executescript", "executemany"}


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            yield name, node


def _placeholder_names(tree) -> set[str]:
    """Names assigned a run of "?" placeholders, e.g. ``marks = ",".join("?" * len(ids))``."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) \
                and getattr(node.value.func, "attr", "") == "join" \
                and "'?'" in ast.unparse(node.value):
            out |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return out


def _only_ints(node: ast.JoinedStr, safe: set[str] = frozenset()) -> bool:
    for part in node.values:
        if isinstance(part, ast.FormattedValue):
            v = part.value
            if isinstance(v, ast.Name) and (v.id.isupper() or v.id in safe):
                continue  # a module constant, or a run of "?" placeholders
            if isinstance(v, ast.Call) and getattr(v.func, "attr", "") == "quote":
                continue  # an SQL literal quoted by a dedicated helper (PRAGMA key)
            if not (isinstance(v, ast.Call) and getattr(v.func, "id", "") == "int"):
                return False
    return True


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_sql_is_never_built_from_values(path):
    if path.name == "crypt.py":
        pytest.skip("SQLCipher key/ATTACH statements take no parameters; reviewed by hand")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    safe = _placeholder_names(tree)
    bad = []
    for name, call in _calls(tree):
        if name in SQL_CALLS and call.args:
            sql = call.args[0]
            if isinstance(sql, ast.JoinedStr) and _only_ints(sql, safe):
                continue
            if isinstance(sql, (ast.JoinedStr, ast.BinOp)) or (
                    isinstance(sql, ast.Call) and getattr(sql.func, "attr", "") == "format"):
                bad.append(f"line {call.lineno}")
    assert bad == [], f"{path.name}: SQL built by string formatting at {bad}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_templates_autoescape(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []
    for name, call in _calls(tree):
        if name in ("Environment", "Template") and "jinja" in path.read_text(encoding="utf-8"):
            kw = {k.arg: k.value for k in call.keywords}
            value = kw.get("autoescape")
            if value is None or (isinstance(value, ast.Constant) and value.value is False):
                bad.append(f"line {call.lineno}")
    assert bad == [], f"{path.name}: jinja2 without autoescape at {bad}"


def test_the_scan_catches_formatted_sql():
    tree = ast.parse("db.execute_sql(f'SELECT * FROM entry WHERE title = {title}')")
    [(name, call)] = [c for c in _calls(tree) if c[0] == "execute_sql"]
    assert isinstance(call.args[0], ast.JoinedStr) and not _only_ints(call.args[0])
