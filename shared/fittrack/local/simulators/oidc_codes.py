"""The authorization codes the OIDC simulator has issued and not yet redeemed at /token."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from fittrack.local.simulators.oidc_identity import Identity
from fittrack.local.simulators.oidc_tokens import s256

CODE_TTL_SECONDS = 120


@dataclass(frozen=True, kw_only=True)
class PendingCode:
    provider: str
    client_id: str
    redirect_uri: str
    code_challenge: str
    nonce: str | None
    identity: Identity
    expires_at: float


class InvalidGrant(ValueError):
    """The code cannot be redeemed by this request (OAuth's invalid_grant)."""


class CodeBook:
    def __init__(self) -> None:
        self._codes: dict[str, PendingCode] = {}
        self._lock = threading.Lock()

    def issue(
        self,
        *,
        provider: str,
        client_id: str,
        redirect_uri: str,
        code_challenge: str,
        nonce: str | None,
        identity: Identity,
    ) -> str:
        code = secrets.token_urlsafe(32)
        pending = PendingCode(
            provider=provider,
            client_id=client_id,
            redirect_uri=redirect_uri,
            code_challenge=code_challenge,
            nonce=nonce,
            identity=identity,
            expires_at=time.monotonic() + CODE_TTL_SECONDS,
        )
        with self._lock:
            self._codes[code] = pending
        return code

    def redeem(self, provider: str, client_id: str, form: dict[str, str]) -> PendingCode:
        """The sign-in the form's code stands for; InvalidGrant saying why not."""
        with self._lock:
            pending = self._codes.pop(form.get("code", ""), None)  # single use, even if refused
        if pending is None or pending.provider != provider:
            raise InvalidGrant("unknown or already used code")
        if pending.expires_at < time.monotonic():
            raise InvalidGrant("the code has expired")
        if pending.client_id != client_id:
            raise InvalidGrant("the code was issued to another client")
        if pending.redirect_uri != form.get("redirect_uri"):
            raise InvalidGrant("redirect_uri does not match the authorization")
        if provider != "apple" and not _pkce_ok(form.get("code_verifier", ""), pending):
            raise InvalidGrant("PKCE verification failed")
        return pending


def _pkce_ok(verifier: str, pending: PendingCode) -> bool:
    return 43 <= len(verifier) <= 128 and hmac.compare_digest(
        s256(verifier), pending.code_challenge
    )
