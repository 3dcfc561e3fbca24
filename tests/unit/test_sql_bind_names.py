"""Every SQL string in the code names its binds as Oracle allows (no reserved words).

The SQLite unit of work checks the statements the tests run; this reads the ones
they may not reach, straight from the source.
"""

from __future__ import annotations

import ast
from pathlib import Path

from fittrack.db.binds import ORACLE_RESERVED, placeholders

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "fittrack"
SQL_STARTS = (
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "MERGE",
    "WITH",
    " WHERE",
    " AND",
    " SET",
    " VALUES",
    " ORDER",
    " FROM",
)


def _sql_fragments(path: Path) -> list[str]:
    """String constants of a module that read like SQL (docstrings excluded)."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and node.value.lstrip().upper().startswith(tuple(s.strip() for s in SQL_STARTS))
    ]


def test_no_placeholder_is_an_oracle_reserved_word() -> None:
    offenders = {
        f"{path.relative_to(SOURCES)}: {sorted(placeholders(sql) & ORACLE_RESERVED)}"
        for path in sorted(SOURCES.rglob("*.py"))
        for sql in _sql_fragments(path)
        if placeholders(sql) & ORACLE_RESERVED
    }
    assert not offenders


def test_the_scan_sees_the_repositories() -> None:
    fragments = _sql_fragments(SOURCES / "repositories" / "sessions.py")
    assert any(":user_id" in sql for sql in fragments)
