"""Sign-in sessions (auth_sessions) and their refresh tokens (refresh_tokens).

A session is one signed-in device; its refresh tokens form one family that is
rotated on every use. Only SHA-256 hashes of refresh tokens are stored.
Revoking a session also revokes every refresh token that belongs to it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.sessions import RefreshToken, Session

USER_AGENT_MAX = 512
IP_MAX = 45
REASON_MAX = 64

_SESSION_COLUMNS = (
    "session_id, user_id, device_id, user_agent, ip_address, created_at, last_seen_at,"
    " expires_at, revoked_at, revoked_reason"
)
_REFRESH_COLUMNS = (
    "token_id, session_id, user_id, family_id, parent_token_id, issued_at, expires_at,"
    " rotated_at, revoked_at"
)


def _session(row: dict[str, Any]) -> Session:
    return Session(
        session_id=ids.from_db(row["session_id"]),
        user_id=ids.from_db(row["user_id"]),
        device_id=row["device_id"],
        user_agent=row["user_agent"],
        ip_address=row["ip_address"],
        created_at=row["created_at"],
        last_seen_at=row["last_seen_at"],
        expires_at=row["expires_at"],
        revoked_at=row["revoked_at"],
        revoked_reason=row["revoked_reason"],
    )


def _token(row: dict[str, Any]) -> RefreshToken:
    parent = row["parent_token_id"]
    return RefreshToken(
        token_id=ids.from_db(row["token_id"]),
        session_id=ids.from_db(row["session_id"]),
        user_id=ids.from_db(row["user_id"]),
        family_id=ids.from_db(row["family_id"]),
        parent_token_id=ids.from_db(parent) if parent is not None else None,
        issued_at=row["issued_at"],
        expires_at=row["expires_at"],
        rotated_at=row["rotated_at"],
        revoked_at=row["revoked_at"],
    )


# ---- sessions ---------------------------------------------------------------------


def insert_session(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    device_id: str,
    user_agent: str | None,
    ip_address: str | None,
    now: datetime,
    expires_at: datetime,
) -> uuid.UUID:
    """A new active session; a second active one on the same device raises UniqueViolation."""
    session_id = ids.new_id()
    uow.execute(
        "INSERT INTO auth_sessions (session_id, user_id, device_id, user_agent, ip_address,"
        " created_at, last_seen_at, expires_at) VALUES (:sid, :user_id, :device, :agent, :ip,"
        " :now, :now, :expires)",
        {
            "sid": ids.to_db(session_id),
            "user_id": ids.to_db(user_id),
            "device": device_id,
            "agent": user_agent[:USER_AGENT_MAX] if user_agent else None,
            "ip": ip_address[:IP_MAX] if ip_address else None,
            "now": now,
            "expires": expires_at,
        },
    )
    return session_id


def get_session(uow: UnitOfWork, session_id: uuid.UUID) -> Session | None:
    row = uow.query_one(
        f"SELECT {_SESSION_COLUMNS} FROM auth_sessions WHERE session_id = :sid",
        {"sid": ids.to_db(session_id)},
    )
    return _session(row) if row else None


def list_active(uow: UnitOfWork, user_id: uuid.UUID, now: datetime) -> list[Session]:
    rows = uow.query(
        f"SELECT {_SESSION_COLUMNS} FROM auth_sessions WHERE user_id = :user_id"
        " AND revoked_at IS NULL AND expires_at > :now ORDER BY last_seen_at DESC, created_at DESC",
        {"user_id": ids.to_db(user_id), "now": now},
    )
    return [_session(row) for row in rows]


def touch_session(
    uow: UnitOfWork,
    session_id: uuid.UUID,
    *,
    now: datetime,
    expires_at: datetime,
    ip_address: str | None,
) -> None:
    """Record activity on a session and slide its expiry with the new refresh token."""
    uow.execute(
        "UPDATE auth_sessions SET last_seen_at = :now, expires_at = :expires,"
        " ip_address = COALESCE(:ip, ip_address) WHERE session_id = :sid",
        {
            "now": now,
            "expires": expires_at,
            "ip": ip_address[:IP_MAX] if ip_address else None,
            "sid": ids.to_db(session_id),
        },
    )


def revoke_session(uow: UnitOfWork, session_id: uuid.UUID, now: datetime, reason: str) -> int:
    """Revoke one session and its refresh tokens; returns 1 when it was active, else 0."""
    changed = uow.execute(
        "UPDATE auth_sessions SET revoked_at = :now, revoked_reason = :reason"
        " WHERE session_id = :sid AND revoked_at IS NULL",
        {"now": now, "reason": reason[:REASON_MAX], "sid": ids.to_db(session_id)},
    )
    uow.execute(
        "UPDATE refresh_tokens SET revoked_at = :now WHERE session_id = :sid"
        " AND revoked_at IS NULL",
        {"now": now, "sid": ids.to_db(session_id)},
    )
    return changed


def revoke_device_sessions(
    uow: UnitOfWork, user_id: uuid.UUID, *, device_id: str, now: datetime, reason: str
) -> int:
    """Revoke the active session(s) of one user on one device (and their tokens)."""
    rows = uow.query(
        "SELECT session_id FROM auth_sessions WHERE user_id = :user_id AND device_id = :device"
        " AND revoked_at IS NULL",
        {"user_id": ids.to_db(user_id), "device": device_id},
    )
    return sum(revoke_session(uow, ids.from_db(row["session_id"]), now, reason) for row in rows)


def revoke_user_sessions(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    now: datetime,
    reason: str,
    keep: uuid.UUID | None = None,
) -> int:
    """Revoke every active session of a user except `keep`; returns how many were revoked."""
    keep_clause = " AND session_id <> :keep" if keep is not None else ""
    params: dict[str, Any] = {
        "now": now,
        "reason": reason[:REASON_MAX],
        "user_id": ids.to_db(user_id),
    }
    if keep is not None:
        params["keep"] = ids.to_db(keep)
    changed = uow.execute(
        "UPDATE auth_sessions SET revoked_at = :now, revoked_reason = :reason"
        f" WHERE user_id = :user_id AND revoked_at IS NULL{keep_clause}",
        params,
    )
    token_params = {k: v for k, v in params.items() if k != "reason"}
    uow.execute(
        "UPDATE refresh_tokens SET revoked_at = :now WHERE user_id = :user_id"
        f" AND revoked_at IS NULL{keep_clause}",
        token_params,
    )
    return changed


# ---- refresh tokens ---------------------------------------------------------------


def insert_refresh_token(
    uow: UnitOfWork,
    session_id: uuid.UUID,
    *,
    user_id: uuid.UUID,
    family_id: uuid.UUID,
    parent_token_id: uuid.UUID | None,
    token_hash: str,
    now: datetime,
    expires_at: datetime,
) -> uuid.UUID:
    token_id = ids.new_id()
    uow.execute(
        "INSERT INTO refresh_tokens (token_id, session_id, user_id, family_id, parent_token_id,"
        " token_hash, issued_at, expires_at) VALUES (:tid, :sid, :user_id, :family, :parent,"
        " :hash, :now, :expires)",
        {
            "tid": ids.to_db(token_id),
            "sid": ids.to_db(session_id),
            "user_id": ids.to_db(user_id),
            "family": ids.to_db(family_id),
            "parent": ids.to_db(parent_token_id),
            "hash": token_hash,
            "now": now,
            "expires": expires_at,
        },
    )
    return token_id


def find_refresh_token(uow: UnitOfWork, token_hash: str) -> RefreshToken | None:
    row = uow.query_one(
        f"SELECT {_REFRESH_COLUMNS} FROM refresh_tokens WHERE token_hash = :hash"
        + uow.dialect.for_update(),
        {"hash": token_hash},
    )
    return _token(row) if row else None


def mark_rotated(uow: UnitOfWork, token_id: uuid.UUID, now: datetime) -> bool:
    """Retire a token that is being exchanged; False when it was already used or revoked."""
    changed = uow.execute(
        "UPDATE refresh_tokens SET rotated_at = :now WHERE token_id = :tid"
        " AND rotated_at IS NULL AND revoked_at IS NULL",
        {"now": now, "tid": ids.to_db(token_id)},
    )
    return changed == 1


def successors(uow: UnitOfWork, token: RefreshToken) -> list[RefreshToken]:
    """The tokens issued in exchange for `token` (more than one after a lost-response retry)."""
    rows = uow.query(
        f"SELECT {_REFRESH_COLUMNS} FROM refresh_tokens"
        " WHERE family_id = :family AND parent_token_id = :parent",
        {"family": ids.to_db(token.family_id), "parent": ids.to_db(token.token_id)},
    )
    return [_token(row) for row in rows]


def retire_siblings(uow: UnitOfWork, token: RefreshToken, now: datetime) -> None:
    """Revoke the unused tokens issued beside `token` for the same parent: nobody holds them."""
    if token.parent_token_id is None:
        return
    uow.execute(
        "UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :family"
        " AND parent_token_id = :parent AND token_id <> :tid"
        " AND rotated_at IS NULL AND revoked_at IS NULL",
        {
            "now": now,
            "family": ids.to_db(token.family_id),
            "parent": ids.to_db(token.parent_token_id),
            "tid": ids.to_db(token.token_id),
        },
    )


def revoke_family(uow: UnitOfWork, family_id: uuid.UUID, now: datetime) -> list[uuid.UUID]:
    """Revoke every token of a family; returns the sessions the family belongs to."""
    rows = uow.query(
        "SELECT DISTINCT session_id FROM refresh_tokens WHERE family_id = :family",
        {"family": ids.to_db(family_id)},
    )
    uow.execute(
        "UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :family"
        " AND revoked_at IS NULL",
        {"now": now, "family": ids.to_db(family_id)},
    )
    return [ids.from_db(row["session_id"]) for row in rows]
