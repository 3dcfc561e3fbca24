"""The audit log is append-only and hash-chained: every write joins the chain, and any
change, removal or reordering is detected."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest

from fittrack.db import Database, RuleViolation, ids
from fittrack.db.sqlite import SqliteDatabase
from fittrack.repositories import admin_audit, audit
from tests.fixtures.db import NOW, insert_user


def write(db: Database, n: int) -> None:
    with db.unit_of_work() as uow:
        audit.append(
            uow,
            entity_type="drawing",
            entity_id=ids.new_id(),
            action=f"test.{n}",
            actor_id=None,
            before={"n": n},
            after={"n": n + 1, "note": "é"},
            now=NOW,
        )


def raw(db: Database) -> sqlite3.Connection:
    assert isinstance(db, SqliteDatabase)
    connection = sqlite3.connect(db.path)
    connection.execute("DROP TRIGGER trg_audit_log_no_update")
    connection.execute("DROP TRIGGER trg_audit_log_no_delete")
    return connection


def check(db: Database) -> audit.ChainCheck:
    with db.unit_of_work(readonly=True) as uow:
        return audit.verify_chain(uow)


def test_every_writer_joins_one_chain(database: Database) -> None:
    for n in range(3):
        write(database, n)
    with database.unit_of_work() as uow:
        user = insert_user(uow)
        admin_audit.record_audit(
            uow,
            entity_type="user",
            entity_id=user,
            action="user.test",
            actor_id=None,
            before=None,
            after={"ok": True},
            now=NOW,
        )
        rows = uow.query("SELECT seq, prev_hash, entry_hash FROM audit_log ORDER BY seq")
    assert [r["seq"] for r in rows] == [1, 2, 3, 4]
    assert rows[0]["prev_hash"] == audit.GENESIS
    assert all(b["prev_hash"] == a["entry_hash"] for a, b in zip(rows, rows[1:], strict=False))
    assert check(database) == audit.ChainCheck(True, 4)


def test_concurrent_writers_never_fork_the_chain(database: Database) -> None:
    with ThreadPoolExecutor(max_workers=12) as pool:
        list(pool.map(lambda n: write(database, n), range(60)))
    assert check(database) == audit.ChainCheck(True, 60)


def test_changing_an_entry_is_detected(database: Database) -> None:
    for n in range(5):
        write(database, n)
    connection = raw(database)
    connection.execute("UPDATE audit_log SET after = :a WHERE seq = 3", {"a": '{"n":999}'})
    connection.commit()
    connection.close()
    result = check(database)
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 3, "entry changed")


def test_rehashing_a_changed_entry_still_breaks_the_next_link(database: Database) -> None:
    for n in range(4):
        write(database, n)
    with database.unit_of_work(readonly=True) as uow:
        row = uow.query_one(
            "SELECT audit_id, entity_type, entity_id, action, actor_id,"
            " created_at, prev_hash FROM audit_log WHERE seq = 2"
        )
    assert row is not None
    forged = audit.entry_hash(
        2,
        row["prev_hash"],
        audit_id=ids.from_db(row["audit_id"]),
        entity_type=row["entity_type"],
        entity_id=ids.from_db(row["entity_id"]),
        action=row["action"],
        actor_id=None,
        before={"n": 1},
        after={"n": 0},
        created_at=row["created_at"],
    )
    connection = raw(database)
    connection.execute(
        "UPDATE audit_log SET after = :a, entry_hash = :h WHERE seq = 2",
        {"a": '{"n":0}', "h": forged},
    )
    connection.commit()
    connection.close()
    result = check(database)
    assert (result.ok, result.first_bad_seq) == (False, 3)


def test_removing_entries_is_detected(database: Database) -> None:
    for n in range(5):
        write(database, n)
    connection = raw(database)
    connection.execute("DELETE FROM audit_log WHERE seq = 2")
    connection.commit()
    assert check(database).first_bad_seq == 2
    connection.execute("DELETE FROM audit_log WHERE seq >= 2")
    connection.commit()
    connection.close()
    tail = check(database)
    assert (tail.ok, tail.problem) == (False, "entries after this one are missing")


def test_the_database_refuses_edits_through_the_application(database: Database) -> None:
    write(database, 1)
    with pytest.raises(RuleViolation), database.unit_of_work() as uow:
        uow.execute("UPDATE audit_log SET action = 'x'")
    with pytest.raises(RuleViolation), database.unit_of_work() as uow:
        uow.execute("DELETE FROM audit_log")
    assert check(database).ok
