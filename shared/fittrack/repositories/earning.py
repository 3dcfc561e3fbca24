"""What ingestion needs to know about a member: may they earn, and their trackers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from fittrack.db import UnitOfWork, ids


@dataclass(frozen=True, slots=True, kw_only=True)
class EarningContext:
    user_id: uuid.UUID
    status: str
    deleted: bool
    profile_completed_at: datetime | None
    # The last time a suspension ended (days before it never earn), if ever.
    reactivated_at: datetime | None
    connections: dict[str, uuid.UUID] = field(default_factory=dict)  # provider -> connection
    primary_source: str | None = None


def load(uow: UnitOfWork, user_id: uuid.UUID, lock: bool = True) -> EarningContext | None:
    """The member's earning context; `lock` takes the member's row lock (Oracle) so
    ingests and balance changes for one member run one after the other."""
    uid = ids.to_db(user_id)
    suffix = uow.dialect.for_update() if lock else ""
    row = uow.query_one(
        f"SELECT user_id, status, deleted_at FROM users WHERE user_id = :id{suffix}", {"id": uid}
    )
    if row is None:
        return None
    completed = uow.scalar(
        "SELECT completed_at FROM user_profiles WHERE user_id = :id", {"id": uid}
    )
    reactivated = uow.query_one(
        "SELECT created_at FROM user_status_changes WHERE user_id = :id"
        " AND from_status = :suspended AND to_status = :active"
        f" ORDER BY created_at DESC {uow.dialect.limit()}",
        {"id": uid, "suspended": "suspended", "active": "active", "limit": 1},
    )
    connections: dict[str, uuid.UUID] = {}
    primary: str | None = None
    for conn in uow.query(
        "SELECT connection_id, provider, is_primary FROM tracker_connections WHERE user_id = :id",
        {"id": uid},
    ):
        connections[conn["provider"]] = ids.from_db(conn["connection_id"])
        if conn["is_primary"]:
            primary = conn["provider"]
    return EarningContext(
        user_id=ids.from_db(uid),
        status=row["status"],
        deleted=row["deleted_at"] is not None,
        profile_completed_at=_timestamp(completed),
        reactivated_at=reactivated["created_at"] if reactivated else None,
        connections=connections,
        primary_source=primary,
    )


def _timestamp(value: object) -> datetime | None:
    """scalar() keeps the column's declared type on both backends; be strict anyway."""
    return value if isinstance(value, datetime) else None
