"""Constraints hold on SQLite as on Oracle, surfacing as our IntegrityError kinds."""

from __future__ import annotations

import uuid

import pytest

from fittrack.db import (
    CheckViolation,
    Database,
    ForeignKeyViolation,
    NotNullViolation,
    RuleViolation,
    UniqueViolation,
    ids,
)
from fittrack.db.base import UnitOfWork
from tests.fixtures.db import insert_user


def balance(db: Database, user_id: uuid.UUID) -> int:
    with db.unit_of_work(readonly=True) as uow:
        return int(
            uow.scalar("SELECT point_balance FROM users WHERE user_id = :id", {"id": user_id})
        )


def test_foreign_keys_are_enforced(database: Database) -> None:
    with database.unit_of_work() as uow, pytest.raises(ForeignKeyViolation):
        uow.execute("INSERT INTO user_profiles (user_id) VALUES (:id)", {"id": ids.new_id()})


def test_check_constraints_are_enforced(database: Database) -> None:
    with database.unit_of_work() as uow:
        user_id = insert_user(uow)
        with pytest.raises(CheckViolation, match="ck_users_status"):
            uow.execute("UPDATE users SET status = 'frozen' WHERE user_id = :id", {"id": user_id})
        with pytest.raises(CheckViolation, match="ck_point_ledger_amount_sign"):
            _add_ledger_entry(uow, user_id, "spend", 10)


def test_balance_cannot_go_below_zero(database: Database) -> None:
    with database.unit_of_work() as uow:
        user_id = insert_user(uow, balance=100)
        spent = uow.execute(
            "UPDATE users SET point_balance = point_balance - :cost"
            " WHERE user_id = :id AND point_balance >= :cost",
            {"cost": 150, "id": user_id},
        )
        assert spent == 0
        with pytest.raises(CheckViolation, match="ck_users_point_balance"):
            uow.execute(
                "UPDATE users SET point_balance = point_balance - 150 WHERE user_id = :id",
                {"id": user_id},
            )
    assert balance(database, user_id) == 100


def test_unique_and_not_null_violations(database: Database) -> None:
    with database.unit_of_work() as uow:
        insert_user(uow, email="same@example.com")
        with pytest.raises(UniqueViolation):
            insert_user(uow, email="same@example.com")
        with pytest.raises(NotNullViolation):
            uow.execute(
                "INSERT INTO users (user_id, email) VALUES (:id, NULL)", {"id": ids.new_id()}
            )


def test_audit_log_is_append_only(database: Database) -> None:
    with database.unit_of_work() as uow:
        uow.execute(
            "INSERT INTO audit_log (audit_id, entity_type, action, after)"
            " VALUES (:id, 'drawing', 'create', :after)",
            {"id": ids.new_id(), "after": uow.dialect.json({"status": "draft"})},
        )
        with pytest.raises(RuleViolation):
            uow.execute("UPDATE audit_log SET action = 'edit'")
        with pytest.raises(RuleViolation):
            uow.execute("DELETE FROM audit_log")
        assert uow.scalar("SELECT COUNT(*) FROM audit_log") == 1


def _add_ledger_entry(uow: UnitOfWork, user_id: uuid.UUID, kind: str, amount: int) -> None:
    uow.execute(
        "INSERT INTO point_ledger (entry_id, user_id, entry_type, amount, balance_after,"
        " idempotency_key) VALUES (:id, :member, :kind, :amount, 0, :key)",
        {
            "id": ids.new_id(),
            "member": user_id,
            "kind": kind,
            "amount": amount,
            "key": f"test:{ids.new_id()}",
        },
    )
