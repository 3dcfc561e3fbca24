"""The point ledger, and the one way a member's point balance changes.

`post_entry` is the only code that writes `users.point_balance`: one conditional
UPDATE (the balance never goes below zero, no read-modify-write) and the ledger
row with the balance after it, in the caller's transaction. So the sum of a
member's ledger amounts always equals the balance. Use it for every kind of
entry: `earn` (daily points), `spend` (ticket purchases, amount < 0), `refund`
(a cancelled drawing's tickets, amount > 0) and `adjust` (an admin, amount != 0).

Every entry names what it pays for in `idempotency_key` (unique): posting the
same key again changes nothing and returns the entry already recorded, marked
`replayed`, so at-least-once consumers can simply retry. Suggested keys:
`daily:{user}:{day}:{total}` (daily points up to a total),
`tickets:{ticket_block_id}`, `refund:{ticket_block_id}`, `adjust:{admin_action_id}`.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.ledger import LedgerEntry

ENTRY_TYPES = ("earn", "spend", "adjust", "refund")
REFERENCE_TYPES = ("daily_points", "ticket_block", "drawing", "admin_action")

_COLUMNS = (
    "entry_id, user_id, entry_type, amount, balance_after, reason, reference_type,"
    " reference_id, idempotency_key, created_by, created_at"
)


class IdempotencyKeyReused(ValueError):
    """The key is already recorded for a different member, type or amount: a bug."""


def _from_row(row: dict[str, Any]) -> LedgerEntry:
    return LedgerEntry(
        entry_id=ids.from_db(row["entry_id"]),
        user_id=ids.from_db(row["user_id"]),
        entry_type=row["entry_type"],
        amount=row["amount"],
        balance_after=row["balance_after"],
        reason=row["reason"],
        reference_type=row["reference_type"],
        reference_id=ids.from_db(row["reference_id"]),
        idempotency_key=row["idempotency_key"],
        created_by=ids.from_db(row["created_by"]),
        created_at=row["created_at"],
    )


def check_amount(entry_type: str, amount: int) -> None:
    """The sign rule of the ledger's CHECK, before touching the database."""
    if entry_type not in ENTRY_TYPES:
        raise ValueError(f"unknown ledger entry type {entry_type!r}")
    ok = {"earn": amount > 0, "refund": amount > 0, "spend": amount < 0, "adjust": amount != 0}[
        entry_type
    ]
    if not ok:
        raise ValueError(f"a {entry_type} entry cannot have amount {amount}")


def post_entry(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    entry_type: str,
    amount: int,
    reason: str | None,
    reference_type: str | None,
    reference_id: uuid.UUID | None,
    idempotency_key: str,
    created_by: uuid.UUID | None,
    now: datetime,
) -> LedgerEntry | None:
    """Change the member's balance by `amount` and record it; the caller's transaction.

    Returns the new entry; the earlier entry (`replayed=True`) when the key was
    posted before; None when the balance would go below zero or the member does
    not exist (nothing changed). `earn` entries also raise `lifetime_points`.
    Raises ValueError for a wrong sign and IdempotencyKeyReused for a key already
    used for something else.
    """
    check_amount(entry_type, amount)
    if reference_type is not None and reference_type not in REFERENCE_TYPES:
        raise ValueError(f"unknown ledger reference type {reference_type!r}")
    uid = ids.to_db(user_id)
    # Oracle: lock the member's row first, so the key check below and the update are
    # serialised per member (SQLite write transactions already hold the database lock).
    if uow.dialect.for_update():
        uow.query_one(
            f"SELECT user_id FROM users WHERE user_id = :id{uow.dialect.for_update()}", {"id": uid}
        )
    existing = find_by_key(uow, idempotency_key)
    if existing is not None:
        if (
            existing.user_id != ids.from_db(uid)
            or existing.entry_type != entry_type
            or existing.amount != amount
        ):
            raise IdempotencyKeyReused(
                f"ledger key {idempotency_key!r} already pays for something else"
            )
        return replace(existing, replayed=True)
    earned = amount if entry_type == "earn" else 0
    changed = uow.execute(
        "UPDATE users SET point_balance = point_balance + :delta,"
        " lifetime_points = lifetime_points + :earned, updated_at = :now"
        " WHERE user_id = :id AND point_balance + :delta >= 0",
        {"delta": amount, "earned": earned, "now": now, "id": uid},
    )
    if changed != 1:
        return None
    balance_after = int(
        uow.scalar("SELECT point_balance FROM users WHERE user_id = :id", {"id": uid})
    )
    entry = LedgerEntry(
        entry_id=ids.new_id(),
        user_id=ids.from_db(uid),
        entry_type=entry_type,
        amount=amount,
        balance_after=balance_after,
        reason=reason,
        reference_type=reference_type,
        reference_id=reference_id,
        idempotency_key=idempotency_key,
        created_by=created_by,
        created_at=now,
    )
    uow.execute(
        f"INSERT INTO point_ledger ({_COLUMNS}) VALUES (:entry_id, :user_id, :entry_type,"
        " :amount, :balance_after, :reason, :reference_type, :reference_id, :key,"
        " :created_by, :created_at)",
        {
            "entry_id": ids.to_db(entry.entry_id),
            "user_id": uid,
            "entry_type": entry_type,
            "amount": amount,
            "balance_after": balance_after,
            "reason": reason,
            "reference_type": reference_type,
            "reference_id": ids.to_db(reference_id),
            "key": idempotency_key,
            "created_by": ids.to_db(created_by),
            "created_at": now,
        },
    )
    return entry


def find_by_key(uow: UnitOfWork, idempotency_key: str) -> LedgerEntry | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM point_ledger WHERE idempotency_key = :key",
        {"key": idempotency_key},
    )
    return _from_row(row) if row else None


def balances(uow: UnitOfWork, user_id: uuid.UUID) -> tuple[int, int] | None:
    """(point balance, lifetime points earned), or None for an unknown member."""
    row = uow.query_one(
        "SELECT point_balance, lifetime_points FROM users WHERE user_id = :id",
        {"id": ids.to_db(user_id)},
    )
    return (int(row["point_balance"]), int(row["lifetime_points"])) if row else None


def ledger_sum(uow: UnitOfWork, user_id: uuid.UUID) -> int:
    """The sum of the member's entries (always equal to the balance)."""
    return int(
        uow.scalar(
            "SELECT COALESCE(SUM(amount), 0) FROM point_ledger WHERE user_id = :id",
            {"id": ids.to_db(user_id)},
        )
        or 0
    )


def _filters(
    user_id: uuid.UUID, since: datetime | None, until: datetime | None, entry_type: str | None
) -> tuple[str, dict[str, Any]]:
    sql = " WHERE user_id = :user_id"
    params: dict[str, Any] = {"user_id": ids.to_db(user_id)}
    if since is not None:
        sql += " AND created_at >= :since"
        params["since"] = since
    if until is not None:
        sql += " AND created_at < :until"
        params["until"] = until
    if entry_type is not None:
        sql += " AND entry_type = :type"
        params["type"] = entry_type
    return sql, params


def list_page(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    since: datetime | None,
    until: datetime | None,
    entry_type: str | None,
    limit: int,
    offset: int,
) -> tuple[list[LedgerEntry], int]:
    """One page of a member's entries, newest first, with the total count.
    `since` is inclusive, `until` exclusive."""
    where, params = _filters(user_id, since, until, entry_type)
    total = int(uow.scalar(f"SELECT COUNT(*) FROM point_ledger{where}", params) or 0)
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM point_ledger{where}"
        f" ORDER BY created_at DESC, entry_id DESC {uow.dialect.paginate()}",
        {**params, "limit": limit, "offset": offset},
    )
    return [_from_row(row) for row in rows], total
