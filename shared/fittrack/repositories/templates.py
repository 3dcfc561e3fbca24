"""Drawing templates: what the lifecycle job makes recurring drawings from."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.drawings import Template

_COLUMNS = (
    "template_id, name, drawing_type, description, ticket_cost_points, eligibility,"
    " prizes, is_active, created_by, created_at, updated_at"
)


def _from_row(row: dict[str, Any]) -> Template:
    return Template(
        template_id=ids.from_db(row["template_id"]),
        name=row["name"],
        drawing_type=row["drawing_type"],
        description=row["description"],
        ticket_cost_points=int(row["ticket_cost_points"]),
        eligibility=dict(row["eligibility"] or {}),
        prizes=list(row["prizes"] or []),
        is_active=bool(row["is_active"]),
        created_by=ids.from_db(row["created_by"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def get(uow: UnitOfWork, template_id: uuid.UUID) -> Template | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM drawing_templates WHERE template_id = :id",
        {"id": ids.to_db(template_id)},
    )
    return _from_row(row) if row else None


def list_all(uow: UnitOfWork, active_only: bool = False) -> list[Template]:
    where = " WHERE is_active = :active" if active_only else ""
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM drawing_templates{where} ORDER BY drawing_type, name, template_id",
        {"active": True} if active_only else {},
    )
    return [_from_row(row) for row in rows]


def _binds(uow: UnitOfWork, t: Template, now: datetime) -> dict[str, Any]:
    return {
        "id": ids.to_db(t.template_id),
        "name": t.name,
        "type": t.drawing_type,
        "description": t.description,
        "cost": t.ticket_cost_points,
        "eligibility": uow.dialect.json(t.eligibility),
        "prizes": uow.dialect.json(t.prizes),
        "active": t.is_active,
        "now": now,
    }


def insert(uow: UnitOfWork, t: Template, now: datetime) -> None:
    uow.execute(
        f"INSERT INTO drawing_templates ({_COLUMNS}) VALUES (:id, :name, :type, :description,"
        " :cost, :eligibility, :prizes, :active, :actor, :now, :now)",
        {**_binds(uow, t, now), "actor": ids.to_db(t.created_by)},
    )


def update(uow: UnitOfWork, t: Template, now: datetime) -> bool:
    return (
        uow.execute(
            "UPDATE drawing_templates SET name = :name, drawing_type = :type,"
            " description = :description, ticket_cost_points = :cost, eligibility = :eligibility,"
            " prizes = :prizes, is_active = :active, updated_at = :now WHERE template_id = :id",
            _binds(uow, t, now),
        )
        == 1
    )
