"""Numbered SQL migrations, one folder per dialect, applied once and recorded.

Files are `NNNN_name.sql` in `sqlite/` and `oracle/` (same numbers and names in
both). Statement separators:

* a statement ends with a line whose last character is `;`
  (put no comment after that `;`); lines starting with `--` are comments;
* a block (CREATE TRIGGER, BEGIN or DECLARE) keeps its inner `;` and ends with
  a line holding only `/`, as in SQL*Plus.

Each file runs in one unit of work and is recorded in `schema_migrations` in
that same unit. SQLite DDL is transactional, so a failed file leaves nothing
behind. Oracle DDL commits itself: the Oracle files use IF NOT EXISTS and
CREATE OR REPLACE so that a file interrupted half-way can simply be re-run.
An applied file whose checksum changed stops the runner: add a new file instead.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fittrack.db.base import Database, UnitOfWork

_FILE_NAME = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql$")
_BLOCK_START = re.compile(
    r"^\s*(CREATE\s+(OR\s+REPLACE\s+)?TRIGGER|BEGIN|DECLARE)\b", re.IGNORECASE
)

_CREATE_TABLE = {
    "sqlite": (
        "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT NOT NULL PRIMARY KEY,"
        " name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)"
    ),
    "oracle": (
        "CREATE TABLE IF NOT EXISTS schema_migrations (version VARCHAR2(4) NOT NULL PRIMARY KEY,"
        " name VARCHAR2(200) NOT NULL, checksum VARCHAR2(64) NOT NULL,"
        " applied_at TIMESTAMP NOT NULL)"
    ),
}


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    checksum: str
    statements: tuple[str, ...]

    @property
    def filename(self) -> str:
        return f"{self.version}_{self.name}.sql"


def split_statements(text: str) -> list[str]:
    """The statements of a migration file, without their terminating `;` or `/`."""
    statements: list[str] = []
    current: list[str] = []
    in_block = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped == "/":
            _flush(current, statements)
            in_block = False
            continue
        if not in_block and (not stripped or stripped.startswith("--")):
            continue
        if not current:
            in_block = bool(_BLOCK_START.match(line))
        current.append(line)
        if not in_block and stripped.endswith(";"):
            current[-1] = line.rstrip()[:-1]
            _flush(current, statements)
    if current:
        raise MigrationError("the last statement has no terminating ';' or '/' line")
    return statements


def _flush(current: list[str], statements: list[str]) -> None:
    statement = "\n".join(current).strip()
    if statement:
        statements.append(statement)
    current.clear()


def load_migrations(dialect_name: str) -> list[Migration]:
    """Every migration shipped for a dialect, in version order."""
    folder = resources.files(__name__).joinpath(dialect_name)
    migrations: list[Migration] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".sql"):
            continue
        match = _FILE_NAME.match(entry.name)
        if match is None:
            raise MigrationError(f"{dialect_name}/{entry.name}: name it NNNN_lower_name.sql")
        text = entry.read_text(encoding="utf-8").replace("\r\n", "\n")
        migrations.append(
            Migration(
                version=match["version"],
                name=match["name"],
                checksum=hashlib.sha256(text.encode()).hexdigest(),
                statements=tuple(split_statements(text)),
            )
        )
    versions = [m.version for m in migrations]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"{dialect_name}: two migration files share a version number")
    return migrations


def migrate(db: Database) -> list[str]:
    """Apply pending migrations in order; returns the versions applied now."""
    migrations = load_migrations(db.dialect.name)
    with db.unit_of_work() as uow:
        uow.execute(_CREATE_TABLE[db.dialect.name])
    with db.unit_of_work(readonly=True) as uow:
        recorded = _recorded(uow)
    for migration in migrations:
        if migration.version in recorded:
            _verify(migration, recorded[migration.version])
    return [m.version for m in migrations if m.version not in recorded and _apply(db, m)]


def _recorded(uow: UnitOfWork) -> dict[str, dict[str, str]]:
    rows = uow.query("SELECT version, name, checksum FROM schema_migrations")
    return {row["version"]: row for row in rows}


def _verify(migration: Migration, row: dict[str, str]) -> None:
    if row["name"] != migration.name or row["checksum"] != migration.checksum:
        raise MigrationError(
            f"migration {migration.filename} was changed after it was applied "
            f"(recorded {row['version']}_{row['name']}, checksum {row['checksum'][:12]}..., "
            f"file has {migration.checksum[:12]}...): restore it and add a new migration"
        )


def _apply(db: Database, migration: Migration) -> bool:
    with db.unit_of_work() as uow:
        # Another process may have applied it since we looked; the write lock settles it.
        row = uow.query_one(
            "SELECT version, name, checksum FROM schema_migrations WHERE version = :version",
            {"version": migration.version},
        )
        if row is not None:
            _verify(migration, row)
            return False
        for number, statement in enumerate(migration.statements, start=1):
            try:
                uow.execute(statement)
            except Exception as error:
                raise MigrationError(
                    f"{migration.filename}, statement {number} failed: {error}"
                ) from error
        uow.execute(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at)"
            " VALUES (:version, :name, :checksum, :applied_at)",
            {
                "version": migration.version,
                "name": migration.name,
                "checksum": migration.checksum,
                "applied_at": datetime.now(UTC),
            },
        )
    return True
