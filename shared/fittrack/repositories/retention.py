"""Privacy retention: find and remove personal data past its keeping period.

Each rule is a pair: a bounded select of the rows that are due (oldest first,
`limit` rows at most) and a change of exactly those rows. The change repeats the
condition that made a row due, so running it twice changes nothing the second
time. See docs/privacy-retention.md for the table these rules implement.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from fittrack.db import UnitOfWork, ids
from fittrack.domain.fulfillment import DELIVERED, FORFEITED

# ---- fulfillments: shipping address, delivery email and tax details ---------------


def fulfillments_due(uow: UnitOfWork, *, settled_before: datetime, limit: int) -> list[uuid.UUID]:
    """Delivered or forfeited fulfillments settled before the cutoff and not purged yet."""
    rows = uow.query(
        "SELECT fulfillment_id FROM fulfillments WHERE personal_data_purged_at IS NULL"
        " AND ((status = :delivered AND delivered_at < :cutoff)"
        " OR (status = :forfeited AND forfeited_at < :cutoff))"
        f" ORDER BY fulfillment_id {uow.dialect.limit()}",
        {
            "delivered": DELIVERED,
            "forfeited": FORFEITED,
            "cutoff": settled_before,
            "limit": limit,
        },
    )
    return [ids.from_db(row["fulfillment_id"]) for row in rows]


def purge_fulfillment_personal_data(
    uow: UnitOfWork, fulfillment_id: uuid.UUID, now: datetime
) -> bool:
    """Clear the address and email and delete the tax details; the row, its status and
    dates stay. False when the fulfillment was purged already."""
    key = {"id": ids.to_db(fulfillment_id)}
    changed = uow.execute(
        "UPDATE fulfillments SET shipping_address = NULL, delivery_email = NULL,"
        " personal_data_purged_at = :now"
        " WHERE fulfillment_id = :id AND personal_data_purged_at IS NULL",
        {**key, "now": now},
    )
    if changed != 1:
        return False
    uow.execute("DELETE FROM fulfillment_tax_details WHERE fulfillment_id = :id", key)
    return True


# ---- activities -----------------------------------------------------------------


def activities_due(uow: UnitOfWork, *, started_before: datetime, limit: int) -> list[uuid.UUID]:
    """Activities that started before the cutoff, oldest first."""
    rows = uow.query(
        "SELECT activity_id FROM activities WHERE start_time < :cutoff"
        f" ORDER BY start_time, activity_id {uow.dialect.limit()}",
        {"cutoff": started_before, "limit": limit},
    )
    return [ids.from_db(row["activity_id"]) for row in rows]


def delete_activities(
    uow: UnitOfWork, activity_ids: Sequence[uuid.UUID], *, started_before: datetime
) -> int:
    """Delete these activities (still only those older than the cutoff). A newer
    duplicate pointing at one of them keeps its row; its superseded_by is cleared
    by the foreign key (ON DELETE SET NULL)."""
    return uow.executemany(
        "DELETE FROM activities WHERE activity_id = :id AND start_time < :cutoff",
        [{"id": ids.to_db(aid), "cutoff": started_before} for aid in activity_ids],
    )


# ---- sign-in IP addresses -------------------------------------------------------


def sessions_with_ip_due(
    uow: UnitOfWork, *, last_seen_before: datetime, limit: int
) -> list[uuid.UUID]:
    """Sessions still holding an IP address and last seen before the cutoff."""
    rows = uow.query(
        "SELECT session_id FROM auth_sessions WHERE ip_address IS NOT NULL"
        f" AND last_seen_at < :cutoff ORDER BY last_seen_at, session_id {uow.dialect.limit()}",
        {"cutoff": last_seen_before, "limit": limit},
    )
    return [ids.from_db(row["session_id"]) for row in rows]


def clear_session_ips(
    uow: UnitOfWork, session_ids: Sequence[uuid.UUID], *, last_seen_before: datetime
) -> int:
    """Null the IP address of these sessions unless they were seen again since."""
    return uow.executemany(
        "UPDATE auth_sessions SET ip_address = NULL WHERE session_id = :id"
        " AND ip_address IS NOT NULL AND last_seen_at < :cutoff",
        [{"id": ids.to_db(sid), "cutoff": last_seen_before} for sid in session_ids],
    )
