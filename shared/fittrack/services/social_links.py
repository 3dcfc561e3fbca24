"""Linking a social identity whose provider cannot vouch for the email it shares.

When a sign-in's email matches an account but the provider is not authoritative for the
address (docs/social-login.md), the refusal carries a single-use link token. The member
then signs in to that account another way (the password) and sends the token to
`POST /auth/social/link`: the token shows they hold the provider account, the session
that they hold the FitTrack account, so the identity is linked and the next sign-in
with the provider goes straight in.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.adapters import oidc
from fittrack.adapters.cache import Cache, CacheUnavailable
from fittrack.db import UniqueViolation
from fittrack.domain.errors import Conflict, FieldConflict, FieldError
from fittrack.repositories import social_identities
from fittrack.schemas.social import SocialLinked

if TYPE_CHECKING:
    from fittrack.domain.identity import Caller
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.social")
LINK_TTL_SECONDS = 10 * 60
_PREFIX = "social-link:"


def _key(token: str) -> str:
    return _PREFIX + hashlib.sha256(token.encode()).hexdigest()


def offer(
    cache: Cache, user_id: uuid.UUID, provider: str, claims: oidc.Claims, name: str | None
) -> str | None:
    """A link token for this (account, provider identity); None when the cache is away
    (the member then simply signs in with the password, unlinked)."""
    token = secrets.token_urlsafe(32)
    pending = {
        "userId": str(user_id),
        "provider": provider,
        "subject": claims.subject,
        "email": claims.email,
        "privateEmail": claims.private_email,
        "name": name,
    }
    try:
        cache.set_json(_key(token), pending, ttl_seconds=LINK_TTL_SECONDS)
    except CacheUnavailable:
        return None
    return token


def _refused() -> FieldConflict:
    return FieldConflict(
        [FieldError("linkToken", "This link is unknown, used or expired.", "invalid_token")]
    )


def _take(cache: Cache, token: str, user_id: uuid.UUID) -> dict[str, Any]:
    """The pending link, used up; only the account it names may use it (another member
    is refused and leaves it usable)."""
    key = _key(token)
    pending = cache.get_json(key)
    if not isinstance(pending, dict) or pending.get("userId") != str(user_id):
        raise _refused()
    if cache.delete(key) != 1:  # a concurrent request used it first
        raise _refused()
    return pending


def complete(platform: Platform, caller: Caller, token: str) -> SocialLinked:
    pending = _take(platform.cache, token, caller.user_id)
    now = platform.clock()
    try:
        with platform.db.unit_of_work() as uow:
            social_identities.insert(
                uow,
                caller.user_id,
                provider=pending["provider"],
                subject=pending["subject"],
                email=pending["email"],
                private_email=bool(pending["privateEmail"]),
                display_name=pending["name"],
                now=now,
            )
    except UniqueViolation:
        raise Conflict("This sign-in is already linked to an account.") from None
    logger.info(
        "social identity linked after sign-in",
        extra={"provider": pending["provider"], "userId": str(caller.user_id)},
    )
    return SocialLinked(provider=pending["provider"], linked_at=now)
