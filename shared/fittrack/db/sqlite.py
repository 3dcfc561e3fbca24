"""The embedded backend: one SQLite file in WAL mode, for local runs and tests.

Values are adapted in both directions by declared column type, so callers see
the same Python types as on Oracle:

  TIMESTAMP  aware UTC datetime  <->  'YYYY-MM-DDTHH:MM:SS.ffffffZ' (sorts as time)
  DATE       datetime.date       <->  'YYYY-MM-DD'
  BOOLEAN    bool                <->  0 / 1
  JSON       dict / list / ...   <->  JSON text (bind with dialect.json())
  DECIMAL    decimal.Decimal     <->  number

Write units of work start with BEGIN IMMEDIATE, so writers queue for the single
write lock up front (busy_timeout) instead of failing on a lock upgrade; this is
what makes concurrent writers from many threads and processes safe.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fittrack.db.base import (
    Database,
    DatabaseUnavailable,
    IntegrityError,
    Params,
    UnitOfWork,
    bind_id,
    integrity_error,
)
from fittrack.db.binds import check_binds
from fittrack.db.dialect import SQLITE

BUSY_TIMEOUT_MS = 5000
_PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = NORMAL",
)
_MAX_IDLE_CONNECTIONS = 8

_CONSTRAINT_KINDS = {
    "SQLITE_CONSTRAINT_UNIQUE": "unique",
    "SQLITE_CONSTRAINT_PRIMARYKEY": "unique",
    "SQLITE_CONSTRAINT_FOREIGNKEY": "foreign_key",
    "SQLITE_CONSTRAINT_CHECK": "check",
    "SQLITE_CONSTRAINT_NOTNULL": "not_null",
    "SQLITE_CONSTRAINT_TRIGGER": "rule",
}
# Busy beyond busy_timeout, locked, or read-only (SQLITE_READONLY and its extended codes).
_UNAVAILABLE_PREFIXES = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_READONLY")


def format_timestamp(value: datetime) -> str:
    """The stored text of a timestamp; refuses naive datetimes (whose zone is a guess)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: use an aware UTC datetime")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_timestamp(raw: bytes | str) -> datetime:
    text = raw.decode() if isinstance(raw, bytes) else raw
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _register_types() -> None:
    sqlite3.register_adapter(datetime, format_timestamp)
    sqlite3.register_adapter(date, date.isoformat)
    sqlite3.register_adapter(Decimal, str)
    sqlite3.register_converter("TIMESTAMP", parse_timestamp)
    # A DATE column given a whole timestamp keeps its day, as Oracle would.
    sqlite3.register_converter("DATE", lambda raw: date.fromisoformat(raw.decode()[:10]))
    sqlite3.register_converter("BOOLEAN", lambda raw: int(raw) != 0)
    sqlite3.register_converter("JSON", json.loads)
    sqlite3.register_converter("DECIMAL", lambda raw: Decimal(raw.decode()))


_register_types()


def path_from_url(url: str) -> Path:
    """'sqlite:////abs/file.db' -> /abs/file.db; 'sqlite:///rel.db' -> rel.db."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or len(url) == len(prefix):
        raise ValueError(f"expected sqlite:///<path>, got {url!r}")
    return Path(url[len(prefix) :])


def connect(path: Path) -> sqlite3.Connection:
    """A connection with our types, pragmas and no implicit transactions."""
    connection = sqlite3.connect(
        str(path),
        timeout=BUSY_TIMEOUT_MS / 1000,
        detect_types=sqlite3.PARSE_DECLTYPES,
        isolation_level=None,
        check_same_thread=False,  # the pool hands a connection to one thread at a time
    )
    for pragma in _PRAGMAS:
        connection.execute(pragma)
    return connection


class _ConnectionPool:
    """Reuses idle connections; never blocks, closes the surplus on return."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False

    def take(self) -> sqlite3.Connection:
        with self._lock:
            if self._closed:
                raise RuntimeError(f"database {self._path} is closed")
            if self._idle:
                return self._idle.pop()
        return connect(self._path)

    def give_back(self, connection: sqlite3.Connection) -> None:
        if connection.in_transaction:
            connection.rollback()
        with self._lock:
            if not self._closed and len(self._idle) < _MAX_IDLE_CONNECTIONS:
                self._idle.append(connection)
                return
        connection.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()


def unavailable(error: Exception) -> DatabaseUnavailable | None:
    name = getattr(error, "sqlite_errorname", "") or ""
    if isinstance(error, sqlite3.OperationalError) and name.startswith(_UNAVAILABLE_PREFIXES):
        return DatabaseUnavailable(f"{name}: {error}")
    return None


@contextmanager
def _unavailable_translated() -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as error:
        translated = unavailable(error)
        if translated is None:
            raise
        raise translated from error


def _bind(value: Any) -> Any:
    """Oracle stores an empty string as NULL; binding it so here keeps both the same."""
    return None if value == "" else bind_id(value)


class SqliteUnitOfWork(UnitOfWork):
    def __init__(self, connection: sqlite3.Connection, readonly: bool) -> None:
        super().__init__(SQLITE, readonly)
        self._connection = connection

    def _cursor(self) -> sqlite3.Cursor:
        return self._connection.cursor()

    def _execute(self, cursor: Any, sql: str, params: Params) -> None:
        check_binds(sql, params)
        cursor.execute(sql, {name: _bind(value) for name, value in params.items()})

    def _executemany(self, cursor: Any, sql: str, rows: Sequence[Params]) -> None:
        check_binds(sql, {name for row in rows for name in row})
        cursor.executemany(sql, [{k: _bind(v) for k, v in row.items()} for row in rows])

    def _translate(self, error: Exception) -> IntegrityError | DatabaseUnavailable | None:
        if not isinstance(error, sqlite3.IntegrityError):
            return unavailable(error)
        kind = _CONSTRAINT_KINDS.get(getattr(error, "sqlite_errorname", ""), "integrity")
        return integrity_error(kind, str(error))


_writer_locks: dict[str, threading.Lock] = {}
_writer_locks_guard = threading.Lock()


def _writer_lock(path: Path) -> threading.Lock:
    """One lock per database file in this process.

    Writers of one process queue on it instead of on SQLite's busy handler, which
    sleeps in steps of up to 100 ms and turns a short queue into long tail latency.
    Other processes still meet at BEGIN IMMEDIATE and the busy timeout.
    """
    with _writer_locks_guard:
        return _writer_locks.setdefault(str(path.resolve()), threading.Lock())


class SqliteDatabase(Database):
    dialect = SQLITE

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._pool = _ConnectionPool(path)
        self._writer = _writer_lock(path)

    @contextmanager
    def _transaction(self, readonly: bool) -> Iterator[UnitOfWork]:
        if readonly:
            with self._begun(readonly) as uow:
                yield uow
        else:
            with self._write_turn(), self._begun(readonly) as uow:
                yield uow

    @contextmanager
    def _write_turn(self) -> Iterator[None]:
        """This process's writers wait their turn no longer than SQLite's busy timeout:
        behind a lock held elsewhere they would otherwise queue without end."""
        if not self._writer.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
            raise DatabaseUnavailable("waited busy_timeout for this process's writer turn")
        try:
            yield
        finally:
            self._writer.release()

    @contextmanager
    def _begun(self, readonly: bool) -> Iterator[UnitOfWork]:
        connection = self._pool.take()
        try:
            with _unavailable_translated():
                connection.execute("BEGIN" if readonly else "BEGIN IMMEDIATE")
            try:
                yield SqliteUnitOfWork(connection, readonly)
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            with _unavailable_translated():
                connection.execute("ROLLBACK" if readonly else "COMMIT")
        finally:
            self._pool.give_back(connection)

    def ping(self) -> None:
        connection = self._pool.take()
        try:
            connection.execute("SELECT 1").fetchone()
        finally:
            self._pool.give_back(connection)

    def close(self) -> None:
        self._pool.close()

    def __repr__(self) -> str:
        return f"SqliteDatabase({str(self.path)!r})"
