"""Platform figures for admin analytics: indexed aggregates, nothing per row.

Every range query compares an indexed timestamp column with bound UTC moments
(the caller turns New York days into moments), so each is an index range scan.
Series are grouped by UTC hour (`Dialect.utc_hour`); the service folds hours
into New York days, weeks and months.
"""

from __future__ import annotations

from datetime import datetime

from fittrack.db import UnitOfWork
from fittrack.db.base import Params

# Fulfillments still waiting on the winner or on us (not yet shipped or closed).
PENDING_FULFILLMENT = ("pending", "winner_notified", "address_confirmed", "address_invalid")


def counts_by(uow: UnitOfWork, column: str) -> dict[str, int]:
    """Members (not deleted) per status or role."""
    if column not in ("status", "role"):
        raise ValueError(f"members are not counted by {column!r}")
    rows = uow.query(
        f"SELECT {column} AS k, COUNT(*) AS n FROM users"  # nosec B608 - column checked above
        f" WHERE deleted_at IS NULL GROUP BY {column}"
    )
    return {str(row["k"]): int(row["n"]) for row in rows}


def active_members(uow: UnitOfWork, since: datetime) -> int:
    """Members who signed in (users.last_login_at) or whose tracker synced since `since`."""
    rows = uow.query(
        "SELECT COUNT(*) AS n FROM (SELECT user_id FROM users WHERE last_login_at >= :since"
        " UNION SELECT user_id FROM sync_runs WHERE started_at >= :since) active",
        {"since": since},
    )
    return int(rows[0]["n"])


def points_moved(uow: UnitOfWork, entry_type: str, since: datetime) -> int:
    """The points of one ledger entry type since `since`, as a positive number."""
    rows = uow.query(
        "SELECT COALESCE(SUM(ABS(amount)), 0) AS n FROM point_ledger"
        " WHERE entry_type = :entry_type AND created_at >= :since",
        {"entry_type": entry_type, "since": since},
    )
    return int(rows[0]["n"])


def tickets_sold(uow: UnitOfWork, since: datetime) -> int:
    rows = uow.query(
        "SELECT COALESCE(SUM(quantity), 0) AS n FROM ticket_blocks"
        " WHERE purchased_at >= :since AND refunded_at IS NULL",
        {"since": since},
    )
    return int(rows[0]["n"])


def free_entries(uow: UnitOfWork, since: datetime) -> int:
    rows = uow.query(
        "SELECT COUNT(*) AS n FROM free_entries WHERE created_at >= :since", {"since": since}
    )
    return int(rows[0]["n"])


def open_drawings(uow: UnitOfWork) -> int:
    rows = uow.query("SELECT COUNT(*) AS n FROM drawings WHERE status = 'open'")
    return int(rows[0]["n"])


def pending_fulfillments(uow: UnitOfWork) -> int:
    rows = uow.query(
        "SELECT COUNT(*) AS n FROM fulfillments WHERE status IN (:s0, :s1, :s2, :s3)",
        {f"s{i}": status for i, status in enumerate(PENDING_FULFILLMENT)},
    )
    return int(rows[0]["n"])


def open_review_flags(uow: UnitOfWork) -> int:
    rows = uow.query("SELECT COUNT(*) AS n FROM review_flags WHERE status = 'open'")
    return int(rows[0]["n"])


def open_appeals(uow: UnitOfWork) -> int:
    """Appeals confirmed and waiting for an admin's decision."""
    rows = uow.query("SELECT COUNT(*) AS n FROM appeals WHERE status = 'pending'")
    return int(rows[0]["n"])


def _by_hour(
    uow: UnitOfWork, table: str, column: str, total: str, where: str, params: Params
) -> dict[str, int]:
    """`total` per UTC hour ('YYYY-MM-DDTHH') of `column` in [:since, :until).

    Every argument but `params` is SQL text written in this module, never input.
    """
    hour = uow.dialect.utc_hour(column)
    rows = uow.query(
        f"SELECT {hour} AS h, {total} AS n FROM {table}"  # nosec B608 - constants only
        f" WHERE {column} >= :since AND {column} < :until{where} GROUP BY {hour}",
        params,
    )
    return {str(row["h"]): int(row["n"]) for row in rows}


def registrations_by_hour(uow: UnitOfWork, since: datetime, until: datetime) -> dict[str, int]:
    """Accounts created in [since, until)."""
    window = {"since": since, "until": until}
    return _by_hour(uow, "users", "created_at", "COUNT(*)", "", window)


def syncs_by_hour(uow: UnitOfWork, since: datetime, until: datetime) -> dict[str, int]:
    """Tracker sync runs started in [since, until), whatever their outcome."""
    window = {"since": since, "until": until}
    return _by_hour(uow, "sync_runs", "started_at", "COUNT(*)", "", window)


def points_by_hour(
    uow: UnitOfWork, entry_type: str, since: datetime, until: datetime
) -> dict[str, int]:
    """Points of one ledger entry type in [since, until), as positive numbers."""
    params = {"since": since, "until": until, "entry_type": entry_type}
    where = " AND entry_type = :entry_type"
    return _by_hour(uow, "point_ledger", "created_at", "SUM(ABS(amount))", where, params)


# Drawings that took or take entries (drafts and cancelled ones never counted).
_COUNTED_DRAWINGS = (
    "SELECT drawing_id FROM drawings WHERE drawing_time >= :since AND drawing_time < :until"
    " AND status NOT IN ('draft', 'cancelled')"
)


def drawing_hours(uow: UnitOfWork, since: datetime, until: datetime) -> dict[bytes, str]:
    """Each drawing held in [since, until): its id and UTC hour ('YYYY-MM-DDTHH')."""
    hour = uow.dialect.utc_hour("drawing_time")
    rows = uow.query(
        f"SELECT drawing_id, {hour} AS h FROM drawings"  # nosec B608 - dialect fragment
        " WHERE drawing_time >= :since AND drawing_time < :until"
        " AND status NOT IN ('draft', 'cancelled')",
        {"since": since, "until": until},
    )
    return {bytes(row["drawing_id"]): str(row["h"]) for row in rows}


def _per_drawing(uow: UnitOfWork, sql: str, since: datetime, until: datetime) -> dict[bytes, int]:
    rows = uow.query(sql, {"since": since, "until": until})
    return {bytes(row["drawing_id"]): int(row["n"]) for row in rows}


def tickets_per_drawing(uow: UnitOfWork, since: datetime, until: datetime) -> dict[bytes, int]:
    """Tickets bought (refunded blocks left out) per drawing held in [since, until)."""
    sql = (
        "SELECT drawing_id, SUM(quantity) AS n FROM ticket_blocks WHERE refunded_at IS NULL"
        f" AND drawing_id IN ({_COUNTED_DRAWINGS}) GROUP BY drawing_id"  # nosec B608
    )
    return _per_drawing(uow, sql, since, until)


def free_entries_per_drawing(uow: UnitOfWork, since: datetime, until: datetime) -> dict[bytes, int]:
    sql = (
        "SELECT drawing_id, COUNT(*) AS n FROM free_entries"
        f" WHERE drawing_id IN ({_COUNTED_DRAWINGS}) GROUP BY drawing_id"  # nosec B608
    )
    return _per_drawing(uow, sql, since, until)


def participants_per_drawing(uow: UnitOfWork, since: datetime, until: datetime) -> dict[bytes, int]:
    """Distinct members with a ticket or a free entry, per drawing."""
    sql = (
        "SELECT drawing_id, COUNT(DISTINCT user_id) AS n FROM ("
        " SELECT drawing_id, user_id FROM ticket_blocks WHERE refunded_at IS NULL"
        " UNION SELECT drawing_id, user_id FROM free_entries) entrants"
        f" WHERE drawing_id IN ({_COUNTED_DRAWINGS}) GROUP BY drawing_id"  # nosec B608
    )
    return _per_drawing(uow, sql, since, until)
