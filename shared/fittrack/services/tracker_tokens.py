"""Provider tokens at rest and their refresh.

Tokens are AES-256-GCM blobs (`adapters.crypto`, key `token-encryption-key`; the
blob's first byte is the key id, so keys rotate without re-encrypting every row),
bound to their connection and kind, so a blob copied to another row or column does
not decrypt. They are never logged and never leave this module in an API answer.

Refreshing happens well before expiry (`domain.sync.REFRESH_MARGIN`), in the sync
worker and on demand, inside one transaction that holds the connection's row lock:
read the current refresh token, call the provider, save the new pair, commit. A
provider that rotates refresh tokens (single use) therefore never has its new token
received by a transaction that does not store it, and two refreshers never race.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from fittrack.adapters.crypto import DecryptionError, TokenCipher, cipher_from_secrets
from fittrack.adapters.providers.base import GrantRevoked, TokenSet, TrackerProvider
from fittrack.domain.connections import ConnectionStatus
from fittrack.domain.sync import needs_refresh
from fittrack.repositories import connections

if TYPE_CHECKING:
    from fittrack.platform import Platform


class ConnectionInactive(Exception):
    """The connection was unlinked or deactivated meanwhile."""


def _bound(connection_id: uuid.UUID, kind: str) -> bytes:
    return b"tracker:" + kind.encode() + b":" + connection_id.bytes


def cipher(platform: Platform) -> TokenCipher:
    return cipher_from_secrets(platform.secrets)


def seal(box: TokenCipher, connection_id: uuid.UUID, kind: str, token: str) -> bytes:
    return box.encrypt(token, _bound(connection_id, kind))


def unseal(box: TokenCipher, connection_id: uuid.UUID, kind: str, blob: bytes | None) -> str:
    if blob is None:
        raise GrantRevoked(f"no {kind} token is stored")
    try:
        return box.decrypt(blob, _bound(connection_id, kind))
    except DecryptionError:
        raise GrantRevoked(f"the stored {kind} token cannot be decrypted") from None


@dataclass(frozen=True)
class Sealed:
    access: bytes
    refresh: bytes | None
    expires_at: datetime | None


def seal_all(box: TokenCipher, connection_id: uuid.UUID, tokens: TokenSet, now: datetime) -> Sealed:
    return Sealed(
        seal(box, connection_id, "access", tokens.access_token),
        seal(box, connection_id, "refresh", tokens.refresh_token) if tokens.refresh_token else None,
        tokens.expires_at(now),
    )


def access_token(
    platform: Platform,
    provider: TrackerProvider,
    *,
    connection: connections.Connection,
    now: datetime,
    force_refresh: bool = False,
) -> str:
    """A usable access token: the stored one, or a refreshed one when it is about to
    expire (or `force_refresh`, after the provider refused it)."""
    box = cipher(platform)
    if not force_refresh and not needs_refresh(connection.token_expires_at, now):
        return unseal(box, connection.connection_id, "access", connection.access_token_enc)
    return refresh(platform, provider, seen=connection, now=now, box=box)


def refresh(
    platform: Platform,
    provider: TrackerProvider,
    *,
    seen: connections.Connection,
    now: datetime,
    box: TokenCipher | None = None,
) -> str:
    """Refresh in one transaction holding the row lock; the new pair commits with it.
    If another worker refreshed since `seen` was read, its fresh token is used instead."""
    box = box or cipher(platform)
    cid = seen.connection_id
    with platform.db.unit_of_work() as uow:
        current = connections.lock(uow, cid, now)
        if current is None or current.status != ConnectionStatus.ACTIVE:
            raise ConnectionInactive("the connection is no longer active")
        if current.access_token_enc != seen.access_token_enc and not needs_refresh(
            current.token_expires_at, now
        ):
            return unseal(box, cid, "access", current.access_token_enc)
        tokens = provider.refresh(unseal(box, cid, "refresh", current.refresh_token_enc))
        sealed = seal_all(box, cid, tokens, now)
        connections.save_tokens(
            uow,
            cid,
            access_enc=sealed.access,
            refresh_enc=sealed.refresh,
            expires_at=sealed.expires_at,
            now=now,
        )
    return tokens.access_token
