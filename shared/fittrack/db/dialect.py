"""SQL fragments where SQLite and Oracle disagree; everything else is written once.

Fragments never contain values: they are SQL text with named binds (`:limit`),
and the identifiers and JSON paths they take are checked against a strict pattern.
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$")
_JSON_PATH = re.compile(r"^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])+$")
# How long a row lock is waited for on Oracle: as long as SQLite's busy_timeout (db/sqlite.py).
LOCK_WAIT_SECONDS = 5

JsonReturning = Literal["text", "number"]


@dataclass(frozen=True)
class JsonValue:
    """A Python value to bind into a JSON column (Oracle binds it as DB_TYPE_JSON)."""

    value: Any


def _identifier(name: str) -> str:
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a plain lower-case SQL identifier: {name!r}")
    return name


def _json_path(path: str) -> str:
    if not _JSON_PATH.match(path):
        raise ValueError(f"unsupported JSON path {path!r}: use $.field, $.a.b or $.a[0]")
    return path


def _upsert_parts(
    columns: Sequence[str], key: Sequence[str], update: Sequence[str] | None
) -> tuple[list[str], list[str], list[str]]:
    cols = [_identifier(c) for c in columns]
    keys = [_identifier(k) for k in key]
    if not keys or not set(keys) <= set(cols):
        raise ValueError("upsert key columns must be a non-empty subset of the columns")
    updates = [c for c in cols if c not in keys] if update is None else list(update)
    if set(updates) & set(keys) or not set(updates) <= set(cols):
        raise ValueError("upsert update columns must be inserted columns outside the key")
    return cols, keys, [_identifier(u) for u in updates]


class Dialect(ABC):
    """The fragments both backends provide; see SqliteDialect and OracleDialect."""

    name: str = ""
    #: An SQL expression for the current UTC time, comparable with TIMESTAMP columns.
    now_sql: str = ""

    @abstractmethod
    def paginate(self) -> str:
        """Page clause with binds :limit and :offset; goes after ORDER BY."""

    @abstractmethod
    def limit(self) -> str:
        """First-rows clause with bind :limit; goes after ORDER BY."""

    @abstractmethod
    def for_update(self) -> str:
        """Row-lock suffix for a SELECT; "" on SQLite, whose write units of work lock
        the whole database. Oracle refuses it together with paginate()/limit()."""

    @abstractmethod
    def json(self, value: Any) -> Any:
        """The bindable form of a Python object for a JSON column (None stays NULL)."""

    @abstractmethod
    def json_value(self, column: str, path: str, returning: JsonReturning = "text") -> str:
        """A scalar read from a JSON column; `path` like '$.user_type'.

        Meant for string and number fields. "number" makes Oracle return a NUMBER
        (its default is text); SQLite returns JSON numbers as numbers either way.
        """

    @abstractmethod
    def greatest(self, *expressions: str) -> str:
        """The largest of several SQL expressions (caller-written SQL, not values)."""

    @abstractmethod
    def utc_hour(self, column: str) -> str:
        """A TIMESTAMP column truncated to its UTC hour, as text 'YYYY-MM-DDTHH'.

        America/New_York is a whole number of hours from UTC, so hourly groups
        are rebucketed into New York days, weeks and months without error.
        """

    @abstractmethod
    def upsert(
        self,
        table: str,
        columns: Sequence[str],
        key: Sequence[str],
        update: Sequence[str] | None = None,
    ) -> str:
        """Insert a row bound as :column for each column, or update it when `key` exists.

        `update` defaults to every non-key column; an empty `update` means
        "insert if absent, else leave the existing row alone".
        """


class SqliteDialect(Dialect):
    name = "sqlite"
    now_sql = "strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')"

    def paginate(self) -> str:
        return "LIMIT :limit OFFSET :offset"

    def limit(self) -> str:
        return "LIMIT :limit"

    def for_update(self) -> str:
        return ""

    def json(self, value: Any) -> Any:
        return None if value is None else json.dumps(value, separators=(",", ":"))

    def json_value(self, column: str, path: str, returning: JsonReturning = "text") -> str:
        return f"json_extract({_identifier(column)}, '{_json_path(path)}')"

    def greatest(self, *expressions: str) -> str:
        return f"max({', '.join(expressions)})"

    def utc_hour(self, column: str) -> str:
        # Timestamps are stored as UTC ISO text (db/sqlite.py format_timestamp).
        return f"substr({_identifier(column)}, 1, 13)"

    def upsert(
        self,
        table: str,
        columns: Sequence[str],
        key: Sequence[str],
        update: Sequence[str] | None = None,
    ) -> str:
        cols, keys, updates = _upsert_parts(columns, key, update)
        insert = (
            f"INSERT INTO {_identifier(table)} ({', '.join(cols)}) "
            f"VALUES ({', '.join(':' + c for c in cols)}) ON CONFLICT ({', '.join(keys)}) "
        )
        if not updates:
            return insert + "DO NOTHING"
        return insert + "DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in updates)


class OracleDialect(Dialect):
    name = "oracle"
    now_sql = "SYS_EXTRACT_UTC(SYSTIMESTAMP)"

    def paginate(self) -> str:
        return "OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY"

    def limit(self) -> str:
        return "FETCH FIRST :limit ROWS ONLY"

    def for_update(self) -> str:
        # Wait as long as SQLite's busy_timeout, then ORA-30006: a 503 with Retry-After
        # (db/oracle.py) instead of a request stalled until the function times out.
        return f" FOR UPDATE WAIT {LOCK_WAIT_SECONDS}"

    def json(self, value: Any) -> Any:
        return None if value is None else JsonValue(value)

    def json_value(self, column: str, path: str, returning: JsonReturning = "text") -> str:
        suffix = " RETURNING NUMBER" if returning == "number" else ""
        return f"JSON_VALUE({_identifier(column)}, '{_json_path(path)}'{suffix})"

    def greatest(self, *expressions: str) -> str:
        return f"GREATEST({', '.join(expressions)})"

    def utc_hour(self, column: str) -> str:
        return f"TO_CHAR({_identifier(column)}, 'YYYY-MM-DD\"T\"HH24')"

    def upsert(
        self,
        table: str,
        columns: Sequence[str],
        key: Sequence[str],
        update: Sequence[str] | None = None,
    ) -> str:
        cols, keys, updates = _upsert_parts(columns, key, update)
        source = ", ".join(f":{c} AS {c}" for c in cols)
        sql = (
            f"MERGE INTO {_identifier(table)} tgt USING (SELECT {source} FROM dual) src "
            f"ON ({' AND '.join(f'tgt.{k} = src.{k}' for k in keys)}) "
        )
        if updates:
            sets = ", ".join(f"tgt.{c} = src.{c}" for c in updates)
            sql += f"WHEN MATCHED THEN UPDATE SET {sets} "
        return sql + (
            f"WHEN NOT MATCHED THEN INSERT ({', '.join(cols)}) "
            f"VALUES ({', '.join('src.' + c for c in cols)})"
        )


SQLITE = SqliteDialect()
ORACLE = OracleDialect()
