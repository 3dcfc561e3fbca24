"""Prizes of a drawing (rank 1 is the top prize)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.prizes import Prize

_COLUMNS = (
    "p.prize_id, p.drawing_id, p.rank, p.name, p.description, p.value_usd, p.quantity,"
    " p.fulfillment_type, p.sponsor_id, p.image_url"
)


@dataclass(frozen=True, kw_only=True)
class ShowcaseRow:
    prize: Prize
    drawing_name: str
    drawing_type: str
    drawing_status: str
    drawing_time: datetime


def _money(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value)).quantize(Decimal("0.01"))


def _from_row(row: dict[str, Any]) -> Prize:
    return Prize(
        prize_id=ids.from_db(row["prize_id"]),
        drawing_id=ids.from_db(row["drawing_id"]),
        rank=int(row["rank"]),
        name=row["name"],
        description=row["description"],
        value_usd=_money(row["value_usd"]),
        quantity=int(row["quantity"]),
        fulfillment_type=row["fulfillment_type"],
        sponsor_id=ids.from_db(row["sponsor_id"]),
        image_url=row["image_url"],
    )


def get(uow: UnitOfWork, prize_id: uuid.UUID) -> Prize | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM prizes p WHERE p.prize_id = :id", {"id": ids.to_db(prize_id)}
    )
    return _from_row(row) if row else None


def list_for_drawing(uow: UnitOfWork, drawing_id: uuid.UUID) -> list[Prize]:
    """The drawing's prizes in rank order."""
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM prizes p WHERE p.drawing_id = :id ORDER BY p.rank",
        {"id": ids.to_db(drawing_id)},
    )
    return [_from_row(row) for row in rows]


def drawing_status(uow: UnitOfWork, drawing_id: uuid.UUID) -> str | None:
    value = uow.scalar(
        "SELECT status FROM drawings WHERE drawing_id = :id", {"id": ids.to_db(drawing_id)}
    )
    return str(value) if value is not None else None


def rank_taken(
    uow: UnitOfWork, drawing_id: uuid.UUID, rank: int, except_prize: uuid.UUID | None = None
) -> bool:
    row = uow.query_one(
        "SELECT prize_id FROM prizes WHERE drawing_id = :d AND rank = :rank",
        {"d": ids.to_db(drawing_id), "rank": rank},
    )
    return row is not None and ids.from_db(row["prize_id"]) != except_prize


def insert(uow: UnitOfWork, prize: Prize, now: datetime) -> None:
    uow.execute(
        "INSERT INTO prizes (prize_id, drawing_id, rank, name, description, value_usd, quantity,"
        " fulfillment_type, sponsor_id, image_url, created_at, updated_at) VALUES (:id, :drawing,"
        " :rank, :name, :description, :value, :quantity, :ftype, :sponsor, :image, :now, :now)",
        _binds(prize, now),
    )


def update(uow: UnitOfWork, prize: Prize, now: datetime) -> None:
    uow.execute(
        "UPDATE prizes SET rank = :rank, name = :name, description = :description,"
        " value_usd = :value, quantity = :quantity, fulfillment_type = :ftype,"
        " sponsor_id = :sponsor, image_url = :image, updated_at = :now"
        " WHERE prize_id = :id AND drawing_id = :drawing",
        _binds(prize, now),
    )


def delete(uow: UnitOfWork, prize_id: uuid.UUID) -> int:
    return uow.execute("DELETE FROM prizes WHERE prize_id = :id", {"id": ids.to_db(prize_id)})


def _binds(prize: Prize, now: datetime) -> dict[str, Any]:
    return {
        "id": ids.to_db(prize.prize_id),
        "drawing": ids.to_db(prize.drawing_id),
        "rank": prize.rank,
        "name": prize.name,
        "description": prize.description,
        "value": prize.value_usd,
        "quantity": prize.quantity,
        "ftype": prize.fulfillment_type,
        "sponsor": ids.to_db(prize.sponsor_id),
        "image": prize.image_url,
        "now": now,
    }


_SHOWCASE_WHERE = " WHERE d.status IN ('scheduled', 'open', 'closed')"


def count_showcase(uow: UnitOfWork) -> int:
    return int(
        uow.scalar(
            "SELECT COUNT(*) AS n FROM prizes p JOIN drawings d ON d.drawing_id = p.drawing_id"
            + _SHOWCASE_WHERE
        )
        or 0
    )


def list_showcase(uow: UnitOfWork, offset: int, limit: int) -> list[ShowcaseRow]:
    """Prizes of upcoming drawings (scheduled, open, closed), soonest drawing first."""
    rows = uow.query(
        f"SELECT {_COLUMNS}, d.name AS drawing_name, d.drawing_type, d.status AS drawing_status,"
        " d.drawing_time FROM prizes p JOIN drawings d ON d.drawing_id = p.drawing_id"
        + _SHOWCASE_WHERE
        + " ORDER BY d.drawing_time, p.drawing_id, p.rank "
        + uow.dialect.paginate(),
        {"offset": offset, "limit": limit},
    )
    return [
        ShowcaseRow(
            prize=_from_row(row),
            drawing_name=row["drawing_name"],
            drawing_type=row["drawing_type"],
            drawing_status=row["drawing_status"],
            drawing_time=row["drawing_time"],
        )
        for row in rows
    ]
