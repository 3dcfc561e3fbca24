"""Every Oracle migration statement is valid Oracle SQL, as far as a parser can tell.

sqlglot reads Oracle DDL but not two 23ai/PL-SQL constructs: JSON Relational
Duality Views and triggers. Those, and only those, get a structural check of
their own; any other statement sqlglot cannot turn into a real syntax tree fails.
"""

from __future__ import annotations

import re

import pytest
from sqlglot import exp

from tests.fixtures.db import (
    enum_checks,
    is_duality_view,
    is_enum_column,
    is_trigger,
    parse,
    statements,
    table_columns,
)

ORACLE = statements("oracle")
DDL = [(name, sql) for name, sql in ORACLE if not (is_duality_view(sql) or is_trigger(sql))]
DUALITY_VIEWS = [(name, sql) for name, sql in ORACLE if is_duality_view(sql)]
TRIGGERS = [(name, sql) for name, sql in ORACLE if is_trigger(sql)]

_TRIGGER = re.compile(
    r"CREATE OR REPLACE TRIGGER (?P<name>trg_\w+)\n"
    r"BEFORE (?:UPDATE|DELETE) ON (?P<table>\w+)\n"
    r"BEGIN\n"
    r"    RAISE_APPLICATION_ERROR\(-20001, '[^']+'\);\n"
    r"END;"
)


def _ids(items: list[tuple[str, str]]) -> list[str]:
    return [f"{name}#{number}" for number, (name, _) in enumerate(items, start=1)]


def _columns() -> dict[str, set[str]]:
    trees = [parse(sql, "oracle") for _, sql in DDL]
    # Every table ever made: older files' constraints name tables a later one drops.
    return {table: set(cols) for table, cols in table_columns(trees, include_dropped=True).items()}


def _strip_strings(sql: str) -> str:
    return re.sub(r"'[^']*'", "''", sql)


def _balanced(sql: str) -> bool:
    pairs = {")": "(", "}": "{", "]": "["}
    stack: list[str] = []
    for char in _strip_strings(sql):
        if char in "({[":
            stack.append(char)
        elif char in pairs and (not stack or stack.pop() != pairs[char]):
            return False
    return not stack


@pytest.mark.parametrize(("filename", "sql"), DDL, ids=_ids(DDL))
def test_statement_parses_as_oracle(filename: str, sql: str) -> None:
    tree = parse(sql, "oracle")
    # DDL (a table retired once its rows moved: DROP), or the INSERT ... SELECT that
    # backfills a table from existing rows.
    parsed = exp.Create | exp.Alter | exp.Drop | exp.Insert
    assert isinstance(tree, parsed), f"{filename}: sqlglot fell back on {sql[:80]}"
    if isinstance(tree, exp.Insert):
        assert isinstance(tree.expression, exp.Select), f"{filename}: an INSERT must SELECT"
    assert not sql.rstrip().endswith(";"), f"{filename}: terminator left in statement"


def test_only_known_constructs_need_structural_checks() -> None:
    assert len(DUALITY_VIEWS) == 2
    assert len(TRIGGERS) == 4  # append-only audit_log and transparency_log
    assert len(DDL) + len(DUALITY_VIEWS) + len(TRIGGERS) == len(ORACLE)


@pytest.mark.parametrize(("filename", "sql"), DUALITY_VIEWS, ids=_ids(DUALITY_VIEWS))
def test_duality_view_structure(filename: str, sql: str) -> None:
    columns = _columns()
    header = re.match(
        r"CREATE OR REPLACE JSON RELATIONAL DUALITY VIEW (\w+_dv) AS\nSELECT JSON \{", sql
    )
    assert header, f"{filename}: unexpected duality view header"
    assert _balanced(sql), f"{filename}: unbalanced brackets in {header.group(1)}"
    aliases = {alias: table for table, alias in re.findall(r"\bFROM (\w+) (\w+)\b", sql)}
    assert re.search(r"\nFROM (\w+) (\w+)$", sql), "the root table must close the view"
    assert "'_id'" in sql, "the root object needs an _id field"
    for table in aliases.values():
        assert table in columns, f"unknown table {table}"
    for alias, column in re.findall(r"\b(\w+)\.(\w+)\b", _strip_strings(sql)):
        assert alias in aliases, f"unknown alias {alias}"
        assert column in columns[aliases[alias]], f"{aliases[alias]} has no column {column}"
    nested = re.findall(r"\bFROM (\w+) (\w+)\s+WHERE (\w+)\.(\w+) = (\w+)\.(\w+)", sql)
    assert len(nested) == len(aliases) - 1, "every nested table needs its join condition"


@pytest.mark.parametrize(("filename", "sql"), TRIGGERS, ids=_ids(TRIGGERS))
def test_trigger_structure(filename: str, sql: str) -> None:
    match = _TRIGGER.fullmatch(sql)
    assert match, f"{filename}: trigger does not have the expected shape:\n{sql}"
    assert match["table"] in _columns()


# Named like an enumeration but holding another system's open-ended vocabulary.
EXTERNAL_VOCABULARY = {("billing_events", "event_type")}  # Stripe's event type names


def test_every_enumerated_column_has_a_check() -> None:
    checked = enum_checks([parse(sql, "oracle") for _, sql in DDL])
    missing = [
        f"{table}.{column}"
        for table, cols in _columns().items()
        for column in cols
        if is_enum_column(table, column)
        and (table, column) not in checked
        and (table, column) not in EXTERNAL_VOCABULARY
    ]
    assert missing == []


# Identifiers that come from outside (clients, providers) are text, not our UUIDs.
EXTERNAL_IDS = {"device_id", "external_id", "external_user_id"}
# Stripe's objects keep Stripe's ids (cus_..., sub_..., price_..., evt_...); only the
# member is ours.
STRIPE_TABLES = {"billing_customers", "billing_subscriptions", "billing_events"}


def test_ids_are_raw16() -> None:
    for filename, sql in DDL:
        tree = parse(sql, "oracle")
        table = tree.find(exp.Table)
        stripe_ids = table is not None and table.name in STRIPE_TABLES
        for column in tree.find_all(exp.ColumnDef):
            kind = column.args["kind"].sql("oracle")
            external = column.name in EXTERNAL_IDS or (stripe_ids and column.name != "user_id")
            if column.name.endswith("_id") and not external:
                assert kind == "RAW(16)", f"{filename}: {column.name} is {kind}"


def test_indexes_name_existing_columns() -> None:
    columns = _columns()
    for filename, sql in DDL:
        tree = parse(sql, "oracle")
        if not (isinstance(tree, exp.Create) and tree.args.get("kind") == "INDEX"):
            continue
        table = tree.this.args["table"].name
        used = {column.name for column in tree.find_all(exp.Column)}
        assert used and used <= columns[table], f"{filename}: {tree.this.name} on {used}"
        # Oracle has no aliases or operator classes in an index: "a b" is a typo there.
        assert not list(tree.find_all(exp.Alias, exp.Opclass)), f"{filename}: {tree.this.name}"


def test_constraints_name_existing_columns_and_tables() -> None:
    columns = _columns()
    for filename, sql in DDL:
        tree = parse(sql, "oracle")
        if isinstance(tree, exp.Drop):
            continue  # names no column
        table = tree.this.this.name if isinstance(tree, exp.Create) else tree.this.name
        for check in tree.find_all(exp.CheckColumnConstraint):
            used = {column.name for column in check.find_all(exp.Column)}
            assert used <= columns[table], f"{filename}: CHECK on {used - columns[table]}"
        for reference in tree.find_all(exp.Reference):
            target = reference.this.this.name
            keys = {key.name for key in reference.this.expressions}
            assert target in columns and keys <= columns[target], f"{filename}: {reference.sql()}"
