"""The single-use state of a social sign-in in progress (oauth_states, purpose "login").

initiate() stores it with the nonce and the PKCE verifier, sealed with the state as
associated data; for Apple it also holds the hash of the browser's binding cookie, so
that only the browser that started the sign-in may add Apple's first-time name (sealed
too) from the form post. The callback burns it in a transaction of its own, so a failed
sign-in cannot reuse it.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fittrack.adapters.crypto import DecryptionError, cipher_from_secrets
from fittrack.domain.errors import DomainError, ErrorKind
from fittrack.repositories import oauth_states

if TYPE_CHECKING:
    from fittrack.adapters.secrets import Secrets
    from fittrack.db import UnitOfWork

PURPOSE = "login"
STATE_TTL = timedelta(minutes=10)
FORGET_STATES_AFTER = timedelta(days=1)
USER_AAD = b":user"  # sealed Apple `user`, told apart from the sealed verifier


class SignInStateInvalid(DomainError):
    """A well-formed state we hold no pending sign-in for (unknown, used, expired): 409."""

    kind = ErrorKind.CONFLICT
    code = "invalid-oauth-state"
    title = "Invalid sign-in state"


@dataclass(frozen=True)
class Flow:
    """What the callback needs from the burnt state."""

    nonce: str
    code_verifier: str
    display_name: str | None = None  # Apple's first-time name, kept by the form post


def seal_verifier(secrets: Secrets, verifier: str, state: str) -> bytes:
    return cipher_from_secrets(secrets).encrypt(verifier, state.encode())


def store(
    uow: UnitOfWork,
    *,
    state: str,
    nonce: str,
    sealed_verifier: bytes,
    provider: str,
    redirect_uri: str,
    binding: str | None,
    now: datetime,
) -> None:
    oauth_states.delete_expired(uow, PURPOSE, now - FORGET_STATES_AFTER)
    oauth_states.insert(
        uow,
        oauth_states.NewOAuthState(
            state=state,
            nonce=nonce,
            code_verifier_enc=sealed_verifier,
            provider=provider,
            purpose=PURPOSE,
            redirect_uri=redirect_uri,
            expires_at=now + STATE_TTL,
            binding_hash=_digest(binding) if binding else None,
        ),
        now,
    )


def bound_to_browser(found: oauth_states.OAuthState, binding: str | None, now: datetime) -> bool:
    """Whether this is a pending Apple sign-in that the browser presenting `binding` started."""
    return (
        found.purpose == PURPOSE
        and found.provider == "apple"
        and found.used_at is None
        and found.expires_at > now
        and found.binding_hash is not None
        and binding is not None
        and hmac.compare_digest(_digest(binding), found.binding_hash)
    )


def keep_display_name(
    uow: UnitOfWork, secrets: Secrets, found: oauth_states.OAuthState, name: str
) -> None:
    sealed = cipher_from_secrets(secrets).encrypt(name, found.state.encode() + USER_AAD)
    oauth_states.keep_provider_user(uow, found.state_id, sealed)


def consume(uow: UnitOfWork, secrets: Secrets, *, provider: str, state: str, now: datetime) -> Flow:
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
    cipher = cipher_from_secrets(secrets)
    try:
        verifier = cipher.decrypt(found.code_verifier_enc, state.encode())
        name = (
            cipher.decrypt(found.provider_user_enc, state.encode() + USER_AAD)
            if found.provider_user_enc
            else None
        )
    except DecryptionError:
        raise SignInStateInvalid("This sign-in cannot be completed; start it again.") from None
    return Flow(nonce=found.nonce or "", code_verifier=verifier, display_name=name)


def _digest(binding: str) -> bytes:
    return hashlib.sha256(binding.encode()).digest()
