"""Social login with Google and Apple: OpenID Connect, authorization code + PKCE.

initiate() stores a single-use state with the nonce and the PKCE verifier
(encrypted) and answers the provider's authorization URL; callback() burns the
state, exchanges the code, checks the ID token and signs the member in. The
provider is called between two short transactions, never inside one.

The parts: social_state (the pending sign-in's state), social_providers (the OIDC
client of each provider), social_accounts (which member the claims sign in as: the
linking rules) and social_links (linking when the provider cannot vouch for the
email). See docs/social-login.md.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from fittrack import log
from fittrack.adapters import oidc
from fittrack.domain.errors import DomainError, ServiceUnavailable, Unauthorized
from fittrack.repositories import oauth_states
from fittrack.schemas.social import SocialAuthorization, SocialLoginTokens
from fittrack.services import social_state
from fittrack.services.social_accounts import sign_in_member
from fittrack.services.social_providers import DISPLAY, PROVIDERS, client, known
from fittrack.services.social_state import SignInStateInvalid

if TYPE_CHECKING:
    from fittrack.platform import Platform

__all__ = [
    "PROVIDERS",
    "SignInStateInvalid",
    "Started",
    "apple_form_post",
    "callback",
    "initiate",
]

logger = log.get_logger("fittrack.social")
MAX_NAME = 200


@dataclass(frozen=True)
class Started:
    authorization: SocialAuthorization
    binding: str | None  # Apple: the browser binding cookie's value (signin_binding)


def initiate(platform: Platform, provider: str) -> Started:
    provider_client = client(platform, known(provider))
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)  # 86 characters: within PKCE's 43..128
    try:
        url = provider_client.authorization_url(state, nonce, verifier)
    except oidc.ProviderUnavailable as down:
        raise ServiceUnavailable(
            f"Sign-in with {DISPLAY[provider]} is unavailable: {down}"
        ) from None
    now = platform.clock()
    sealed = social_state.seal_verifier(platform.secrets, verifier, state)
    binding = secrets.token_urlsafe(32) if provider == "apple" else None
    with platform.db.unit_of_work() as uow:
        social_state.store(
            uow,
            state=state,
            nonce=nonce,
            sealed_verifier=sealed,
            provider=provider,
            redirect_uri=provider_client.provider.redirect_uri,
            binding=binding,
            now=now,
        )
    return Started(SocialAuthorization(authorization_url=url, state=state), binding)


def apple_form_post(platform: Platform, form: dict[str, str], binding: str | None) -> str:
    """Apple's form POST to our redirect URI: where to send the browser next (the app's
    callback with code and state, or with an error). The state is not burnt here; the
    app's callback burns it. A form whose state this browser did not start changes
    nothing."""
    back = platform.settings.public_base_url.rstrip("/") + "/auth/callback/apple?"
    state, now = form.get("state", ""), platform.clock()
    with platform.db.unit_of_work() as uow:
        found = oauth_states.find(uow, state) if state else None
        if found is None or not social_state.bound_to_browser(found, binding, now):
            logger.warning("apple form post refused", extra={"reason": "state not bound"})
            return back + urlencode({"error": "invalid_state"})
        if form.get("error") or not form.get("code"):
            return back + urlencode(
                {"error": (form.get("error") or "invalid_request")[:64], "state": state}
            )
        name = _first_time_name(form.get("user"))
        if name:
            social_state.keep_display_name(uow, platform.secrets, found, name)
    return back + urlencode({"code": form["code"], "state": state})


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
    provider_client = client(platform, known(provider))
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        flow = social_state.consume(uow, platform.secrets, provider=provider, state=state, now=now)
    claims = _sign_in(provider_client, flow, code, now)
    with platform.db.unit_of_work() as uow:
        outcome = sign_in_member(
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


def _sign_in(
    provider_client: oidc.OidcClient, flow: social_state.Flow, code: str, now: datetime
) -> oidc.Claims:
    name = DISPLAY[provider_client.provider.name]
    try:
        return provider_client.sign_in(code, flow.code_verifier, flow.nonce, now)
    except oidc.ProviderUnavailable as down:
        raise ServiceUnavailable(f"Sign-in with {name} is unavailable right now.") from down
    except oidc.OidcError as rejected:
        logger.warning(
            "social sign-in rejected",
            extra={"provider": provider_client.provider.name, "reason": str(rejected)},
        )
        raise Unauthorized(f"Sign-in with {name} failed: {rejected}") from None
