"""The production backend: Oracle 23ai through python-oracledb (thin mode) and a pool.

The pool is created on first use, so importing this module or opening the
database costs nothing until a query runs. Sessions run in UTC; binds and
fetched values are converted so callers see the same types as on SQLite.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import oracledb

from fittrack.db.base import (
    Database,
    DatabaseUnavailable,
    IntegrityError,
    Params,
    UnitOfWork,
    bind_id,
    integrity_error,
)
from fittrack.db.dialect import ORACLE, JsonValue

if TYPE_CHECKING:
    from fittrack.config import Settings

SESSION_SETUP_SQL = "ALTER SESSION SET TIME_ZONE = 'UTC'"
PING_SQL = "SELECT 1 FROM dual"

# ORA- error numbers of constraint failures, by kind.
_ERROR_KINDS = {
    1: "unique",  # ORA-00001 unique constraint violated
    2290: "check",  # ORA-02290 check constraint violated
    2291: "foreign_key",  # ORA-02291 parent key not found
    2292: "foreign_key",  # ORA-02292 child record found
    1400: "not_null",  # ORA-01400 cannot insert NULL
    1407: "not_null",  # ORA-01407 cannot update to NULL
    20001: "rule",  # our triggers raise -20001
}
# Answered as a 503 (nothing written): a lock not granted in time, or a read-only database.
_UNAVAILABLE_CODES = {
    54,  # ORA-00054 resource busy and acquire with NOWAIT specified or timeout expired
    30006,  # ORA-30006 resource busy; acquire with WAIT timeout expired
    16000,  # ORA-16000 database or pluggable database open for read-only access
}


@dataclass(frozen=True)
class OracleConfig:
    user: str
    dsn: str
    pool_min: int = 1
    pool_max: int = 4


def parse_url(url: str, settings: Settings) -> OracleConfig:
    """'oracle://' takes user and DSN from settings; 'oracle://user@host:port/service'
    names them. Passwords never travel in URLs: they come from the secret store."""
    parts = urlsplit(url)
    if parts.scheme != "oracle":
        raise ValueError(f"expected an oracle:// URL, got {url!r}")
    if parts.password is not None:
        raise ValueError("put the Oracle password in the secret store, not in the URL")
    user = parts.username or settings.oracle_user
    if parts.hostname:
        dsn = parts.netloc.rpartition("@")[2] + parts.path
    else:
        dsn = settings.oracle_dsn or ""
    if not user or not dsn:
        raise ValueError("Oracle needs FITTRACK_ORACLE_USER and FITTRACK_ORACLE_DSN, or a full URL")
    return OracleConfig(user, dsn, settings.oracle_pool_min, settings.oracle_pool_max)


def init_session(connection: Any, requested_tag: str | None) -> None:
    """Pool session callback: runs once for each new session."""
    with connection.cursor() as cursor:
        cursor.execute(SESSION_SETUP_SQL)


def pool_kwargs(config: OracleConfig, password: str) -> dict[str, Any]:
    return {
        "user": config.user,
        "password": password,
        "dsn": config.dsn,
        "min": config.pool_min,
        "max": config.pool_max,
        "increment": 1,
        "session_callback": init_session,
    }


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC)


def _to_utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(UTC)


def _day(value: datetime | None) -> date | None:
    return None if value is None else value.date()


def output_type_handler(cursor: Any, metadata: Any) -> Any:
    """Fetch LOBs as str/bytes, timestamps as aware UTC, DATE as date, scaled NUMBER as Decimal."""
    kind = metadata.type_code
    size = cursor.arraysize
    if kind is oracledb.DB_TYPE_CLOB:
        return cursor.var(oracledb.DB_TYPE_LONG, arraysize=size)
    if kind is oracledb.DB_TYPE_NCLOB:
        return cursor.var(oracledb.DB_TYPE_LONG_NVARCHAR, arraysize=size)
    if kind is oracledb.DB_TYPE_BLOB:
        return cursor.var(oracledb.DB_TYPE_LONG_RAW, arraysize=size)
    if kind is oracledb.DB_TYPE_TIMESTAMP:
        return cursor.var(kind, arraysize=size, outconverter=_utc)
    if kind in (oracledb.DB_TYPE_TIMESTAMP_TZ, oracledb.DB_TYPE_TIMESTAMP_LTZ):
        return cursor.var(kind, arraysize=size, outconverter=_to_utc)
    if kind is oracledb.DB_TYPE_DATE:
        return cursor.var(kind, arraysize=size, outconverter=_day)
    if kind is oracledb.DB_TYPE_NUMBER and (metadata.scale or 0) > 0:
        return cursor.var(Decimal, arraysize=size)
    return None


def bind_value(value: Any) -> Any:
    """A Python value as the driver should bind it (JSON markers are handled apart)."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: use an aware UTC datetime")
        # TIMESTAMP columns hold UTC wall time; the driver would drop the zone.
        return value.astimezone(UTC).replace(tzinfo=None)
    return bind_id(value)


def prepare_binds(params: Params) -> tuple[dict[str, Any], set[str]]:
    """The values to bind, and the names that must be bound as DB_TYPE_JSON."""
    json_names = {name for name, value in params.items() if isinstance(value, JsonValue)}
    values = {
        name: value.value if isinstance(value, JsonValue) else bind_value(value)
        for name, value in params.items()
    }
    return values, json_names


def _error_code(error: Exception) -> int:
    details = error.args[0] if error.args else None
    return int(getattr(details, "code", None) or 0)


def error_kind(error: Exception) -> str | None:
    """The constraint kind of an oracledb error, or None when it is something else."""
    return _ERROR_KINDS.get(_error_code(error))


class OracleUnitOfWork(UnitOfWork):
    def __init__(self, connection: Any, readonly: bool) -> None:
        super().__init__(ORACLE, readonly)
        self._connection = connection

    def _cursor(self) -> Any:
        return self._connection.cursor()

    def _execute(self, cursor: Any, sql: str, params: Params) -> None:
        values, json_names = prepare_binds(params)
        if json_names:
            cursor.setinputsizes(**dict.fromkeys(json_names, oracledb.DB_TYPE_JSON))
        cursor.execute(sql, values)

    def _executemany(self, cursor: Any, sql: str, rows: Sequence[Params]) -> None:
        prepared = [prepare_binds(row) for row in rows]
        json_names = set().union(*(names for _, names in prepared))
        if json_names:
            cursor.setinputsizes(**dict.fromkeys(json_names, oracledb.DB_TYPE_JSON))
        cursor.executemany(sql, [values for values, _ in prepared])

    def _translate(self, error: Exception) -> IntegrityError | DatabaseUnavailable | None:
        if not isinstance(error, oracledb.DatabaseError):
            return None
        if _error_code(error) in _UNAVAILABLE_CODES:
            return DatabaseUnavailable(str(error))
        kind = error_kind(error)
        return None if kind is None else integrity_error(kind, str(error))


class OracleDatabase(Database):
    dialect = ORACLE

    def __init__(self, config: OracleConfig, password: Callable[[], str] | None) -> None:
        super().__init__()
        self.config = config
        self._password = password
        self._pool: Any = None
        self._closed = False
        self._lock = threading.Lock()

    def _get_pool(self) -> Any:
        with self._lock:
            if self._closed:
                raise RuntimeError("database is closed")
            if self._pool is None:
                if self._password is None:
                    raise RuntimeError("Oracle needs a password: open_database(url, password=...)")
                self._pool = oracledb.create_pool(**pool_kwargs(self.config, self._password()))
            return self._pool

    @contextmanager
    def _transaction(self, readonly: bool) -> Iterator[UnitOfWork]:
        with self._get_pool().acquire() as connection:
            connection.outputtypehandler = output_type_handler
            try:
                yield OracleUnitOfWork(connection, readonly)
            except BaseException:
                connection.rollback()
                raise
            if readonly:
                connection.rollback()
            else:
                connection.commit()

    def ping(self) -> None:
        with self._get_pool().acquire() as connection, connection.cursor() as cursor:
            cursor.execute(PING_SQL)
            cursor.fetchone()

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
            self._closed = True
        if pool is not None:
            pool.close(force=True)

    def __repr__(self) -> str:
        return f"OracleDatabase(user={self.config.user!r}, dsn={self.config.dsn!r})"
