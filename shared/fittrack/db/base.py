"""Database and UnitOfWork: the one way code reaches SQLite or Oracle.

A unit of work is one transaction on one connection: it commits when its block
exits cleanly and rolls back when it raises. Repositories receive it and run
SQL with named binds; rows come back as dicts keyed by lower-case column names.
"""

from __future__ import annotations

import threading
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

from fittrack.db.dialect import Dialect
from fittrack.domain.errors import ServiceUnavailable

if TYPE_CHECKING:
    from fittrack.config import Settings

Params = Mapping[str, Any]
Row = dict[str, Any]
BULK_FETCH_ROWS = 10_000


class IntegrityError(Exception):
    """A constraint refused a write; subclasses say which kind, on both backends."""

    kind = "integrity"


class UniqueViolation(IntegrityError):
    kind = "unique"


class ForeignKeyViolation(IntegrityError):
    kind = "foreign_key"


class CheckViolation(IntegrityError):
    kind = "check"


class NotNullViolation(IntegrityError):
    kind = "not_null"


class RuleViolation(IntegrityError):
    """A trigger refused the change (e.g. updating the append-only audit_log)."""

    kind = "rule"


_BY_KIND: dict[str, type[IntegrityError]] = {
    cls.kind: cls
    for cls in (UniqueViolation, ForeignKeyViolation, CheckViolation, NotNullViolation)
}
_BY_KIND[RuleViolation.kind] = RuleViolation


def integrity_error(kind: str, message: str) -> IntegrityError:
    return _BY_KIND.get(kind, IntegrityError)(message)


class DatabaseUnavailable(ServiceUnavailable):
    """The database cannot take the work now: its write lock stayed taken beyond the
    wait, or it is read-only for a while. The unit of work wrote nothing; the caller
    gets a 503 problem with Retry-After, as for any dependency that is down."""

    title = "Database unavailable"
    RETRY_AFTER_SECONDS = 2

    def __init__(self, cause: str) -> None:
        super().__init__("The service is busy right now; nothing was changed. Try again shortly.")
        self.cause = cause  # for logs; the answer does not carry driver text
        self.retry_after_seconds = self.RETRY_AFTER_SECONDS


class UnitOfWork(ABC):
    """One transaction. Backends provide a cursor, bind conversion and error mapping."""

    def __init__(self, dialect: Dialect, readonly: bool) -> None:
        self.dialect = dialect
        self.readonly = readonly

    def execute(self, sql: str, params: Params | None = None) -> int:
        """Run one statement; returns the number of rows it changed."""
        self._require_writable()
        cursor = self._run(sql, params or {})
        try:
            return int(cursor.rowcount)
        finally:
            cursor.close()

    def executemany(self, sql: str, rows: Sequence[Params]) -> int:
        """Run one statement once per parameter set; returns rows changed in total."""
        self._require_writable()
        if not rows:
            return 0
        cursor = self._cursor()
        try:
            with self._translated_errors():
                self._executemany(cursor, sql, rows)
            return int(cursor.rowcount)
        finally:
            cursor.close()

    def query(self, sql: str, params: Params | None = None) -> list[Row]:
        cursor = self._run(sql, params or {})
        try:
            names = [column[0].lower() for column in cursor.description or ()]
            return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
        finally:
            cursor.close()

    def query_tuples(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        """The rows as plain tuples in select-list order: for scans of a million rows,
        where building a dict per row costs more than the query."""
        cursor = self._run(sql, params or {}, arraysize=BULK_FETCH_ROWS)
        try:
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def query_one(self, sql: str, params: Params | None = None) -> Row | None:
        """The first row, or None; the statement should select at most one row."""
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Params | None = None) -> Any:
        """The first column of the first row, or None when there is no row."""
        row = self.query_one(sql, params)
        return next(iter(row.values())) if row else None

    def _run(self, sql: str, params: Params, arraysize: int | None = None) -> Any:
        cursor = self._cursor()
        if arraysize is not None:  # Oracle fetches this many rows per round trip
            cursor.arraysize = arraysize
        try:
            with self._translated_errors():
                self._execute(cursor, sql, params)
        except BaseException:
            cursor.close()
            raise
        return cursor

    def _require_writable(self) -> None:
        if self.readonly:
            raise RuntimeError("this unit of work is read-only: open it with readonly=False")

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except Exception as error:
            translated = self._translate(error)
            if translated is None:
                raise
            raise translated from error

    @abstractmethod
    def _cursor(self) -> Any: ...

    @abstractmethod
    def _execute(self, cursor: Any, sql: str, params: Params) -> None: ...

    @abstractmethod
    def _executemany(self, cursor: Any, sql: str, rows: Sequence[Params]) -> None: ...

    @abstractmethod
    def _translate(self, error: Exception) -> IntegrityError | DatabaseUnavailable | None:
        """Our IntegrityError for a driver's constraint error, DatabaseUnavailable for a
        busy or read-only database, else None."""


def bind_id(value: Any) -> Any:
    """UUIDs bind as their 16 bytes on both backends; everything else is unchanged."""
    return value.bytes if isinstance(value, uuid.UUID) else value


class Database(ABC):
    """A connection source for one database. Thread-safe; one per process."""

    dialect: Dialect

    def __init__(self) -> None:
        self._writers = threading.local()

    def unit_of_work(self, readonly: bool = False) -> AbstractContextManager[UnitOfWork]:
        """A transaction: write (locks on SQLite) unless `readonly`.

        A write unit of work inside another one on the same thread is refused: it
        would wait for the outer one's lock forever (SQLite) or for its row locks.
        """
        if readonly:
            return self._transaction(readonly=True)
        return self._guarded_write()

    @contextmanager
    def _guarded_write(self) -> Iterator[UnitOfWork]:
        if getattr(self._writers, "active", False):
            raise RuntimeError(
                "nested write unit of work on one thread: pass the open UnitOfWork down instead"
            )
        self._writers.active = True
        try:
            with self._transaction(readonly=False) as uow:
                yield uow
        finally:
            self._writers.active = False

    @abstractmethod
    def _transaction(self, readonly: bool) -> AbstractContextManager[UnitOfWork]: ...

    @abstractmethod
    def ping(self) -> None:
        """Raise unless the database answers a trivial query."""

    @abstractmethod
    def close(self) -> None:
        """Release every connection; the object is unusable afterwards."""

    def assert_production_ready(self, settings: Settings) -> None:
        """Production runs on Oracle only; SQLite there is a configuration mistake."""
        if settings.is_production and self.dialect.name == "sqlite":
            raise RuntimeError(
                "SQLite is for local runs and tests; production needs "
                "FITTRACK_DATABASE_URL=oracle:// with FITTRACK_ORACLE_USER and FITTRACK_ORACLE_DSN"
            )
