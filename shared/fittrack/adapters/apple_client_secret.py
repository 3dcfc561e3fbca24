"""Sign in with Apple's client secret: an ES256 JWT we mint from the team's key.

Apple does not issue a static client secret. Its token endpoint wants a JWT signed
with the team's Sign in with Apple private key (the `.p8` file, kept in the secret
store as `oidc-apple-private-key`): header `alg` ES256 and `kid` the key id; claims
`iss` the team id, `sub` our Services ID (the client id), `aud`
`https://appleid.apple.com`, `iat` and `exp`, at most 15777000 s (six months) apart
(developer.apple.com/documentation/accountorganizationaldatasharing/creating-a-client-secret,
.../sign_in_with_apple/generate_and_validate_tokens). We mint a short-lived one,
keep it per process and mint the next one before it runs out, so a leaked secret is
worth a day at most and nobody has to rotate anything by hand.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

APPLE_AUDIENCE = "https://appleid.apple.com"
APPLE_MAX_LIFETIME = timedelta(seconds=15_777_000)
LIFETIME = timedelta(days=1)
REMINT_BEFORE = timedelta(hours=1)
ALGORITHM = "ES256"


class UnusableAppleKey(ValueError):
    """The stored key is not an EC P-256 private key in PEM form."""


@dataclass(frozen=True, kw_only=True)
class AppleTeamKey:
    team_id: str
    key_id: str
    private_key_pem: str


@dataclass(frozen=True)
class _Minted:
    value: str
    expires_at: datetime


_lock = threading.Lock()
_minted: dict[tuple[str, str, str, str], _Minted] = {}


def clear_cache() -> None:
    with _lock:
        _minted.clear()


def client_secret(key: AppleTeamKey, services_id: str, now: datetime) -> str:
    """A valid client secret for `services_id`: the cached one, or a freshly minted one."""
    cache_key = (
        key.team_id,
        key.key_id,
        services_id,
        hashlib.sha256(key.private_key_pem.encode()).hexdigest(),
    )
    with _lock:
        cached = _minted.get(cache_key)
        if cached is not None and cached.expires_at - REMINT_BEFORE > now:
            return cached.value
    minted = mint(key, services_id, now)
    with _lock:
        _minted[cache_key] = minted
    return minted.value


def mint(key: AppleTeamKey, services_id: str, now: datetime) -> _Minted:
    import jwt
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        private = load_pem_private_key(key.private_key_pem.encode(), password=None)
    except (ValueError, TypeError):
        raise UnusableAppleKey("The Sign in with Apple key is not a PEM private key.") from None
    if not isinstance(private, ec.EllipticCurvePrivateKey) or private.curve.name != "secp256r1":
        raise UnusableAppleKey("The Sign in with Apple key must be an EC P-256 key.")
    issued = int(now.timestamp())
    expires = issued + int(LIFETIME.total_seconds())
    token = jwt.encode(
        {
            "iss": key.team_id,
            "sub": services_id,
            "aud": APPLE_AUDIENCE,
            "iat": issued,
            "exp": expires,
        },
        private,
        algorithm=ALGORITHM,
        headers={"kid": key.key_id},
    )
    return _Minted(token, now + LIFETIME)
