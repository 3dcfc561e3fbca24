"""Sync bookkeeping: the per-connection lease, each attempt's outcome, the sync_runs log.

The lease is a conditional UPDATE on tracker_sync_state: whoever sets lease_owner
while it is free (or expired) owns the connection until it records an outcome, so
two workers never sync one connection at once on either backend. Outcomes are
recorded only by the lease owner.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.sync import SyncRun, SyncRunStatus


def acquire_lease(
    uow: UnitOfWork, connection_id: uuid.UUID, *, owner: str, now: datetime, expires_at: datetime
) -> bool:
    return (
        uow.execute(
            "UPDATE tracker_sync_state SET lease_owner = :owner, lease_expires_at = :expires,"
            " sync_status = 'running', updated_at = :now WHERE connection_id = :id"
            " AND (lease_owner IS NULL OR lease_expires_at IS NULL OR lease_expires_at <= :now)",
            {"owner": owner, "expires": expires_at, "now": now, "id": ids.to_db(connection_id)},
        )
        == 1
    )


def release_lease(
    uow: UnitOfWork, connection_id: uuid.UUID, *, owner: str, status: str, now: datetime
) -> None:
    uow.execute(
        "UPDATE tracker_sync_state SET lease_owner = NULL, lease_expires_at = NULL,"
        " sync_status = :status, updated_at = :now WHERE connection_id = :id"
        " AND lease_owner = :owner",
        {"owner": owner, "status": status, "now": now, "id": ids.to_db(connection_id)},
    )


def succeed(
    uow: UnitOfWork,
    connection_id: uuid.UUID,
    *,
    owner: str,
    cursor: datetime,
    now: datetime,
    next_at: datetime,
) -> bool:
    """Advance the cursor and schedule the next sync; False when the lease was lost (the
    data is stored all the same: ingestion is idempotent)."""
    cid = ids.to_db(connection_id)
    if (
        uow.execute(
            "UPDATE tracker_sync_state SET sync_status = 'succeeded', sync_cursor = :cursor,"
            " failure_count = 0, backoff_until = NULL, lease_owner = NULL,"
            " lease_expires_at = NULL, updated_at = :now"
            " WHERE connection_id = :id AND lease_owner = :owner",
            {"cursor": cursor, "now": now, "id": cid, "owner": owner},
        )
        != 1
    ):
        return False
    uow.execute(
        "UPDATE tracker_connections SET last_sync_at = :now, next_sync_at = :next,"
        " last_error = NULL, updated_at = :now WHERE connection_id = :id",
        {"now": now, "next": next_at, "id": cid},
    )
    return True


def fail(
    uow: UnitOfWork,
    connection_id: uuid.UUID,
    owner: str,
    now: datetime,
    *,
    status: str,
    failures: int,
    backoff_until: datetime,
    error: str,
) -> bool:
    """A failed attempt to retry later: back off until `backoff_until`."""
    cid = ids.to_db(connection_id)
    if (
        uow.execute(
            "UPDATE tracker_sync_state SET sync_status = :status, failure_count = :failures,"
            " backoff_until = :until, lease_owner = NULL, lease_expires_at = NULL,"
            " updated_at = :now WHERE connection_id = :id AND lease_owner = :owner",
            {
                "status": status,
                "failures": failures,
                "until": backoff_until,
                "now": now,
                "id": cid,
                "owner": owner,
            },
        )
        != 1
    ):
        return False
    uow.execute(
        "UPDATE tracker_connections SET next_sync_at = :until, last_error = :error,"
        " updated_at = :now WHERE connection_id = :id",
        {"until": backoff_until, "error": error[:1000], "now": now, "id": cid},
    )
    return True


def deactivate(
    uow: UnitOfWork, connection_id: uuid.UUID, owner: str, now: datetime, *, status: str, error: str
) -> bool:
    """`error` (reconnect needed: the dead tokens are dropped) or `retired` (the API is
    gone). Either way no more syncs; every stored activity stays."""
    cid = ids.to_db(connection_id)
    if (
        uow.execute(
            "UPDATE tracker_sync_state SET sync_status = 'failed', lease_owner = NULL,"
            " lease_expires_at = NULL, updated_at = :now"
            " WHERE connection_id = :id AND lease_owner = :owner",
            {"now": now, "id": cid, "owner": owner},
        )
        != 1
    ):
        return False
    uow.execute(
        "UPDATE tracker_connections SET status = :status, last_error = :error,"
        " next_sync_at = NULL, access_token_enc = NULL, refresh_token_enc = NULL,"
        " token_expires_at = NULL, retired_at = CASE WHEN :status = 'retired' THEN :now"
        " ELSE retired_at END, updated_at = :now WHERE connection_id = :id AND status = 'active'",
        {"status": status, "error": error[:1000], "now": now, "id": cid},
    )
    return True


def insert(uow: UnitOfWork, run: SyncRun) -> None:
    uow.execute(
        "INSERT INTO sync_runs (sync_run_id, connection_id, user_id, trigger_type, status,"
        " window_start, window_end, started_at, finished_at, activities_fetched,"
        " activities_stored, points_awarded, error_message) VALUES (:id, :cid, :user_id,"
        " :run_trigger, :status, :wstart, :wend, :started, :finished, :fetched, :stored,"
        " :points, :error)",
        {
            "id": ids.to_db(run.sync_run_id),
            "cid": ids.to_db(run.connection_id),
            "user_id": ids.to_db(run.user_id),
            "run_trigger": run.trigger_type,
            "status": run.status,
            "wstart": run.window_start,
            "wend": run.window_end,
            "started": run.started_at,
            "finished": run.finished_at,
            "fetched": run.activities_fetched,
            "stored": run.activities_stored,
            "points": run.points_awarded,
            "error": run.error_message[:1000] if run.error_message else None,
        },
    )


def _from_row(row: dict[str, Any]) -> SyncRun:
    return SyncRun(
        sync_run_id=ids.from_db(row["sync_run_id"]),
        connection_id=ids.from_db(row["connection_id"]),
        user_id=ids.from_db(row["user_id"]),
        trigger_type=row["trigger_type"],
        status=SyncRunStatus(row["status"]),
        window_start=row["window_start"],
        window_end=row["window_end"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        activities_fetched=row["activities_fetched"],
        activities_stored=row["activities_stored"],
        points_awarded=row["points_awarded"],
        error_message=row["error_message"],
    )


def recent(uow: UnitOfWork, connection_id: uuid.UUID, limit: int = 20) -> list[SyncRun]:
    rows = uow.query(
        "SELECT sync_run_id, connection_id, user_id, trigger_type, status, window_start,"
        " window_end, started_at, finished_at, activities_fetched, activities_stored,"
        " points_awarded, error_message FROM sync_runs WHERE connection_id = :id"
        f" ORDER BY started_at DESC {uow.dialect.limit()}",
        {"id": ids.to_db(connection_id), "limit": limit},
    )
    return [_from_row(row) for row in rows]
