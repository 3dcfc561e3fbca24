"""Tickets: purchased blocks (ticket_blocks) and free entries (free_entries).

Both take their numbers from the drawing's one counter
(repositories/drawings.reserve_tickets), so together they number 1..total
without gaps or overlaps. A free entry reads as a one-ticket block with no
points spent and no ledger entry.
"""

from __future__ import annotations

import heapq
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.db.sqlite import parse_timestamp
from fittrack.domain.tickets import Block

_BLOCK_COLUMNS = (
    "block_id, drawing_id, user_id, first_ticket_number, last_ticket_number,"
    " quantity, points_spent, ledger_entry_id, purchased_at, refunded_at"
)


@dataclass(frozen=True, kw_only=True)
class DrawingEntries:
    """A member's entries in one drawing (GET /tickets)."""

    drawing_id: uuid.UUID
    tickets: int
    points_spent: int
    blocks: int
    last_entry_at: datetime


def _block(row: dict[str, Any]) -> Block:
    return Block(
        block_id=ids.from_db(row["block_id"]),
        drawing_id=ids.from_db(row["drawing_id"]),
        user_id=ids.from_db(row["user_id"]),
        first_ticket_number=int(row["first_ticket_number"]),
        last_ticket_number=int(row["last_ticket_number"]),
        quantity=int(row["quantity"]),
        points_spent=int(row["points_spent"]),
        ledger_entry_id=ids.from_db(row["ledger_entry_id"]),
        purchased_at=row["purchased_at"],
        refunded_at=row["refunded_at"],
    )


def _free(row: dict[str, Any]) -> Block:
    number = int(row["ticket_number"])
    return Block(
        block_id=ids.from_db(row["free_entry_id"]),
        drawing_id=ids.from_db(row["drawing_id"]),
        user_id=ids.from_db(row["user_id"]),
        first_ticket_number=number,
        last_ticket_number=number,
        quantity=1,
        points_spent=0,
        ledger_entry_id=None,
        purchased_at=row["created_at"],
        free=True,
    )


def insert_block(uow: UnitOfWork, block: Block) -> None:
    uow.execute(
        f"INSERT INTO ticket_blocks ({_BLOCK_COLUMNS}) VALUES (:id, :drawing, :member, :first,"
        " :last, :quantity, :points, :entry, :at, NULL)",
        {
            "id": ids.to_db(block.block_id),
            "drawing": ids.to_db(block.drawing_id),
            "member": ids.to_db(block.user_id),
            "first": block.first_ticket_number,
            "last": block.last_ticket_number,
            "quantity": block.quantity,
            "points": block.points_spent,
            "entry": ids.to_db(block.ledger_entry_id),
            "at": block.purchased_at,
        },
    )


def insert_free_entry(
    uow: UnitOfWork,
    entry_id: uuid.UUID,
    *,
    drawing_id: uuid.UUID,
    user_id: uuid.UUID,
    ticket_number: int,
    now: datetime,
) -> None:
    """One per member and drawing: a second one raises UniqueViolation."""
    uow.execute(
        "INSERT INTO free_entries (free_entry_id, drawing_id, user_id, ticket_number, created_at)"
        " VALUES (:id, :drawing, :member, :ticket_number, :now)",
        {
            "id": ids.to_db(entry_id),
            "drawing": ids.to_db(drawing_id),
            "member": ids.to_db(user_id),
            "ticket_number": ticket_number,
            "now": now,
        },
    )


def has_free_entry(uow: UnitOfWork, drawing_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    return (
        uow.query_one(
            "SELECT free_entry_id FROM free_entries WHERE drawing_id = :d AND user_id = :u",
            {"d": ids.to_db(drawing_id), "u": ids.to_db(user_id)},
        )
        is not None
    )


def for_user(uow: UnitOfWork, drawing_id: uuid.UUID, user_id: uuid.UUID) -> list[Block]:
    """The member's blocks and free entry in one drawing, in ticket order."""
    params = {"d": ids.to_db(drawing_id), "u": ids.to_db(user_id)}
    blocks = [
        _block(row)
        for row in uow.query(
            f"SELECT {_BLOCK_COLUMNS} FROM ticket_blocks WHERE drawing_id = :d AND user_id = :u",
            params,
        )
    ]
    blocks += [
        _free(row)
        for row in uow.query(
            "SELECT free_entry_id, drawing_id, user_id, ticket_number, created_at FROM free_entries"
            " WHERE drawing_id = :d AND user_id = :u",
            params,
        )
    ]
    return sorted(blocks, key=lambda b: b.first_ticket_number)


def ticket_counts(
    uow: UnitOfWork, drawing_ids: list[uuid.UUID], user_id: uuid.UUID
) -> dict[uuid.UUID, int]:
    """How many tickets the member holds in each of these drawings (0 when none)."""
    counts = dict.fromkeys(drawing_ids, 0)
    for start in range(0, len(drawing_ids), 500):
        binds = {f"d{n}": ids.to_db(d) for n, d in enumerate(drawing_ids[start : start + 500])}
        where = f"user_id = :u AND drawing_id IN ({', '.join(':' + b for b in binds)})"
        rows = uow.query(
            f"SELECT drawing_id, SUM(quantity) AS tickets FROM ticket_blocks WHERE {where}"
            f" GROUP BY drawing_id UNION ALL SELECT drawing_id, COUNT(*) AS tickets"
            f" FROM free_entries WHERE {where} GROUP BY drawing_id",
            {**binds, "u": ids.to_db(user_id)},
        )
        for row in rows:
            counts[ids.from_db(row["drawing_id"])] += int(row["tickets"])
    return counts


def snapshot_rows(uow: UnitOfWork, drawing_id: uuid.UUID) -> list[tuple[int, int, bytes]]:
    """(first, last, owner id as its 16 bytes) of every block and free entry, in ticket
    order (plain tuples: a snapshot may hold 1,000,000 blocks). Blocks come in the
    order of their unique index; the few free entries are merged in."""
    params = {"d": ids.to_db(drawing_id)}
    blocks = uow.query_tuples(
        "SELECT first_ticket_number, last_ticket_number, user_id"
        " FROM ticket_blocks WHERE drawing_id = :d ORDER BY first_ticket_number",
        params,
    )
    free = uow.query_tuples(
        "SELECT ticket_number, ticket_number, user_id FROM free_entries WHERE drawing_id = :d"
        " ORDER BY ticket_number",
        params,
    )
    return list(heapq.merge(blocks, free)) if free else blocks


def unrefunded(uow: UnitOfWork, drawing_id: uuid.UUID, limit: int) -> list[Block]:
    rows = uow.query(
        f"SELECT {_BLOCK_COLUMNS} FROM ticket_blocks WHERE drawing_id = :d"
        f" AND refunded_at IS NULL ORDER BY first_ticket_number {uow.dialect.limit()}",
        {"d": ids.to_db(drawing_id), "limit": limit},
    )
    return [_block(row) for row in rows]


def mark_refunded(uow: UnitOfWork, block_id: uuid.UUID, now: datetime) -> bool:
    return (
        uow.execute(
            "UPDATE ticket_blocks SET refunded_at = :now WHERE block_id = :id"
            " AND refunded_at IS NULL",
            {"now": now, "id": ids.to_db(block_id)},
        )
        == 1
    )


def entrant_ids(uow: UnitOfWork, drawing_id: uuid.UUID) -> list[uuid.UUID]:
    rows = uow.query(
        "SELECT user_id FROM ticket_blocks WHERE drawing_id = :d UNION"
        " SELECT user_id FROM free_entries WHERE drawing_id = :d",
        {"d": ids.to_db(drawing_id)},
    )
    return sorted(ids.from_db(row["user_id"]) for row in rows)


_MINE = (
    "SELECT drawing_id, SUM(tickets) AS tickets, SUM(points) AS points, COUNT(*) AS blocks,"
    " MAX(entered_at) AS last_at FROM (SELECT drawing_id, quantity AS tickets,"
    " points_spent AS points, purchased_at AS entered_at FROM ticket_blocks WHERE user_id = :u"
    " UNION ALL SELECT drawing_id, 1 AS tickets, 0 AS points, created_at AS entered_at"
    " FROM free_entries WHERE user_id = :u) e GROUP BY drawing_id"
)


def count_my_drawings(uow: UnitOfWork, user_id: uuid.UUID) -> int:
    return int(uow.scalar(f"SELECT COUNT(*) AS n FROM ({_MINE}) m", {"u": ids.to_db(user_id)}) or 0)


def my_drawings(
    uow: UnitOfWork, user_id: uuid.UUID, offset: int, limit: int
) -> list[DrawingEntries]:
    """The member's entries per drawing, most recent entry first."""
    rows = uow.query(
        f"{_MINE} ORDER BY last_at DESC, drawing_id {uow.dialect.paginate()}",
        {"u": ids.to_db(user_id), "offset": offset, "limit": limit},
    )
    return [
        DrawingEntries(
            drawing_id=ids.from_db(r["drawing_id"]),
            tickets=int(r["tickets"]),
            points_spent=int(r["points"]),
            blocks=int(r["blocks"]),
            last_entry_at=_moment(r["last_at"]),
        )
        for r in rows
    ]


def _moment(value: Any) -> datetime:
    """MAX() of a timestamp comes back as text on SQLite."""
    return value if isinstance(value, datetime) else parse_timestamp(value)


def member_row(uow: UnitOfWork, user_id: uuid.UUID) -> dict[str, Any] | None:
    """What eligibility looks at: the account and whether the profile is complete."""
    return uow.query_one(
        "SELECT u.role, u.status, u.deleted_at, u.email_verified_at, u.state_of_residence,"
        " u.created_at, u.premium_expires_at, p.completed_at FROM users u"
        " LEFT JOIN user_profiles p ON p.user_id = u.user_id WHERE u.user_id = :id",
        {"id": ids.to_db(user_id)},
    )


def drawings_with_unrefunded(uow: UnitOfWork, limit: int = 50) -> list[uuid.UUID]:
    """Cancelled drawings whose refunds were interrupted (the lifecycle job resumes them)."""
    rows = uow.query(
        "SELECT DISTINCT b.drawing_id FROM ticket_blocks b JOIN drawings d"
        " ON d.drawing_id = b.drawing_id WHERE d.status = 'cancelled' AND b.refunded_at IS NULL"
        f" ORDER BY b.drawing_id {uow.dialect.limit()}",
        {"limit": limit},
    )
    return [ids.from_db(row["drawing_id"]) for row in rows]


def free_entrant_ids(uow: UnitOfWork, drawing_id: uuid.UUID) -> list[uuid.UUID]:
    rows = uow.query(
        "SELECT user_id FROM free_entries WHERE drawing_id = :d", {"d": ids.to_db(drawing_id)}
    )
    return [ids.from_db(row["user_id"]) for row in rows]
