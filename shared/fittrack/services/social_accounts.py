"""Who a provider's checked ID token signs in as, and the session it opens.

A known (provider, subject) signs in its member. Otherwise an account with the same
email is linked only when the provider is authoritative for the address and the
account's own email is verified too (a never-verified account may have been registered
by someone else to hijack the real owner's later social sign-in). Google is
authoritative only for gmail.com and Workspace (`hd`) accounts; Apple for the addresses
it verified, except private relay addresses, which are never linked by email; a refusal
carries a link token (social_links) when the member can link the identity another way.
Otherwise a new pending account is created; it still needs registration details. See
docs/social-login.md.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from fittrack import log
from fittrack.adapters import oidc
from fittrack.db import UniqueViolation
from fittrack.domain.accounts import UserStatus
from fittrack.domain.errors import Conflict, DomainError, Forbidden, Unauthorized
from fittrack.repositories import social_identities, users
from fittrack.schemas.social import SocialLoginTokens
from fittrack.services import social_links
from fittrack.services.sessions import start_session
from fittrack.services.social_providers import DISPLAY

if TYPE_CHECKING:
    from fittrack.adapters.cache import Cache
    from fittrack.db import UnitOfWork
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.social")


def sign_in_member(
    uow: UnitOfWork,
    platform: Platform,
    *,
    provider: str,
    claims: oidc.Claims,
    display_name: str | None,
    device_id: str | None,
    user_agent: str | None,
    ip: str | None,
    now: datetime,
) -> SocialLoginTokens | DomainError:
    """Find or create the member, then open a session; a refusal is returned, not raised,
    so whatever was written before it (a stale link removed) still commits."""
    user, created = _resolve_user(uow, platform.cache, provider, claims, now, display_name)
    if isinstance(user, DomainError):
        return user
    if user.status == UserStatus.BANNED:
        return Forbidden("This account has been banned.")
    users.record_login_success(uow, user.user_id, now)
    tokens = start_session(
        uow, platform.tokens, user=user, device_id=device_id, user_agent=user_agent, ip=ip, now=now
    )
    return SocialLoginTokens(
        **tokens.model_dump(),
        account_created=created,
        needs_registration_details=user.date_of_birth is None or user.state_of_residence is None,
    )


def _resolve_user(
    uow: UnitOfWork,
    cache: Cache,
    provider: str,
    claims: oidc.Claims,
    now: datetime,
    display_name: str | None = None,
) -> tuple[users.User | DomainError, bool]:
    identity = social_identities.find(uow, provider, claims.subject)
    if identity is not None:
        linked = users.get(uow, identity.user_id)
        if linked is not None and linked.deleted_at is None:
            social_identities.record_login(
                uow, identity.identity_id, claims.email, now, private_email=claims.private_email
            )
            return linked, False
        social_identities.delete(uow, identity.identity_id)  # its account was closed
    name = DISPLAY[provider]
    if not claims.email:
        return Unauthorized(f"{name} did not share an email address; allow it and retry."), False
    existing = users.find_by_email(uow, claims.email)
    if existing is not None:
        if existing.status == UserStatus.BANNED:
            return Forbidden("This account has been banned."), False
        refusal = _refuse_link_by_email(provider, claims)
        if refusal is not None:
            token = social_links.offer(cache, existing.user_id, provider, claims, display_name)
            if token is not None:
                refusal.extra["linkToken"] = token
            return refusal, False
        if not existing.is_verified:
            return Conflict(
                "An account with this email exists but its email has not been confirmed yet."
                " Confirm it from the email we sent (or reset the password), then sign in"
                f" with {name} again.",
                reason="account_email_not_verified",
            ), False
        _link(uow, existing.user_id, provider=provider, claims=claims, now=now, name=display_name)
        logger.info(
            "social identity linked", extra={"provider": provider, "userId": str(existing.user_id)}
        )
        return existing, False
    return _create(uow, provider, claims, now, display_name), True


def _provider_owns_email(provider: str, claims: oidc.Claims) -> bool:
    """Whether the provider's word proves the member reads mail at this address."""
    if provider == "google":
        return oidc.google_is_authoritative(claims)
    return claims.email_verified


def _refuse_link_by_email(provider: str, claims: oidc.Claims) -> DomainError | None:
    """Why an existing account with this email must not be linked, if it must not."""
    name = DISPLAY[provider]
    if not claims.email_verified:
        return Conflict(
            f"An account with this email exists, but {name} has not verified the address."
            " Sign in with your password instead (then link it with linkToken).",
            reason="email_not_verified",
        )
    if claims.private_email:
        return Conflict(
            "An account with this email exists, but Apple shared a private relay address,"
            " which we never link by email. Sign in with your password instead (then link"
            " it with linkToken).",
            reason="private_relay_email",
        )
    if not _provider_owns_email(provider, claims):
        return Conflict(
            f"An account with this email exists, but {name} does not manage this address,"
            " so it cannot prove the address is still yours. Sign in with your password"
            " instead (then link it with linkToken).",
            reason="email_not_authoritative",
        )
    return None


def _create(
    uow: UnitOfWork, provider: str, claims: oidc.Claims, now: datetime, name: str | None
) -> users.User:
    try:
        user_id = users.insert(
            uow,
            users.NewUser(
                email=claims.email or "",
                password_hash=None,
                date_of_birth=None,
                state_of_residence=None,
                terms_version=None,
                rules_version=None,
                email_verified_at=now if _provider_owns_email(provider, claims) else None,
            ),
            now,
        )
    except UniqueViolation:
        raise Conflict("This account was created a moment ago; sign in again.") from None
    _link(uow, user_id, provider=provider, claims=claims, now=now, name=name)
    created = users.get(uow, user_id)
    if created is None:
        raise RuntimeError("the account just inserted cannot be read back")
    logger.info(
        "account created by social sign-in", extra={"provider": provider, "userId": str(user_id)}
    )
    return created


def _link(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    provider: str,
    claims: oidc.Claims,
    now: datetime,
    name: str | None = None,
) -> None:
    try:
        social_identities.insert(
            uow,
            user_id,
            provider=provider,
            subject=claims.subject,
            email=claims.email,
            private_email=claims.private_email,
            display_name=name,
            now=now,
        )
    except UniqueViolation:
        raise Conflict("This sign-in was completed a moment ago; sign in again.") from None
