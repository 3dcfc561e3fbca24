"""Fulfillments (one per drawing winner), their tax details, and winner row updates."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.fulfillment import Fulfillment, FulfillmentStatus

_SELECT = (
    "SELECT f.fulfillment_id, f.winner_id, f.user_id, f.prize_id, f.status, f.shipping_address,"
    " f.delivery_email, f.address_confirmed_at, f.carrier, f.tracking_number, f.shipped_at,"
    " f.delivered_at, f.tax_info_required, f.tax_info_received_at, f.notified_at,"
    " f.warning_due_at, f.warning_sent_at, f.forfeit_due_at, f.forfeited_at, f.notes,"
    " f.created_at, f.updated_at, p.drawing_id, p.name AS prize_name, p.rank AS prize_rank,"
    " p.value_usd, p.fulfillment_type, p.image_url, d.name AS drawing_name"
    " FROM fulfillments f JOIN prizes p ON p.prize_id = f.prize_id"
    " JOIN drawings d ON d.drawing_id = p.drawing_id"
)
# Columns a service may set through `update`; everything else is fixed at insert.
_UPDATABLE = frozenset(
    {
        "status",
        "shipping_address",
        "delivery_email",
        "address_confirmed_at",
        "carrier",
        "tracking_number",
        "shipped_at",
        "delivered_at",
        "tax_info_received_at",
        "notified_at",
        "warning_due_at",
        "warning_sent_at",
        "forfeit_due_at",
        "forfeited_at",
        "notes",
    }
)


def _from_row(row: dict[str, Any]) -> Fulfillment:
    address = row["shipping_address"]
    value = row["value_usd"]
    return Fulfillment(
        fulfillment_id=ids.from_db(row["fulfillment_id"]),
        winner_id=ids.from_db(row["winner_id"]),
        user_id=ids.from_db(row["user_id"]),
        prize_id=ids.from_db(row["prize_id"]),
        drawing_id=ids.from_db(row["drawing_id"]),
        status=FulfillmentStatus(row["status"]),
        shipping_address=json.loads(address) if isinstance(address, str) else address,
        delivery_email=row["delivery_email"],
        address_confirmed_at=row["address_confirmed_at"],
        carrier=row["carrier"],
        tracking_number=row["tracking_number"],
        shipped_at=row["shipped_at"],
        delivered_at=row["delivered_at"],
        tax_info_required=bool(row["tax_info_required"]),
        tax_info_received_at=row["tax_info_received_at"],
        notified_at=row["notified_at"],
        warning_due_at=row["warning_due_at"],
        warning_sent_at=row["warning_sent_at"],
        forfeit_due_at=row["forfeit_due_at"],
        forfeited_at=row["forfeited_at"],
        notes=row["notes"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        prize_name=row["prize_name"],
        prize_rank=int(row["prize_rank"]),
        value_usd=value if isinstance(value, Decimal) else Decimal(str(value)),
        fulfillment_type=row["fulfillment_type"],
        image_url=row["image_url"],
        drawing_name=row["drawing_name"],
    )


def get(uow: UnitOfWork, fulfillment_id: uuid.UUID) -> Fulfillment | None:
    row = uow.query_one(
        _SELECT + " WHERE f.fulfillment_id = :id", {"id": ids.to_db(fulfillment_id)}
    )
    return _from_row(row) if row else None


def get_by_winner(uow: UnitOfWork, winner_id: uuid.UUID) -> Fulfillment | None:
    row = uow.query_one(_SELECT + " WHERE f.winner_id = :id", {"id": ids.to_db(winner_id)})
    return _from_row(row) if row else None


def insert(
    uow: UnitOfWork,
    *,
    fulfillment_id: uuid.UUID,
    winner_id: uuid.UUID,
    user_id: uuid.UUID,
    prize_id: uuid.UUID,
    status: str,
    tax_required: bool,
    notified_at: datetime | None,
    warning_due_at: datetime | None,
    forfeit_due_at: datetime | None,
    now: datetime,
) -> None:
    uow.execute(
        "INSERT INTO fulfillments (fulfillment_id, winner_id, user_id, prize_id, status,"
        " tax_info_required, notified_at, warning_due_at, forfeit_due_at, created_at, updated_at)"
        " VALUES (:id, :winner, :user_id, :prize, :status, :tax, :notified, :warn, :forfeit,"
        " :now, :now)",
        {
            "id": ids.to_db(fulfillment_id),
            "winner": ids.to_db(winner_id),
            "user_id": ids.to_db(user_id),
            "prize": ids.to_db(prize_id),
            "status": status,
            "tax": tax_required,
            "notified": notified_at,
            "warn": warning_due_at,
            "forfeit": forfeit_due_at,
            "now": now,
        },
    )


def update(
    uow: UnitOfWork,
    fulfillment_id: uuid.UUID,
    *,
    expected_status: str,
    changes: dict[str, Any],
    now: datetime,
) -> bool:
    """Apply `changes` only while the row is still in `expected_status` (no lost updates)."""
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise ValueError(f"not updatable: {sorted(unknown)}")
    binds: dict[str, Any] = {
        "id": ids.to_db(fulfillment_id),
        "expected": expected_status,
        "now": now,
    }
    sets = []
    for column, value in sorted(changes.items()):
        sets.append(f"{column} = :{column}")
        binds[column] = uow.dialect.json(value) if column == "shipping_address" else value
    changed = uow.execute(
        f"UPDATE fulfillments SET {', '.join(sets)}, updated_at = :now"
        " WHERE fulfillment_id = :id AND status = :expected",
        binds,
    )
    return changed == 1


def _where(status: str | None, user_id: uuid.UUID | None) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if status:
        clauses.append("f.status = :status")
        params["status"] = status
    if user_id:
        clauses.append("f.user_id = :user_id")
        params["user_id"] = ids.to_db(user_id)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def count(uow: UnitOfWork, status: str | None = None, user_id: uuid.UUID | None = None) -> int:
    where, params = _where(status, user_id)
    return int(uow.scalar("SELECT COUNT(*) AS n FROM fulfillments f" + where, params) or 0)


def list_page(
    uow: UnitOfWork,
    offset: int,
    *,
    limit: int,
    status: str | None = None,
    user_id: uuid.UUID | None = None,
) -> list[Fulfillment]:
    where, params = _where(status, user_id)
    rows = uow.query(
        _SELECT
        + where
        + " ORDER BY f.created_at DESC, f.fulfillment_id DESC "
        + uow.dialect.paginate(),
        {**params, "offset": offset, "limit": limit},
    )
    return [_from_row(row) for row in rows]


def due_for_timeout(uow: UnitOfWork, statuses: tuple[str, ...], now: datetime) -> list[uuid.UUID]:
    """Fulfillments waiting for their winner whose warning or forfeit time has come."""
    rows = uow.query(
        "SELECT fulfillment_id FROM fulfillments WHERE status IN (:s1, :s2)"
        " AND ((forfeit_due_at IS NOT NULL AND forfeit_due_at <= :now)"
        " OR (warning_sent_at IS NULL AND warning_due_at IS NOT NULL AND warning_due_at <= :now))"
        " ORDER BY forfeit_due_at, fulfillment_id",
        {"s1": statuses[0], "s2": statuses[-1], "now": now},
    )
    return [ids.from_db(row["fulfillment_id"]) for row in rows]


def held_for_user(uow: UnitOfWork, user_id: uuid.UUID, held_status: str) -> list[uuid.UUID]:
    rows = uow.query(
        "SELECT fulfillment_id FROM fulfillments WHERE user_id = :user_id AND status = :status"
        " ORDER BY created_at",
        {"user_id": ids.to_db(user_id), "status": held_status},
    )
    return [ids.from_db(row["fulfillment_id"]) for row in rows]


# ---- tax details ------------------------------------------------------------------------------


def save_tax_details(
    uow: UnitOfWork, fulfillment_id: uuid.UUID, *, blob: bytes, last4: str, now: datetime
) -> None:
    sql = uow.dialect.upsert(
        "fulfillment_tax_details",
        ("fulfillment_id", "details_encrypted", "tax_id_last4", "received_at", "created_at"),
        ("fulfillment_id",),
        update=("details_encrypted", "tax_id_last4", "received_at"),
    )
    uow.execute(
        sql,
        {
            "fulfillment_id": ids.to_db(fulfillment_id),
            "details_encrypted": blob,
            "tax_id_last4": last4,
            "received_at": now,
            "created_at": now,
        },
    )


def tax_details(uow: UnitOfWork, fulfillment_id: uuid.UUID) -> dict[str, Any] | None:
    return uow.query_one(
        "SELECT details_encrypted, tax_id_last4, received_at FROM fulfillment_tax_details"
        " WHERE fulfillment_id = :id",
        {"id": ids.to_db(fulfillment_id)},
    )
