"""Drawings: rows, conditional status changes and the ticket counter.

Status changes are conditional updates (`... WHERE status IN (...)`) that report
whether they happened, so two racing actors cannot both move a drawing. The ticket
counter moves only through `reserve_tickets`, which keeps
next_ticket_number = total_tickets + 1 (the schema checks it too).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.drawings import Drawing, DrawingStatus

_COLUMNS = (
    "drawing_id, drawing_type, status, name, description, ticket_cost_points, opens_at,"
    " sales_close_time, drawing_time, eligibility, seed_commitment, seed, snapshot_root,"
    " snapshot_taken_at, total_tickets, next_ticket_number, algorithm, executed_at,"
    " cancelled_at, cancel_reason, template_id, period_key, created_by, created_at,"
    " updated_at, sealed_seed, beacon_chain_hash, beacon_round, beacon_signature,"
    " beacon_previous_signature, terms, entries_head, entry_count"
)
_SETTABLE = frozenset(
    {
        "opens_at",
        "seed_commitment",
        "sealed_seed",
        "snapshot_root",
        "snapshot_taken_at",
        "seed",
        "algorithm",
        "executed_at",
        "cancelled_at",
        "cancel_reason",
        "sales_close_time",
        "beacon_chain_hash",
        "beacon_round",
        "beacon_signature",
        "beacon_previous_signature",
        "terms",
    }
)


def _from_row(row: dict[str, Any]) -> Drawing:
    sealed = row["sealed_seed"]
    return Drawing(
        drawing_id=ids.from_db(row["drawing_id"]),
        drawing_type=row["drawing_type"],
        status=DrawingStatus(row["status"]),
        name=row["name"],
        description=row["description"],
        ticket_cost_points=int(row["ticket_cost_points"]),
        opens_at=row["opens_at"],
        sales_close_time=row["sales_close_time"],
        drawing_time=row["drawing_time"],
        eligibility=dict(row["eligibility"] or {}),
        seed_commitment=row["seed_commitment"],
        seed=row["seed"],
        snapshot_root=row["snapshot_root"],
        snapshot_taken_at=row["snapshot_taken_at"],
        total_tickets=int(row["total_tickets"]),
        next_ticket_number=int(row["next_ticket_number"]),
        algorithm=row["algorithm"],
        executed_at=row["executed_at"],
        cancelled_at=row["cancelled_at"],
        cancel_reason=row["cancel_reason"],
        template_id=ids.from_db(row["template_id"]),
        period_key=row["period_key"],
        created_by=ids.from_db(row["created_by"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        sealed_seed=bytes(sealed) if sealed is not None else None,
        beacon_chain_hash=row["beacon_chain_hash"],
        beacon_round=int(row["beacon_round"]) if row["beacon_round"] is not None else None,
        beacon_signature=row["beacon_signature"],
        beacon_previous_signature=row["beacon_previous_signature"],
        terms=row["terms"],
        entries_head=row["entries_head"],
        entry_count=int(row["entry_count"]) if row["entry_count"] is not None else None,
    )


def get(uow: UnitOfWork, drawing_id: uuid.UUID, lock: bool = False) -> Drawing | None:
    """The drawing; `lock` holds its row (Oracle) until the transaction ends."""
    suffix = uow.dialect.for_update() if lock else ""
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM drawings WHERE drawing_id = :id{suffix}",
        {"id": ids.to_db(drawing_id)},
    )
    return _from_row(row) if row else None


def get_many(uow: UnitOfWork, drawing_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Drawing]:
    unique = list(dict.fromkeys(drawing_ids))
    found: dict[uuid.UUID, Drawing] = {}
    for start in range(0, len(unique), 500):
        binds = {f"d{n}": ids.to_db(d) for n, d in enumerate(unique[start : start + 500])}
        rows = uow.query(
            f"SELECT {_COLUMNS} FROM drawings WHERE drawing_id IN"
            f" ({', '.join(':' + b for b in binds)})",
            binds,
        )
        found.update({d.drawing_id: d for d in map(_from_row, rows)})
    return found


def find_for_period(uow: UnitOfWork, template_id: uuid.UUID, period_key: str) -> Drawing | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM drawings WHERE template_id = :t AND period_key = :p",
        {"t": ids.to_db(template_id), "p": period_key},
    )
    return _from_row(row) if row else None


def insert(uow: UnitOfWork, d: Drawing, now: datetime) -> None:
    uow.execute(
        "INSERT INTO drawings (drawing_id, drawing_type, status, name, description,"
        " ticket_cost_points, opens_at, sales_close_time, drawing_time, eligibility,"
        " template_id, period_key, created_by, created_at, updated_at) VALUES (:id, :type,"
        " :status, :name, :description, :cost, :opens_at, :close, :time, :eligibility,"
        " :template, :period, :actor, :now, :now)",
        {
            "id": ids.to_db(d.drawing_id),
            "type": d.drawing_type,
            "status": d.status,
            "name": d.name,
            "description": d.description,
            "cost": d.ticket_cost_points,
            "opens_at": d.opens_at,
            "close": d.sales_close_time,
            "time": d.drawing_time,
            "eligibility": uow.dialect.json(d.eligibility),
            "template": ids.to_db(d.template_id),
            "period": d.period_key,
            "actor": ids.to_db(d.created_by),
            "now": now,
        },
    )


def update_details(uow: UnitOfWork, d: Drawing, editable: Iterable[str], now: datetime) -> bool:
    """Rewrite the editable fields while the drawing is still in one of `editable`."""
    statuses = {f"s{n}": s for n, s in enumerate(editable)}
    changed = uow.execute(
        "UPDATE drawings SET drawing_type = :type, name = :name, description = :description,"
        " ticket_cost_points = :cost, opens_at = :opens_at, sales_close_time = :close,"
        " drawing_time = :time, eligibility = :eligibility, updated_at = :now"
        f" WHERE drawing_id = :id AND status IN ({', '.join(':' + k for k in statuses)})",
        {
            "type": d.drawing_type,
            "name": d.name,
            "description": d.description,
            "cost": d.ticket_cost_points,
            "opens_at": d.opens_at,
            "close": d.sales_close_time,
            "time": d.drawing_time,
            "eligibility": uow.dialect.json(d.eligibility),
            "now": now,
            "id": ids.to_db(d.drawing_id),
            **statuses,
        },
    )
    return changed == 1


def move(
    uow: UnitOfWork,
    drawing_id: uuid.UUID,
    *,
    from_statuses: Iterable[str],
    to_status: str,
    now: datetime,
    **columns: Any,
) -> bool:
    """Change the status (and the named columns) only from one of `from_statuses`."""
    unknown = set(columns) - _SETTABLE
    if unknown:
        raise ValueError(f"not settable with a status change: {sorted(unknown)}")
    statuses = {f"s{n}": s for n, s in enumerate(from_statuses)}
    sets = "".join(f", {name} = :c_{name}" for name in columns)
    changed = uow.execute(
        f"UPDATE drawings SET status = :to_status, updated_at = :now{sets}"
        f" WHERE drawing_id = :id AND status IN ({', '.join(':' + k for k in statuses)})",
        {
            "to_status": to_status,
            "now": now,
            "id": ids.to_db(drawing_id),
            **statuses,
            **{f"c_{name}": value for name, value in columns.items()},
        },
    )
    return changed == 1


def entries_state(uow: UnitOfWork, drawing_id: uuid.UUID) -> tuple[str | None, int | None, str]:
    """(chain head, entries in the Merkle frontier, the frontier's nodes as hex), read
    after reserve_tickets, under the drawing's lock. The count is None for a drawing
    whose entries began before the frontier was kept."""
    row = uow.query_one(
        "SELECT entries_head, entry_count, entries_frontier FROM drawings WHERE drawing_id = :id",
        {"id": ids.to_db(drawing_id)},
    )
    if row is None:
        return None, None, ""
    count = row["entry_count"]
    return (
        row["entries_head"],
        int(count) if count is not None else None,
        row["entries_frontier"] or "",
    )


def set_entries_state(
    uow: UnitOfWork, drawing_id: uuid.UUID, head: str, count: int | None, frontier: str
) -> None:
    uow.execute(
        "UPDATE drawings SET entries_head = :head, entry_count = :n, entries_frontier = :f"
        " WHERE drawing_id = :id",
        {"head": head, "n": count, "f": frontier or None, "id": ids.to_db(drawing_id)},
    )


def set_snapshot(uow: UnitOfWork, drawing_id: uuid.UUID, root: str, now: datetime) -> None:
    uow.execute(
        "UPDATE drawings SET snapshot_root = :root, snapshot_taken_at = :now,"
        " updated_at = :now WHERE drawing_id = :id",
        {"root": root, "now": now, "id": ids.to_db(drawing_id)},
    )


def reserve_tickets(
    uow: UnitOfWork, drawing_id: uuid.UUID, quantity: int, now: datetime
) -> int | None:
    """Take the next `quantity` ticket numbers of an open drawing whose sales are open;
    the first number taken, or None when sales are closed (nothing changed)."""
    changed = uow.execute(
        "UPDATE drawings SET next_ticket_number = next_ticket_number + :q,"
        " total_tickets = total_tickets + :q, updated_at = :now"
        " WHERE drawing_id = :id AND status = 'open' AND sales_close_time > :now",
        {"q": quantity, "now": now, "id": ids.to_db(drawing_id)},
    )
    if changed != 1:
        return None
    following = int(
        uow.scalar(
            "SELECT next_ticket_number FROM drawings WHERE drawing_id = :id",
            {"id": ids.to_db(drawing_id)},
        )
    )
    return following - quantity


def _filters(
    statuses: Iterable[str] | None, drawing_type: str | None
) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if statuses is not None:
        binds = {f"s{n}": s for n, s in enumerate(statuses)} or {"s0": "none"}
        clauses.append(f"status IN ({', '.join(':' + k for k in binds)})")
        params.update(binds)
    if drawing_type is not None:
        clauses.append("drawing_type = :type")
        params["type"] = drawing_type
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def count(uow: UnitOfWork, statuses: Iterable[str] | None, drawing_type: str | None) -> int:
    where, params = _filters(statuses, drawing_type)
    return int(uow.scalar(f"SELECT COUNT(*) AS n FROM drawings{where}", params) or 0)


def list_page(
    uow: UnitOfWork,
    statuses: Iterable[str] | None,
    *,
    drawing_type: str | None,
    offset: int,
    limit: int,
    newest_first: bool = False,
) -> list[Drawing]:
    where, params = _filters(statuses, drawing_type)
    order = "DESC" if newest_first else "ASC"
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM drawings{where} ORDER BY drawing_time {order},"
        f" drawing_id {uow.dialect.paginate()}",
        {**params, "offset": offset, "limit": limit},
    )
    return [_from_row(row) for row in rows]


def due_ids(uow: UnitOfWork, what: str, now: datetime, limit: int = 100) -> list[uuid.UUID]:
    """Drawings the lifecycle job should move: 'open', 'close' or 'draw'."""
    where = {
        "open": "status = 'scheduled' AND (opens_at IS NULL OR opens_at <= :now)",
        "close": "status = 'open' AND sales_close_time <= :now",
        "draw": "status = 'closed' AND drawing_time <= :now",
    }[what]
    rows = uow.query(
        f"SELECT drawing_id FROM drawings WHERE {where}"
        f" ORDER BY drawing_time, drawing_id {uow.dialect.limit()}",
        {"now": now, "limit": limit},
    )
    return [ids.from_db(row["drawing_id"]) for row in rows]
