"""Linking trackers: list, initiate, callback, unlink, primary, forced sync.

OAuth 2.0 authorization code with PKCE S256 (authlib, in the provider adapters).
`initiate` stores a single-use `state` bound to the member (purpose `link`, 10
minutes) with the PKCE verifier sealed under the token key; `callback` burns it in
its own transaction, exchanges the code outside any transaction, then stores the
encrypted grant and queues the first sync (the last 7 days) at once. Unlinking
revokes the grant at the provider where it can and keeps every activity.
"""

from __future__ import annotations

import math
import secrets
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fittrack import log
from fittrack.adapters import providers as registry
from fittrack.adapters.crypto import DecryptionError
from fittrack.adapters.providers.base import GrantRevoked, ProviderError, ProviderUnavailable
from fittrack.db import UniqueViolation, UnitOfWork, ids
from fittrack.domain.connections import ConnectionStatus
from fittrack.domain.errors import (
    Conflict,
    DomainError,
    ErrorKind,
    NotFound,
    ServiceUnavailable,
    TooManyRequests,
)
from fittrack.domain.sync import FORCE_INTERVAL, SYNC_INTERVAL
from fittrack.repositories import connections, oauth_states
from fittrack.schemas.connections import (
    Action,
    ConnectionAuthorization,
    ConnectionList,
    ConnectionView,
    ProviderOption,
    SyncRequested,
)
from fittrack.services import sync, tracker_tokens

if TYPE_CHECKING:
    from fittrack.adapters.providers.base import TrackerProvider
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.connections")
PURPOSE = "link"
STATE_TTL = timedelta(minutes=10)
FORGET_STATES_AFTER = timedelta(days=1)


class LinkStateInvalid(DomainError):
    """A well-formed state this member has no pending link for (unknown, used, expired)."""

    kind = ErrorKind.CONFLICT
    code = "invalid-oauth-state"
    title = "Invalid linking state"


class LinkFailed(DomainError):
    kind = ErrorKind.INVALID
    code = "tracker-link-failed"
    title = "The tracker could not be linked"


class ProviderRetired(DomainError):
    kind = ErrorKind.CONFLICT
    code = "provider-retired"
    title = "This tracker can no longer be linked"


def _name(provider: str) -> str:
    if provider not in registry.names():
        raise NotFound(
            f"There is no tracker provider {provider!r}; use {' or '.join(registry.names())}."
        )
    return provider


def _adapter(platform: Platform, provider: str) -> TrackerProvider:
    if registry.is_retired(_name(provider), platform.settings):
        raise ProviderRetired(
            f"{registry.display_name(provider)} is retired here; link"
            f" {registry.display_name(registry.DEFAULT)} instead."
        )
    try:
        return registry.get_provider(_name(provider), platform.settings, platform.secrets)
    except ProviderUnavailable as missing:
        raise ServiceUnavailable(str(missing)) from None


def _action(connection: connections.Connection) -> Action:
    """What the member should do: reconnect a broken grant; replace a retired API."""
    if connection.status == ConnectionStatus.ERROR or (
        connection.status == ConnectionStatus.RETIRED and connection.provider == "fitbit"
    ):
        return "reconnect"
    return "link_fitbit" if connection.status == ConnectionStatus.RETIRED else "none"


def view(connection: connections.Connection) -> ConnectionView:
    return ConnectionView(
        provider=connection.provider,
        display_name=registry.display_name(connection.provider),
        status=connection.status,
        is_primary=connection.is_primary,
        sync_status=connection.sync_status,
        last_sync_at=connection.last_sync_at,
        next_sync_at=connection.next_sync_at
        if connection.status == ConnectionStatus.ACTIVE
        else None,
        last_error=connection.last_error,
        linked_at=connection.linked_at,
        retired_at=connection.retired_at,
        action=_action(connection),
    )


def list_connections(platform: Platform, user_id: uuid.UUID) -> ConnectionList:
    with platform.db.unit_of_work(readonly=True) as uow:
        found = connections.list_for_user(uow, user_id)
    active = {c.provider for c in found if c.status == ConnectionStatus.ACTIVE}
    return ConnectionList(
        connections=[view(c) for c in found],
        available=[
            ProviderOption(provider=name, display_name=registry.display_name(name))
            for name in registry.linkable(platform.settings)
            if name not in active
        ],
    )


def initiate(platform: Platform, user_id: uuid.UUID, provider: str) -> ConnectionAuthorization:
    adapter = _adapter(platform, provider)
    state, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(64)
    url = adapter.authorization_url(state, verifier)
    now = platform.clock()
    sealed = tracker_tokens.cipher(platform).encrypt(verifier, state.encode())
    with platform.db.unit_of_work() as uow:
        oauth_states.delete_expired(uow, PURPOSE, now - FORGET_STATES_AFTER)
        oauth_states.insert(
            uow,
            oauth_states.NewOAuthState(
                state=state,
                nonce=None,
                code_verifier_enc=sealed,
                provider=provider,
                purpose=PURPOSE,
                redirect_uri=adapter.settings.redirect_uri,
                expires_at=now + STATE_TTL,
                user_id=user_id,
            ),
            now,
        )
    return ConnectionAuthorization(authorization_url=url, state=state)


def _burn_state(
    uow: UnitOfWork,
    platform: Platform,
    *,
    user_id: uuid.UUID,
    provider: str,
    state: str,
    now: datetime,
) -> str:
    """The PKCE verifier of a state this member started for this provider (burnt now)."""
    found = oauth_states.find(uow, state)
    if (
        found is None
        or found.purpose != PURPOSE
        or found.provider != provider
        or found.user_id != user_id
    ):
        raise LinkStateInvalid("This link was not started here; start it again.")
    if found.used_at is not None or not oauth_states.mark_used(uow, found.state_id, now):
        raise LinkStateInvalid("This link has already been completed; start it again.")
    if found.expires_at <= now:
        raise LinkStateInvalid("This link took too long and has expired; start it again.")
    try:
        return tracker_tokens.cipher(platform).decrypt(found.code_verifier_enc, state.encode())
    except DecryptionError:
        raise LinkStateInvalid("This link cannot be completed; start it again.") from None


def callback(
    platform: Platform, user_id: uuid.UUID, *, provider: str, code: str, state: str
) -> ConnectionView:
    adapter = _adapter(platform, provider)
    with platform.db.unit_of_work() as uow:
        verifier = _burn_state(
            uow, platform, user_id=user_id, provider=provider, state=state, now=platform.clock()
        )
    try:
        tokens = adapter.exchange_code(code, verifier)
    except GrantRevoked as refused:
        raise LinkFailed(f"{adapter.display_name} refused the link: {refused}") from None
    except ProviderError as down:
        raise ServiceUnavailable(f"{adapter.display_name} is unavailable: {down}") from None
    try:
        external = adapter.external_user_id(tokens.access_token)
    except ProviderError:
        external = None  # webhooks cannot name this member until the next link
        logger.warning("provider identity unavailable", extra={"provider": provider})
    now, uid = platform.clock(), user_id
    box = tracker_tokens.cipher(platform)
    with platform.db.unit_of_work() as uow:
        existing = connections.find(uow, uid, provider)
        cid = existing.connection_id if existing else ids.new_id()
        sealed = tracker_tokens.seal_all(box, cid, tokens, now)
        grant = connections.Grant(
            access_token_enc=sealed.access,
            refresh_token_enc=sealed.refresh,
            expires_at=sealed.expires_at,
            scopes=tokens.scope,
            external_user_id=external,
        )
        try:
            connections.link(
                uow,
                uid,
                provider=provider,
                connection_id=cid,
                grant=grant,
                now=now,
                next_at=now + SYNC_INTERVAL,
                existing=existing is not None,
            )
        except UniqueViolation:
            raise Conflict("This tracker was linked a moment ago.") from None
        if not any(c.is_primary for c in connections.list_for_user(uow, uid)):
            connections.set_primary(uow, uid, cid, now)
        linked = connections.get(uow, cid)
    assert linked is not None
    sync.enqueue(
        platform, linked.connection_id, user_id=uid, provider=provider, trigger="initial", now=now
    )
    logger.info("tracker linked", extra={"provider": provider, "userId": user_id})
    return view(linked)


def _linked(uow: UnitOfWork, user_id: uuid.UUID, provider: str) -> connections.Connection:
    found = connections.find(uow, user_id, _name(provider))
    if found is None or found.status == ConnectionStatus.REVOKED:
        raise NotFound(f"You have no linked {registry.display_name(provider)} tracker.")
    return found


def unlink(platform: Platform, user_id: uuid.UUID, provider: str) -> None:
    with platform.db.unit_of_work(readonly=True) as uow:
        found = _linked(uow, user_id, provider)
    _revoke_at_provider(platform, found)
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        connections.mark_revoked(uow, found.connection_id, now)
        if found.is_primary:
            others = [
                c
                for c in connections.list_for_user(uow, user_id)
                if c.status == ConnectionStatus.ACTIVE and c.connection_id != found.connection_id
            ]
            if others:
                connections.set_primary(uow, user_id, others[0].connection_id, now)
    logger.info("tracker unlinked", extra={"provider": provider, "userId": user_id})


def _revoke_at_provider(platform: Platform, found: connections.Connection) -> None:
    """Best effort: a provider that is down or gone must not keep a member linked."""
    blob, kind = (
        (found.refresh_token_enc, "refresh")
        if found.refresh_token_enc
        else (found.access_token_enc, "access")
    )
    if blob is None:
        return
    try:
        adapter = registry.get_provider(found.provider, platform.settings, platform.secrets)
        adapter.revoke(
            tracker_tokens.unseal(tracker_tokens.cipher(platform), found.connection_id, kind, blob)
        )
    except ProviderError as failed:
        logger.warning(
            "provider revocation failed", extra={"provider": found.provider, "reason": str(failed)}
        )


def make_primary(platform: Platform, user_id: uuid.UUID, provider: str) -> ConnectionView:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        found = _linked(uow, user_id, provider)
        if found.status != ConnectionStatus.ACTIVE:
            raise Conflict(
                f"Reconnect {registry.display_name(provider)} before making it "
                "your primary tracker.",
                reason=found.status,
            )
        connections.set_primary(uow, user_id, found.connection_id, now)
        updated = connections.get(uow, found.connection_id)
    assert updated is not None
    return view(updated)


def force_sync(platform: Platform, user_id: uuid.UUID, provider: str) -> SyncRequested:
    """Queue a sync now: at most once per 5 minutes per provider (429 otherwise)."""
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        found = _linked(uow, user_id, provider)
        if found.status != ConnectionStatus.ACTIVE:
            raise Conflict(
                f"{registry.display_name(provider)} needs attention before it can sync.",
                reason=found.status,
            )
        if found.backoff_until is not None and found.backoff_until > now:
            raise TooManyRequests(
                math.ceil((found.backoff_until - now).total_seconds()),
                "The provider asked us to wait; this tracker syncs again "
                "by itself when the wait is over.",
            )
        if not connections.claim_forced_sync(uow, found.connection_id, now, now - FORCE_INTERVAL):
            last = found.forced_sync_at or now
            raise TooManyRequests(
                math.ceil((last + FORCE_INTERVAL - now).total_seconds()),
                "You can force a sync of this tracker once every 5 minutes.",
            )
    sync.enqueue(
        platform,
        found.connection_id,
        user_id=found.user_id,
        provider=provider,
        trigger="forced",
        now=now,
    )
    return SyncRequested(
        provider=provider, queued=True, trigger="forced", next_allowed_at=now + FORCE_INTERVAL
    )
