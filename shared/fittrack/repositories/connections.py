"""Tracker connections and their sync state (tracker_connections + tracker_sync_state).

Tokens are stored only as AES-GCM blobs; this module never sees them in clear.
Every state change that two workers could race on is a conditional UPDATE (the
lease, the forced-sync allowance, the webhook debounce), so it works the same on
SQLite and Oracle without explicit locks.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.connections import Connection, ConnectionStatus, SyncStatus

_SELECT = (
    "SELECT c.connection_id, c.user_id, c.provider, c.status, c.external_user_id,"
    " c.access_token_enc, c.refresh_token_enc, c.token_expires_at, c.scopes, c.is_primary,"
    " c.last_sync_at, c.next_sync_at, c.forced_sync_at, c.last_error, c.linked_at,"
    " c.revoked_at, c.retired_at, s.sync_status, s.sync_cursor, s.failure_count,"
    " s.backoff_until, s.lease_owner, s.lease_expires_at"
    " FROM tracker_connections c"
    " LEFT JOIN tracker_sync_state s ON s.connection_id = c.connection_id"
)


@dataclass(frozen=True)
class Due:
    connection_id: uuid.UUID
    user_id: uuid.UUID
    provider: str


def _blob(value: Any) -> bytes | None:
    return bytes(value) if value is not None else None


def _from_row(row: dict[str, Any]) -> Connection:
    return Connection(
        connection_id=ids.from_db(row["connection_id"]),
        user_id=ids.from_db(row["user_id"]),
        provider=row["provider"],
        status=ConnectionStatus(row["status"]),
        external_user_id=row["external_user_id"],
        access_token_enc=_blob(row["access_token_enc"]),
        refresh_token_enc=_blob(row["refresh_token_enc"]),
        token_expires_at=row["token_expires_at"],
        scopes=row["scopes"],
        is_primary=bool(row["is_primary"]),
        last_sync_at=row["last_sync_at"],
        next_sync_at=row["next_sync_at"],
        forced_sync_at=row["forced_sync_at"],
        last_error=row["last_error"],
        linked_at=row["linked_at"],
        revoked_at=row["revoked_at"],
        retired_at=row["retired_at"],
        sync_status=SyncStatus(row["sync_status"] or "idle"),
        sync_cursor=row["sync_cursor"],
        failure_count=int(row["failure_count"] or 0),
        backoff_until=row["backoff_until"],
        lease_owner=row["lease_owner"],
        lease_expires_at=row["lease_expires_at"],
    )


def list_for_user(uow: UnitOfWork, user_id: uuid.UUID) -> list[Connection]:
    rows = uow.query(
        f"{_SELECT} WHERE c.user_id = :user_id ORDER BY c.linked_at",
        {"user_id": ids.to_db(user_id)},
    )
    return [_from_row(row) for row in rows]


def get(uow: UnitOfWork, connection_id: uuid.UUID) -> Connection | None:
    row = uow.query_one(f"{_SELECT} WHERE c.connection_id = :id", {"id": ids.to_db(connection_id)})
    return _from_row(row) if row else None


def find(uow: UnitOfWork, user_id: uuid.UUID, provider: str) -> Connection | None:
    row = uow.query_one(
        f"{_SELECT} WHERE c.user_id = :user_id AND c.provider = :provider",
        {"user_id": ids.to_db(user_id), "provider": provider},
    )
    return _from_row(row) if row else None


def find_by_external(uow: UnitOfWork, provider: str, external_user_id: str) -> list[Connection]:
    rows = uow.query(
        f"{_SELECT} WHERE c.provider = :provider AND c.external_user_id = :ext",
        {"provider": provider, "ext": external_user_id},
    )
    return [_from_row(row) for row in rows]


@dataclass(frozen=True, kw_only=True)
class Grant:
    """A freshly linked grant, already encrypted."""

    access_token_enc: bytes = field(repr=False)
    refresh_token_enc: bytes | None = field(repr=False)
    expires_at: datetime | None
    scopes: str | None
    external_user_id: str | None


def link(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    provider: str,
    connection_id: uuid.UUID,
    grant: Grant,
    now: datetime,
    next_at: datetime,
    existing: bool,
) -> None:
    """Create the connection, or bring an earlier one of this provider back to life
    (after an unlink, an error or a retirement); its first sync reads 7 days again.
    The caller queues that first sync at once; the schedule takes over at `next_at`."""
    params = {
        "id": ids.to_db(connection_id),
        "user_id": ids.to_db(user_id),
        "access_enc": grant.access_token_enc,
        "refresh": grant.refresh_token_enc,
        "expires": grant.expires_at,
        "scopes": grant.scopes,
        "ext": grant.external_user_id,
        "now": now,
        "next": next_at,
    }
    if existing:
        uow.execute(
            "UPDATE tracker_connections SET status = 'active', access_token_enc = :access_enc,"
            " refresh_token_enc = :refresh, token_expires_at = :expires, scopes = :scopes,"
            " external_user_id = COALESCE(:ext, external_user_id), last_error = NULL,"
            " linked_at = :now, revoked_at = NULL, retired_at = NULL, next_sync_at = :next,"
            " updated_at = :now WHERE connection_id = :id AND user_id = :user_id",
            params,
        )
        uow.execute(
            "DELETE FROM tracker_sync_state WHERE connection_id = :id", {"id": params["id"]}
        )
    else:
        uow.execute(
            "INSERT INTO tracker_connections (connection_id, user_id, provider, status,"
            " external_user_id, access_token_enc, refresh_token_enc, token_expires_at, scopes,"
            " is_primary, next_sync_at, linked_at, created_at, updated_at) VALUES (:id, :user_id,"
            " :provider, 'active', :ext, :access_enc, :refresh, :expires, :scopes, :no, :next,"
            " :now, :now, :now)",
            {**params, "provider": provider, "no": False},
        )
    uow.execute(
        "INSERT INTO tracker_sync_state (connection_id, sync_status, failure_count,"
        " updated_at) VALUES (:id, 'queued', 0, :now)",
        {"id": params["id"], "now": now},
    )


def save_tokens(
    uow: UnitOfWork,
    connection_id: uuid.UUID,
    *,
    access_enc: bytes,
    refresh_enc: bytes | None,
    expires_at: datetime | None,
    now: datetime,
) -> None:
    uow.execute(
        "UPDATE tracker_connections SET access_token_enc = :access_enc,"
        " refresh_token_enc = COALESCE(:refresh, refresh_token_enc),"
        " token_expires_at = :expires, updated_at = :now WHERE connection_id = :id",
        {
            "access_enc": access_enc,
            "refresh": refresh_enc,
            "expires": expires_at,
            "now": now,
            "id": ids.to_db(connection_id),
        },
    )


def lock(uow: UnitOfWork, connection_id: uuid.UUID, now: datetime) -> Connection | None:
    """Take the connection's row lock (a write on SQLite, the row on Oracle) and read it."""
    uow.execute(
        "UPDATE tracker_connections SET updated_at = :now WHERE connection_id = :id",
        {"now": now, "id": ids.to_db(connection_id)},
    )
    return get(uow, connection_id)


def set_primary(
    uow: UnitOfWork, user_id: uuid.UUID, connection_id: uuid.UUID | None, now: datetime
) -> None:
    """Make one connection the member's primary tracker (None: no primary)."""
    uid, cid = ids.to_db(user_id), ids.to_db(connection_id) if connection_id else None
    uow.execute(
        "UPDATE tracker_connections SET is_primary = :no, updated_at = :now"
        " WHERE user_id = :user_id AND is_primary = :yes",
        {"user_id": uid, "now": now, "no": False, "yes": True},
    )
    if cid is not None:
        uow.execute(
            "UPDATE tracker_connections SET is_primary = :yes, updated_at = :now"
            " WHERE connection_id = :id AND user_id = :user_id",
            {"id": cid, "user_id": uid, "now": now, "yes": True},
        )
    uow.execute(
        "UPDATE users SET primary_connection_id = :id WHERE user_id = :user_id",
        {"id": cid, "user_id": uid},
    )


def mark_revoked(uow: UnitOfWork, connection_id: uuid.UUID, now: datetime) -> None:
    """Unlinked: tokens gone, no more syncs; the activities stay."""
    uow.execute(
        "UPDATE tracker_connections SET status = 'revoked', access_token_enc = NULL,"
        " refresh_token_enc = NULL, token_expires_at = NULL, is_primary = :no,"
        " next_sync_at = NULL, revoked_at = :now, updated_at = :now WHERE connection_id = :id",
        {"id": ids.to_db(connection_id), "now": now, "no": False},
    )
    uow.execute(
        "UPDATE users SET primary_connection_id = NULL WHERE primary_connection_id = :id",
        {"id": ids.to_db(connection_id)},
    )
    set_sync_status(uow, connection_id, "idle", now)


def claim_forced_sync(
    uow: UnitOfWork, connection_id: uuid.UUID, now: datetime, allowed_before: datetime
) -> bool:
    """Use the member's forced-sync allowance; False when one was used since `allowed_before`."""
    return (
        uow.execute(
            "UPDATE tracker_connections SET forced_sync_at = :now, updated_at = :now"
            " WHERE connection_id = :id AND status = 'active'"
            " AND (forced_sync_at IS NULL OR forced_sync_at <= :before)",
            {"id": ids.to_db(connection_id), "now": now, "before": allowed_before},
        )
        == 1
    )


def claim_webhook(
    uow: UnitOfWork, connection_id: uuid.UUID, now: datetime, allowed_before: datetime
) -> bool:
    return (
        uow.execute(
            "UPDATE tracker_sync_state SET webhook_at = :now, updated_at = :now"
            " WHERE connection_id = :id AND (webhook_at IS NULL OR webhook_at <= :before)",
            {"id": ids.to_db(connection_id), "now": now, "before": allowed_before},
        )
        == 1
    )


def due(uow: UnitOfWork, now: datetime, limit: int) -> list[Due]:
    """Active connections whose next sync time has come (15 minutes after the last one,
    or the end of a back-off), oldest first."""
    rows = uow.query(
        "SELECT connection_id, user_id, provider FROM tracker_connections"
        " WHERE status = 'active' AND (next_sync_at IS NULL OR next_sync_at <= :now)"
        f" ORDER BY next_sync_at {uow.dialect.limit()}",
        {"now": now, "limit": limit},
    )
    return [
        Due(ids.from_db(r["connection_id"]), ids.from_db(r["user_id"]), r["provider"]) for r in rows
    ]


def mark_queued(
    uow: UnitOfWork, connection_ids: Sequence[uuid.UUID], now: datetime, next_at: datetime
) -> None:
    """Queued: not due again before `next_at` (a lost message is re-queued then)."""
    for start in range(0, len(connection_ids), 200):
        chunk = connection_ids[start : start + 200]
        binds = {f"c{i}": ids.to_db(cid) for i, cid in enumerate(chunk)}
        names = ", ".join(":" + name for name in binds)
        uow.execute(
            f"UPDATE tracker_connections SET next_sync_at = :next WHERE connection_id IN ({names})",
            {**binds, "next": next_at},
        )
        uow.execute(
            f"UPDATE tracker_sync_state SET sync_status = 'queued', updated_at = :now"
            f" WHERE connection_id IN ({names}) AND sync_status <> 'running'",
            {**binds, "now": now},
        )


def set_sync_status(uow: UnitOfWork, connection_id: uuid.UUID, status: str, now: datetime) -> None:
    uow.execute(
        "UPDATE tracker_sync_state SET sync_status = :status, updated_at = :now"
        " WHERE connection_id = :id",
        {"status": status, "now": now, "id": ids.to_db(connection_id)},
    )


def ensure_state(uow: UnitOfWork, connection_id: uuid.UUID, now: datetime) -> None:
    """The sync-state row of a connection made without one (insert if absent)."""
    uow.execute(
        uow.dialect.upsert(
            "tracker_sync_state",
            ("connection_id", "sync_status", "failure_count", "updated_at"),
            ("connection_id",),
            update=(),
        ),
        {
            "connection_id": ids.to_db(connection_id),
            "sync_status": "idle",
            "failure_count": 0,
            "updated_at": now,
        },
    )
