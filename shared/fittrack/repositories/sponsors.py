"""Sponsors: who gives the prizes. Deactivated, never deleted."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.sponsors import Sponsor, SponsorStatus

_COLUMNS = (
    "sponsor_id, name, contact_name, contact_email, website_url, logo_url, status,"
    " created_at, updated_at"
)


def _from_row(row: dict[str, Any]) -> Sponsor:
    return Sponsor(
        sponsor_id=ids.from_db(row["sponsor_id"]),
        name=row["name"],
        contact_name=row["contact_name"],
        contact_email=row["contact_email"],
        website_url=row["website_url"],
        logo_url=row["logo_url"],
        status=SponsorStatus(row["status"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def get(uow: UnitOfWork, sponsor_id: uuid.UUID) -> Sponsor | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM sponsors WHERE sponsor_id = :id", {"id": ids.to_db(sponsor_id)}
    )
    return _from_row(row) if row else None


def get_many(uow: UnitOfWork, sponsor_ids: list[uuid.UUID]) -> dict[uuid.UUID, Sponsor]:
    found: dict[uuid.UUID, Sponsor] = {}
    for sponsor_id in set(sponsor_ids):
        sponsor = get(uow, sponsor_id)
        if sponsor is not None:
            found[sponsor_id] = sponsor
    return found


def _where(status: str | None) -> tuple[str, dict[str, Any]]:
    return (" WHERE status = :status", {"status": status}) if status else ("", {})


def count(uow: UnitOfWork, status: str | None) -> int:
    where, params = _where(status)
    return int(uow.scalar(f"SELECT COUNT(*) AS n FROM sponsors{where}", params) or 0)


def list_page(uow: UnitOfWork, status: str | None, offset: int, limit: int) -> list[Sponsor]:
    where, params = _where(status)
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM sponsors{where} ORDER BY name, sponsor_id "
        + uow.dialect.paginate(),
        {**params, "offset": offset, "limit": limit},
    )
    return [_from_row(row) for row in rows]


def insert(uow: UnitOfWork, sponsor: Sponsor, now: datetime) -> None:
    uow.execute(
        "INSERT INTO sponsors (sponsor_id, name, contact_name, contact_email, website_url,"
        " logo_url, status, created_at, updated_at) VALUES (:id, :name, :contact_name,"
        " :contact_email, :website_url, :logo_url, :status, :now, :now)",
        {
            "id": ids.to_db(sponsor.sponsor_id),
            "name": sponsor.name,
            "contact_name": sponsor.contact_name,
            "contact_email": sponsor.contact_email,
            "website_url": sponsor.website_url,
            "logo_url": sponsor.logo_url,
            "status": sponsor.status,
            "now": now,
        },
    )


def update(uow: UnitOfWork, sponsor: Sponsor, now: datetime) -> None:
    uow.execute(
        "UPDATE sponsors SET name = :name, contact_name = :contact_name,"
        " contact_email = :contact_email, website_url = :website_url, logo_url = :logo_url,"
        " status = :status, updated_at = :now WHERE sponsor_id = :id",
        {
            "id": ids.to_db(sponsor.sponsor_id),
            "name": sponsor.name,
            "contact_name": sponsor.contact_name,
            "contact_email": sponsor.contact_email,
            "website_url": sponsor.website_url,
            "logo_url": sponsor.logo_url,
            "status": sponsor.status,
            "now": now,
        },
    )
