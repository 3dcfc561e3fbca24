"""Social login with Google and Apple: OpenID Connect, authorization code + PKCE.

initiate() stores a single-use state with the nonce and the PKCE verifier
(encrypted) and answers the provider's authorization URL; callback() burns the
state, exchanges the code, checks the ID token and signs the member in. The
provider is called between two short transactions, never inside one.

Linking: a known (provider, subject) signs in its member. Otherwise an account
with the same email is linked only when the provider is authoritative for the
address and the account's own email is verified too (a never-verified account may
have been registered by someone else to hijack the real owner's later social
sign-in). Google is authoritative only for gmail.com and Workspace (`hd`) accounts;
Apple for the addresses it verified, except private relay addresses, which are never
linked by email. Otherwise a new pending account is created; it still needs
registration details. See docs/social-login.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from fittrack import log
from fittrack.adapters import oidc
from fittrack.adapters.crypto import DecryptionError, cipher_from_secrets
from fittrack.db import UniqueViolation
from fittrack.domain.accounts import UserStatus
from fittrack.domain.errors import (
    Conflict,
    DomainError,
    ErrorKind,
    Forbidden,
    NotFound,
    ServiceUnavailable,
    Unauthorized,
)
from fittrack.repositories import oauth_states, social_identities, users
from fittrack.schemas.social import SocialAuthorization, SocialLoginTokens
from fittrack.services import social_links
from fittrack.services.sessions import start_session

if TYPE_CHECKING:
    from fittrack.adapters.cache import Cache
    from fittrack.db import UnitOfWork
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.social")
PROVIDERS = ("google", "apple")
PURPOSE = "login"
STATE_TTL = timedelta(minutes=10)
FORGET_STATES_AFTER = timedelta(days=1)
DISPLAY = {"google": "Google", "apple": "Apple"}


class SignInStateInvalid(DomainError):
    """A well-formed state we hold no pending sign-in for (unknown, used, expired): 409."""

    kind = ErrorKind.CONFLICT
    code = "invalid-oauth-state"
    title = "Invalid sign-in state"


@dataclass(frozen=True)
class _Flow:
    nonce: str
    code_verifier: str
    display_name: str | None = None  # Apple's first-time name, kept by the form post


@dataclass(frozen=True)
class Started:
    authorization: SocialAuthorization
    binding: str | None  # Apple: the browser binding cookie's value (signin_binding)


USER_AAD = b":user"  # sealed Apple `user`, told apart from the sealed verifier
MAX_NAME = 200


def _provider(name: str) -> str:
    if name not in PROVIDERS:
        raise NotFound(f"There is no sign-in provider {name!r}; use google or apple.")
    return name


def _client(platform: Platform, provider: str) -> oidc.OidcClient:
    try:
        return oidc.OidcClient(
            oidc.provider_settings(provider, platform.settings, platform.secrets, platform.clock())
        )
    except oidc.ProviderUnavailable as missing:
        raise ServiceUnavailable(str(missing)) from None


def initiate(platform: Platform, provider: str) -> Started:
    client = _client(platform, _provider(provider))
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)  # 86 characters: within PKCE's 43..128
    try:
        url = client.authorization_url(state, nonce, verifier)
    except oidc.ProviderUnavailable as down:
        raise ServiceUnavailable(
            f"Sign-in with {DISPLAY[provider]} is unavailable: {down}"
        ) from None
    now = platform.clock()
    sealed = cipher_from_secrets(platform.secrets).encrypt(verifier, state.encode())
    binding = secrets.token_urlsafe(32) if provider == "apple" else None
    with platform.db.unit_of_work() as uow:
        oauth_states.delete_expired(uow, PURPOSE, now - FORGET_STATES_AFTER)
        oauth_states.insert(
            uow,
            oauth_states.NewOAuthState(
                state=state,
                nonce=nonce,
                code_verifier_enc=sealed,
                provider=provider,
                purpose=PURPOSE,
                redirect_uri=client.provider.redirect_uri,
                expires_at=now + STATE_TTL,
                binding_hash=_digest(binding) if binding else None,
            ),
            now,
        )
    return Started(SocialAuthorization(authorization_url=url, state=state), binding)


def _digest(binding: str) -> bytes:
    return hashlib.sha256(binding.encode()).digest()


def apple_form_post(platform: Platform, form: dict[str, str], binding: str | None) -> str:
    """Apple's form POST to our redirect URI: where to send the browser next (the app's
    callback with code and state, or with an error). The state is not burnt here; the
    app's callback burns it. A form whose state this browser did not start changes
    nothing."""
    back = platform.settings.public_base_url.rstrip("/") + "/auth/callback/apple?"
    state, now = form.get("state", ""), platform.clock()
    with platform.db.unit_of_work() as uow:
        found = oauth_states.find(uow, state) if state else None
        if found is None or not _bound_to_browser(found, binding, now):
            logger.warning("apple form post refused", extra={"reason": "state not bound"})
            return back + urlencode({"error": "invalid_state"})
        if form.get("error") or not form.get("code"):
            return back + urlencode(
                {"error": (form.get("error") or "invalid_request")[:64], "state": state}
            )
        name = _first_time_name(form.get("user"))
        if name:
            sealed = cipher_from_secrets(platform.secrets).encrypt(name, state.encode() + USER_AAD)
            oauth_states.keep_provider_user(uow, found.state_id, sealed)
    return back + urlencode({"code": form["code"], "state": state})


def _bound_to_browser(found: oauth_states.OAuthState, binding: str | None, now: datetime) -> bool:
    return (
        found.purpose == PURPOSE
        and found.provider == "apple"
        and found.used_at is None
        and found.expires_at > now
        and found.binding_hash is not None
        and binding is not None
        and hmac.compare_digest(_digest(binding), found.binding_hash)
    )


def _first_time_name(raw: str | None) -> str | None:
    """ "First Last" from Apple's `user` JSON ({"name": {"firstName", "lastName"}})."""
    try:
        user = json.loads(raw) if raw else None
    except ValueError:
        return None
    name = user.get("name") if isinstance(user, dict) else None
    if not isinstance(name, dict):
        return None
    parts = [name.get("firstName"), name.get("lastName")]
    text = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
    return text[:MAX_NAME] or None


def callback(
    platform: Platform,
    provider: str,
    *,
    code: str,
    state: str,
    device_id: str | None,
    user_agent: str | None,
    ip: str | None,
) -> SocialLoginTokens:
    client = _client(platform, _provider(provider))
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        flow = _consume_state(uow, platform, provider=provider, state=state, now=now)
    claims = _sign_in(client, flow, code, now)
    with platform.db.unit_of_work() as uow:
        outcome = _link_and_start(
            uow,
            platform,
            provider=provider,
            claims=claims,
            display_name=flow.display_name,
            device_id=device_id,
            user_agent=user_agent,
            ip=ip,
            now=platform.clock(),
        )
    if isinstance(outcome, DomainError):
        raise outcome
    return outcome


def _consume_state(
    uow: UnitOfWork, platform: Platform, *, provider: str, state: str, now: datetime
) -> _Flow:
    """Burn the state (in its own transaction, so a failed sign-in cannot reuse it)."""
    found = oauth_states.find(uow, state)
    if found is None or found.purpose != PURPOSE or found.provider != provider:
        raise SignInStateInvalid("This sign-in was not started here; start it again.")
    if found.used_at is not None:
        raise SignInStateInvalid("This sign-in has already been completed; start it again.")
    if found.expires_at <= now:
        raise SignInStateInvalid("This sign-in took too long and has expired; start it again.")
    if not oauth_states.mark_used(uow, found.state_id, now):
        raise SignInStateInvalid("This sign-in has already been completed; start it again.")
    cipher = cipher_from_secrets(platform.secrets)
    try:
        verifier = cipher.decrypt(found.code_verifier_enc, state.encode())
        name = (
            cipher.decrypt(found.provider_user_enc, state.encode() + USER_AAD)
            if found.provider_user_enc
            else None
        )
    except DecryptionError:
        raise SignInStateInvalid("This sign-in cannot be completed; start it again.") from None
    return _Flow(nonce=found.nonce or "", code_verifier=verifier, display_name=name)


def _sign_in(client: oidc.OidcClient, flow: _Flow, code: str, now: datetime) -> oidc.Claims:
    name = DISPLAY[client.provider.name]
    try:
        return client.sign_in(code, flow.code_verifier, flow.nonce, now)
    except oidc.ProviderUnavailable as down:
        raise ServiceUnavailable(f"Sign-in with {name} is unavailable right now.") from down
    except oidc.OidcError as rejected:
        logger.warning(
            "social sign-in rejected",
            extra={"provider": client.provider.name, "reason": str(rejected)},
        )
        raise Unauthorized(f"Sign-in with {name} failed: {rejected}") from None


def _link_and_start(
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
