"""SQLite and Oracle migrations define the same schema.

The SQLite side is what SQLite itself reports after applying the files; the
Oracle side is what the Oracle SQL parser reads from its files.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from sqlglot import exp

from fittrack.db import migrate, open_database
from fittrack.db.migrations import load_migrations
from tests.fixtures.db import (
    enum_checks,
    index_names,
    is_duality_view,
    is_trigger,
    parse,
    sqlite_url,
    statements,
    table_columns,
)

ORACLE_ONLY_VIEWS = {"member_profile_dv", "drawing_prizes_dv"}


@pytest.fixture(scope="module")
def sqlite_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path = tmp_path_factory.mktemp("parity") / "schema.db"
    db = open_database(sqlite_url(path))
    migrate(db)
    db.close()
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def _sqlite_names(connection: sqlite3.Connection, kind: str) -> set[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'", (kind,)
    )
    return {name for (name,) in rows} - {"schema_migrations"}


def _oracle_tables_sql() -> list[Any]:
    return [
        parse(sql, "oracle")
        for _, sql in statements("oracle")
        if not (is_duality_view(sql) or is_trigger(sql))
    ]


def _sqlite_tables_sql() -> list[Any]:
    return [parse(sql, "sqlite") for _, sql in statements("sqlite") if not is_trigger(sql)]


def test_both_dialects_ship_the_same_migration_files() -> None:
    def names(dialect: str) -> list[str]:
        return [m.filename for m in load_migrations(dialect)]

    assert names("sqlite") == names("oracle")
    assert len(names("oracle")) >= 5


def test_same_tables_and_columns(sqlite_schema: sqlite3.Connection) -> None:
    oracle = {table: set(cols) for table, cols in table_columns(_oracle_tables_sql()).items()}
    sqlite = {
        table: {row[1] for row in sqlite_schema.execute(f"PRAGMA table_info({table})")}
        for table in _sqlite_names(sqlite_schema, "table")
    }
    assert sorted(sqlite) == sorted(oracle)
    for table in oracle:
        assert sqlite[table] == oracle[table], table


def test_no_table_declares_a_column_twice() -> None:
    for table, columns in table_columns(_oracle_tables_sql()).items():
        assert len(columns) == len(set(columns)), table


def test_same_index_names(sqlite_schema: sqlite3.Connection) -> None:
    assert _sqlite_names(sqlite_schema, "index") == index_names(_oracle_tables_sql())


def test_same_triggers(sqlite_schema: sqlite3.Connection) -> None:
    oracle = {sql.split()[4] for _, sql in statements("oracle") if is_trigger(sql)}
    assert _sqlite_names(sqlite_schema, "trigger") == oracle


def test_duality_views_are_the_only_oracle_extra(sqlite_schema: sqlite3.Connection) -> None:
    oracle_views = {sql.split()[7] for _, sql in statements("oracle") if is_duality_view(sql)}
    assert oracle_views == ORACLE_ONLY_VIEWS
    assert _sqlite_names(sqlite_schema, "view") == set()


def test_same_enumerated_values_in_checks() -> None:
    oracle = enum_checks(_oracle_tables_sql())
    sqlite = enum_checks(_sqlite_tables_sql())
    assert oracle, "no CHECK ... IN constraints found"
    assert sqlite == oracle


def test_same_statement_count_apart_from_duality_views() -> None:
    oracle = [sql for _, sql in statements("oracle") if not is_duality_view(sql)]
    assert len(oracle) == len(statements("sqlite"))


def test_sqlite_checks_every_json_column() -> None:
    # Oracle's JSON type validates documents itself; SQLite needs json_valid().
    json_columns = [
        column
        for tree in _sqlite_tables_sql()
        for column in tree.find_all(exp.ColumnDef)
        if column.args["kind"].sql("sqlite") == "JSON"
    ]
    assert len(json_columns) > 10
    for column in json_columns:
        assert f"json_valid({column.name})" in column.sql("sqlite").lower(), column.name
