"""The migration runner on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib import resources

import pytest

from fittrack.db import Database, MigrationError, migrate
from fittrack.db.migrations import load_migrations, split_statements


def _versions() -> list[str]:
    return [m.version for m in load_migrations("sqlite")]


def test_applies_every_migration_then_nothing(unmigrated_database: Database) -> None:
    assert migrate(unmigrated_database) == _versions()
    assert migrate(unmigrated_database) == []


def test_records_each_migration(unmigrated_database: Database) -> None:
    before = datetime.now(UTC)
    migrate(unmigrated_database)
    with unmigrated_database.unit_of_work(readonly=True) as uow:
        rows = uow.query(
            "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version"
        )
    expected = load_migrations("sqlite")
    assert [(r["version"], r["name"], r["checksum"]) for r in rows] == [
        (m.version, m.name, m.checksum) for m in expected
    ]
    for row in rows:
        assert before - timedelta(seconds=1) <= row["applied_at"] <= datetime.now(UTC)


def test_migrated_fixture_is_fully_migrated(database: Database) -> None:
    assert migrate(database) == []


def test_tampered_checksum_is_rejected(database: Database) -> None:
    with database.unit_of_work() as uow:
        uow.execute(
            "UPDATE schema_migrations SET checksum = :c WHERE version = '0003'", {"c": "0" * 64}
        )
    with pytest.raises(MigrationError, match=r"0003_points_leaderboards\.sql was changed"):
        migrate(database)


def test_renamed_migration_is_rejected(database: Database) -> None:
    with database.unit_of_work() as uow:
        uow.execute("UPDATE schema_migrations SET name = 'other' WHERE version = '0001'")
    with pytest.raises(MigrationError, match="0001_identity"):
        migrate(database)


def test_applies_only_what_is_missing(unmigrated_database: Database) -> None:
    migrate(unmigrated_database)
    with unmigrated_database.unit_of_work() as uow:
        uow.execute("DROP TABLE local_queue")
        uow.execute("DROP TABLE outbox")
        uow.execute("DELETE FROM schema_migrations WHERE version = '0005'")
    # 0005 also creates tables that still exist, so re-applying it must fail whole...
    with pytest.raises(MigrationError, match=r"0005_\w+\.sql, statement 1 failed"):
        migrate(unmigrated_database)
    # ...and leave nothing half-done behind (SQLite DDL is transactional).
    with unmigrated_database.unit_of_work(readonly=True) as uow:
        tables = {r["name"] for r in uow.query("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "outbox" not in tables
    assert "notifications" in tables


def test_migration_files_ship_with_the_package() -> None:
    folder = resources.files("fittrack.db.migrations")
    for dialect in ("sqlite", "oracle"):
        assert sorted(p.name for p in folder.joinpath(dialect).iterdir() if p.name.endswith(".sql"))


def test_splitter_handles_comments_statements_and_blocks() -> None:
    text = """-- heading; with a semicolon
CREATE TABLE a (
    x INTEGER -- inline note
);

CREATE TRIGGER t BEFORE DELETE ON a
BEGIN
    SELECT RAISE(ABORT, 'no');
END;
/
CREATE INDEX ix ON a (x);
"""
    assert split_statements(text) == [
        "CREATE TABLE a (\n    x INTEGER -- inline note\n)",
        "CREATE TRIGGER t BEFORE DELETE ON a\nBEGIN\n    SELECT RAISE(ABORT, 'no');\nEND;",
        "CREATE INDEX ix ON a (x)",
    ]


def test_splitter_rejects_an_unterminated_statement() -> None:
    with pytest.raises(MigrationError, match="terminating"):
        split_statements("CREATE TABLE a (x INTEGER)\n")
