"""Drawing winners: one row per pick that was awarded, held or forfeited.

`draw_index` is the pick's position in the deterministic sequence
(domain/selection.py); UNIQUE (drawing_id, draw_index) and (drawing_id, user_id)
make re-running a draw or a redraw unable to add a second row for either.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.winners import Winner, WinnerStatus

_COLUMNS = (
    "w.winner_id, w.drawing_id, w.prize_id, w.user_id, w.ticket_number, w.draw_index,"
    " w.status, w.selected_at, w.notified_at, w.forfeited_at, w.forfeit_reason,"
    " w.replaces_winner_id"
)


@dataclass(frozen=True, kw_only=True)
class RecentWinner:
    winner: Winner
    display_name: str | None
    drawing_name: str
    drawing_type: str
    prize_name: str
    prize_value_usd: Decimal


def _from_row(row: dict[str, Any]) -> Winner:
    return Winner(
        winner_id=ids.from_db(row["winner_id"]),
        drawing_id=ids.from_db(row["drawing_id"]),
        prize_id=ids.from_db(row["prize_id"]),
        user_id=ids.from_db(row["user_id"]),
        ticket_number=int(row["ticket_number"]),
        draw_index=int(row["draw_index"]),
        status=WinnerStatus(row["status"]),
        selected_at=row["selected_at"],
        notified_at=row["notified_at"],
        forfeited_at=row["forfeited_at"],
        forfeit_reason=row["forfeit_reason"],
        replaces_winner_id=ids.from_db(row["replaces_winner_id"]),
    )


def insert(uow: UnitOfWork, w: Winner) -> None:
    uow.execute(
        "INSERT INTO drawing_winners (winner_id, drawing_id, prize_id, user_id, ticket_number,"
        " draw_index, status, selected_at, forfeited_at, forfeit_reason, replaces_winner_id)"
        " VALUES (:id, :drawing, :prize, :member, :ticket, :idx, :status, :at, :forfeited_at,"
        " :reason, :replaces)",
        {
            "id": ids.to_db(w.winner_id),
            "drawing": ids.to_db(w.drawing_id),
            "prize": ids.to_db(w.prize_id),
            "member": ids.to_db(w.user_id),
            "ticket": w.ticket_number,
            "idx": w.draw_index,
            "status": w.status,
            "at": w.selected_at,
            "forfeited_at": w.forfeited_at,
            "reason": w.forfeit_reason,
            "replaces": ids.to_db(w.replaces_winner_id),
        },
    )


def get(uow: UnitOfWork, winner_id: uuid.UUID) -> Winner | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM drawing_winners w WHERE w.winner_id = :id",
        {"id": ids.to_db(winner_id)},
    )
    return _from_row(row) if row else None


def list_for_drawing(uow: UnitOfWork, drawing_id: uuid.UUID) -> list[Winner]:
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM drawing_winners w WHERE w.drawing_id = :id ORDER BY w.draw_index",
        {"id": ids.to_db(drawing_id)},
    )
    return [_from_row(row) for row in rows]


def replacement_of(uow: UnitOfWork, winner_id: uuid.UUID) -> Winner | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM drawing_winners w WHERE w.replaces_winner_id = :id",
        {"id": ids.to_db(winner_id)},
    )
    return _from_row(row) if row else None


def claim_notification(uow: UnitOfWork, winner_id: uuid.UUID, now: datetime) -> bool:
    """Stamp notified_at once; False when another run already did."""
    return (
        uow.execute(
            "UPDATE drawing_winners SET notified_at = :now WHERE winner_id = :id"
            " AND notified_at IS NULL AND status <> 'forfeited'",
            {"now": now, "id": ids.to_db(winner_id)},
        )
        == 1
    )


def mark_forfeited(uow: UnitOfWork, winner_id: uuid.UUID, reason: str, now: datetime) -> bool:
    return (
        uow.execute(
            "UPDATE drawing_winners SET status = 'forfeited', forfeited_at = :now,"
            " forfeit_reason = :reason WHERE winner_id = :id"
            " AND status <> 'forfeited'",
            {"now": now, "reason": reason[:500], "id": ids.to_db(winner_id)},
        )
        == 1
    )


def set_status(uow: UnitOfWork, winner_id: uuid.UUID, status: str) -> bool:
    """Move between awarded and held (a review cleared or raised); never out of forfeited."""
    if status not in ("awarded", "held"):
        raise ValueError(f"use mark_forfeited to forfeit, not status {status!r}")
    return (
        uow.execute(
            "UPDATE drawing_winners SET status = :status WHERE winner_id = :id"
            " AND status <> 'forfeited'",
            {"status": status, "id": ids.to_db(winner_id)},
        )
        == 1
    )


def pending_awards(uow: UnitOfWork, limit: int = 200) -> list[Winner]:
    """Winners of completed drawings not yet notified (a draw interrupted after selection)."""
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM drawing_winners w JOIN drawings d ON d.drawing_id = w.drawing_id"
        " WHERE w.notified_at IS NULL AND w.status <> 'forfeited' AND d.status = 'completed'"
        f" ORDER BY w.selected_at, w.draw_index {uow.dialect.limit()}",
        {"limit": limit},
    )
    return [_from_row(row) for row in rows]


def recent(uow: UnitOfWork, limit: int) -> list[RecentWinner]:
    rows = uow.query(
        f"SELECT {_COLUMNS}, d.name AS drawing_name, d.drawing_type, p.name AS prize_name,"
        " p.value_usd, u.deleted_at, pr.display_name FROM drawing_winners w"
        " JOIN drawings d ON d.drawing_id = w.drawing_id JOIN prizes p ON p.prize_id = w.prize_id"
        " JOIN users u ON u.user_id = w.user_id"
        " LEFT JOIN user_profiles pr ON pr.user_id = w.user_id"
        " WHERE w.status <> 'forfeited' AND d.status = 'completed'"
        f" ORDER BY w.selected_at DESC, w.draw_index {uow.dialect.limit()}",
        {"limit": limit},
    )
    return [
        RecentWinner(
            winner=_from_row(r),
            display_name=None if r["deleted_at"] else r["display_name"],
            drawing_name=r["drawing_name"],
            drawing_type=r["drawing_type"],
            prize_name=r["prize_name"],
            prize_value_usd=Decimal(str(r["value_usd"])),
        )
        for r in rows
    ]


def display_names(uow: UnitOfWork, user_ids: list[uuid.UUID]) -> dict[uuid.UUID, str | None]:
    """Public names of members (None for deleted accounts or no profile)."""
    names: dict[uuid.UUID, str | None] = {}
    unique = list(dict.fromkeys(user_ids))
    for start in range(0, len(unique), 500):
        binds = {f"u{n}": ids.to_db(u) for n, u in enumerate(unique[start : start + 500])}
        rows = uow.query(
            "SELECT u.user_id, u.deleted_at, pr.display_name FROM users u"
            " LEFT JOIN user_profiles pr ON pr.user_id = u.user_id"
            f" WHERE u.user_id IN ({', '.join(':' + b for b in binds)})",
            binds,
        )
        names.update(
            {
                ids.from_db(r["user_id"]): None if r["deleted_at"] else r["display_name"]
                for r in rows
            }
        )
    return names
