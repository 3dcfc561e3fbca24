"""Client devices and the accounts seen on them (anti-gaming: shared devices).

Sign-in records a sighting: the login service calls `record_device` with the
request's `deviceId`, in its own transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from fittrack.db import UnitOfWork, ids

MAX_DEVICE_ID = 128  # devices.device_id is VARCHAR2(128) on Oracle


def record_device(uow: UnitOfWork, user_id: uuid.UUID, device_id: str, now: datetime) -> None:
    """Note that `device_id` was used by the member now (idempotent; keeps first_seen_at)."""
    device = device_id.strip()[:MAX_DEVICE_ID]
    if not device:
        return
    uow.execute(
        uow.dialect.upsert(
            "devices",
            ("device_id", "first_seen_at", "last_seen_at"),
            ["device_id"],
            ["last_seen_at"],
        ),
        {"device_id": device, "first_seen_at": now, "last_seen_at": now},
    )
    uow.execute(
        uow.dialect.upsert(
            "device_sightings",
            ("device_id", "user_id", "first_seen_at", "last_seen_at"),
            ["device_id", "user_id"],
            ["last_seen_at"],
        ),
        {
            "device_id": device,
            "user_id": ids.to_db(user_id),
            "first_seen_at": now,
            "last_seen_at": now,
        },
    )


def accounts_by_device(
    uow: UnitOfWork, min_accounts: int, *, after: str | None = None, limit: int = 1000
) -> dict[str, list[uuid.UUID]]:
    """Devices seen on at least `min_accounts` accounts that are not deleted, with them:
    at most `limit` devices, the first ones whose id sorts after `after` (a page;
    None: from the first)."""
    rows = uow.query(
        "SELECT s.device_id, s.user_id FROM device_sightings s"
        " JOIN users u ON u.user_id = s.user_id WHERE u.deleted_at IS NULL"
        " AND s.device_id IN (SELECT page.device_id FROM (SELECT s2.device_id"
        " FROM device_sightings s2 JOIN users u2 ON u2.user_id = s2.user_id"
        " WHERE u2.deleted_at IS NULL AND (:after IS NULL OR s2.device_id > :after)"
        " GROUP BY s2.device_id HAVING COUNT(*) >= :min_accounts"
        f" ORDER BY s2.device_id {uow.dialect.limit()}) page)"
        " ORDER BY s.device_id, s.user_id",
        {"min_accounts": min_accounts, "after": after, "limit": limit},
    )
    found: dict[str, list[uuid.UUID]] = {}
    for row in rows:
        found.setdefault(row["device_id"], []).append(ids.from_db(row["user_id"]))
    return found


def mark_flagged(uow: UnitOfWork, device_ids: Iterable[str], now: datetime) -> None:
    uow.executemany(
        "UPDATE devices SET flagged_at = COALESCE(flagged_at, :now) WHERE device_id = :device",
        [{"now": now, "device": device} for device in device_ids],
    )
