"""The drills' checker catches each kind of damage it names (so a drill can fail)."""

from __future__ import annotations

import uuid

from fittrack.db import Database, UnitOfWork, ids
from fittrack.repositories import ledger
from tests.faults.invariants import violations
from tests.fixtures.db import NOW, insert_user

DAY = "2026-03-14"


def _earn(uow: UnitOfWork, user_id: uuid.UUID, amount: int, total: int) -> None:
    entry = ledger.post_entry(
        uow,
        user_id,
        entry_type="earn",
        amount=amount,
        reason="test",
        reference_type="daily_points",
        reference_id=None,
        idempotency_key=f"daily:{user_id}:{DAY}:{total}",
        created_by=None,
        now=NOW,
    )
    assert entry is not None


def _paid_day(uow: UnitOfWork, user_id: uuid.UUID, total_paid: int) -> None:
    uow.execute(
        "INSERT INTO daily_points (user_id, program_day, total_paid, updated_at)"
        " VALUES (:u, :day, :paid, :now)",
        {"u": ids.to_db(user_id), "day": DAY, "paid": total_paid, "now": NOW},
    )


def test_a_consistent_database_has_no_violations(database: Database) -> None:
    with database.unit_of_work() as uow:
        member = insert_user(uow)
        _earn(uow, member, 100, 100)
        _earn(uow, member, 40, 140)
        _paid_day(uow, member, 140)
    assert violations(database) == []


def test_a_balance_the_ledger_does_not_explain(database: Database) -> None:
    with database.unit_of_work() as uow:
        insert_user(uow, balance=50)
    [found] = violations(database)
    assert "balance 50 but ledger 0" in found


def test_a_day_paid_twice(database: Database) -> None:
    with database.unit_of_work() as uow:
        member = insert_user(uow)
        _earn(uow, member, 100, 100)
        _earn(uow, member, 100, 200)  # paid again, the day's total_paid never moved
        _paid_day(uow, member, 100)
    [found] = violations(database)
    assert f"day {DAY}" in found and "[100, 100]" in found


def _drawing(uow: UnitOfWork, total: int) -> bytes:
    drawing_id = ids.to_db(ids.new_id())
    uow.execute(
        "INSERT INTO drawings (drawing_id, drawing_type, name, ticket_cost_points,"
        " sales_close_time, drawing_time, eligibility, total_tickets, next_ticket_number)"
        " VALUES (:id, 'daily', 'D', 10, :now, :now, :elig, :total, :next)",
        {"id": drawing_id, "now": NOW, "elig": "{}", "total": total, "next": total + 1},
    )
    return drawing_id


def _free_entry(uow: UnitOfWork, drawing_id: bytes, user_id: uuid.UUID, ticket: int) -> None:
    uow.execute(
        "INSERT INTO free_entries (free_entry_id, drawing_id, user_id, ticket_number)"
        " VALUES (:id, :d, :u, :t)",
        {"id": ids.to_db(ids.new_id()), "d": drawing_id, "u": ids.to_db(user_id), "t": ticket},
    )


def test_ticket_totals_that_do_not_match_their_numbers(database: Database) -> None:
    with database.unit_of_work() as uow:
        member, other = insert_user(uow), insert_user(uow)
        fine = _drawing(uow, total=1)
        _free_entry(uow, fine, member, 1)
        overcounted = _drawing(uow, total=2)
        _free_entry(uow, overcounted, member, 1)
        gap = _drawing(uow, total=3)
        _free_entry(uow, gap, member, 1)
        _free_entry(uow, gap, other, 3)
    found = violations(database)
    assert len(found) == 2, found
    assert f"drawing {overcounted.hex()}: total 2 but blocks end at 1" in found
    assert f"drawing {gap.hex()}: ticket 3 after gap" in found


def test_a_member_told_twice_of_one_prize(database: Database) -> None:
    with database.unit_of_work() as uow:
        member = insert_user(uow)
        for _ in range(2):
            uow.execute(
                "INSERT INTO notifications (notification_id, user_id, kind, title, body, data,"
                " created_at) VALUES (:id, :u, 'prize_won', 'You won', 'A prize', :data, :now)",
                {
                    "id": ids.to_db(ids.new_id()),
                    "u": ids.to_db(member),
                    "data": '{"drawingId": "d-1"}',
                    "now": NOW,
                },
            )
    [found] = violations(database)
    assert "told 2 times of a prize in d-1" in found


def test_a_block_marked_refunded_without_its_refund(database: Database) -> None:
    with database.unit_of_work() as uow:
        member, block_id = insert_user(uow), ids.new_id()
        for kind, amount, key in (("adjust", 100, "test:grant"), ("spend", -10, "tickets:b")):
            entry = ledger.post_entry(
                uow,
                member,
                entry_type=kind,
                amount=amount,
                reason="test",
                reference_type="ticket_block" if kind == "spend" else None,
                reference_id=block_id if kind == "spend" else None,
                idempotency_key=key,
                created_by=None,
                now=NOW,
            )
            assert entry is not None
        uow.execute(
            "INSERT INTO ticket_blocks (block_id, drawing_id, user_id, first_ticket_number,"
            " last_ticket_number, quantity, points_spent, ledger_entry_id, refunded_at)"
            " VALUES (:id, :d, :u, 1, 1, 1, 10, :entry, :now)",
            {
                "id": ids.to_db(block_id),
                "d": _drawing(uow, total=1),
                "u": ids.to_db(member),
                "entry": ids.to_db(entry.entry_id),
                "now": NOW,
            },
        )
    [found] = violations(database)
    assert f"block {block_id.hex}: 0 refunds of 0" in found
