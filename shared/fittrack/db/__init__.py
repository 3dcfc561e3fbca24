"""Data access: Database + UnitOfWork over Oracle (production) or SQLite (local, tests).

`open_database()` reads the URL from settings; `db.unit_of_work()` is one
transaction (commit on success, rollback on error) whose `execute`, `query`,
`query_one` and `executemany` take SQL with named binds; `migrate(db)` applies
pending numbered migrations. Ids bind as `ids.to_db(uuid)`.
"""

from __future__ import annotations

from collections.abc import Callable

from fittrack import config
from fittrack.db import ids
from fittrack.db.base import (
    CheckViolation,
    Database,
    DatabaseUnavailable,
    ForeignKeyViolation,
    IntegrityError,
    NotNullViolation,
    RuleViolation,
    UniqueViolation,
    UnitOfWork,
)
from fittrack.db.dialect import Dialect
from fittrack.db.migrations import MigrationError, migrate

__all__ = [
    "CheckViolation",
    "Database",
    "DatabaseUnavailable",
    "Dialect",
    "ForeignKeyViolation",
    "IntegrityError",
    "MigrationError",
    "NotNullViolation",
    "RuleViolation",
    "UniqueViolation",
    "UnitOfWork",
    "ids",
    "migrate",
    "open_database",
]


def open_database(url: str | None = None, password: Callable[[], str] | None = None) -> Database:
    """A Database for `url` ('sqlite:///<path>' or 'oracle://...'), default from settings.

    Nothing connects yet: the first unit of work (or ping) does. `password` is
    asked for only when the Oracle pool is created.
    """
    settings = config.settings()
    url = url or settings.database_url
    if url.startswith("sqlite:"):
        from fittrack.db.sqlite import SqliteDatabase, path_from_url

        return SqliteDatabase(path_from_url(url))
    if url.startswith("oracle:"):
        from fittrack.db.oracle import OracleDatabase, parse_url

        return OracleDatabase(parse_url(url, settings), password)
    raise ValueError(f"unsupported database URL {url!r}: use sqlite:///<path> or oracle://")
