"""OAuth `state` values in flight: nonce and encrypted PKCE verifier, single use."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids

_COLUMNS = (
    "state_id, state, nonce, code_verifier_enc, provider, purpose, user_id,"
    " redirect_uri, expires_at, used_at, created_at, binding_hash, provider_user_enc"
)


@dataclass(frozen=True, kw_only=True)
class OAuthState:
    state_id: uuid.UUID
    state: str
    nonce: str | None
    code_verifier_enc: bytes
    provider: str
    purpose: str
    user_id: uuid.UUID | None
    redirect_uri: str | None
    expires_at: datetime
    used_at: datetime | None
    created_at: datetime
    binding_hash: bytes | None = None  # SHA-256 of the browser's binding cookie (Apple)
    provider_user_enc: bytes | None = None  # Apple's first-time `user`, sealed


@dataclass(frozen=True, kw_only=True)
class NewOAuthState:
    state: str
    nonce: str | None
    code_verifier_enc: bytes
    provider: str
    purpose: str
    redirect_uri: str | None
    expires_at: datetime
    user_id: uuid.UUID | None = None
    binding_hash: bytes | None = None


def _from_row(row: dict[str, Any]) -> OAuthState:
    return OAuthState(
        state_id=ids.from_db(row["state_id"]),
        state=row["state"],
        nonce=row["nonce"],
        code_verifier_enc=bytes(row["code_verifier_enc"]),
        provider=row["provider"],
        purpose=row["purpose"],
        user_id=ids.from_db(row["user_id"]),
        redirect_uri=row["redirect_uri"],
        expires_at=row["expires_at"],
        used_at=row["used_at"],
        created_at=row["created_at"],
        binding_hash=bytes(row["binding_hash"]) if row["binding_hash"] is not None else None,
        provider_user_enc=bytes(row["provider_user_enc"])
        if row["provider_user_enc"] is not None
        else None,
    )


def insert(uow: UnitOfWork, new: NewOAuthState, now: datetime) -> uuid.UUID:
    state_id = ids.new_id()
    uow.execute(
        "INSERT INTO oauth_states (state_id, state, nonce, code_verifier_enc, provider, purpose,"
        " user_id, redirect_uri, expires_at, created_at, binding_hash)"
        " VALUES (:id, :state, :nonce, :verifier, :provider, :purpose, :user_id, :redirect_uri,"
        " :expires_at, :now, :binding_hash)",
        {
            "id": ids.to_db(state_id),
            "state": new.state,
            "nonce": new.nonce,
            "verifier": new.code_verifier_enc,
            "provider": new.provider,
            "purpose": new.purpose,
            "user_id": ids.to_db(new.user_id) if new.user_id else None,
            "redirect_uri": new.redirect_uri,
            "expires_at": new.expires_at,
            "now": now,
            "binding_hash": new.binding_hash,
        },
    )
    return state_id


def find(uow: UnitOfWork, state: str) -> OAuthState | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM oauth_states WHERE state = :state {uow.dialect.for_update()}",
        {"state": state},
    )
    return _from_row(row) if row else None


def mark_used(uow: UnitOfWork, state_id: uuid.UUID, now: datetime) -> bool:
    """Burn a state; False when another request used it first."""
    changed = uow.execute(
        "UPDATE oauth_states SET used_at = :now WHERE state_id = :id AND used_at IS NULL",
        {"now": now, "id": ids.to_db(state_id)},
    )
    return changed == 1


def keep_provider_user(uow: UnitOfWork, state_id: uuid.UUID, sealed: bytes) -> None:
    """Keep what the provider said of the member on a state still in flight (first write
    wins: a replayed form cannot overwrite it)."""
    uow.execute(
        "UPDATE oauth_states SET provider_user_enc = :sealed"
        " WHERE state_id = :id AND used_at IS NULL AND provider_user_enc IS NULL",
        {"sealed": sealed, "id": ids.to_db(state_id)},
    )


def delete_expired(uow: UnitOfWork, purpose: str, before: datetime) -> int:
    """Forget states of one purpose that expired before `before`; returns how many."""
    return uow.execute(
        "DELETE FROM oauth_states WHERE purpose = :purpose AND expires_at < :before",
        {"purpose": purpose, "before": before},
    )
