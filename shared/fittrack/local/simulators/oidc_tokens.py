"""The OIDC simulator's signing key and the ID tokens it issues, good or forged.

One RS256 key (generated at start) signs for every provider; `forge` makes a token
bad in one way (FORGE_MODES), for the tests of the client's checks.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from fittrack.local.simulators.oidc_identity import Identity

ID_TOKEN_TTL_SECONDS = 3600
FORGE_MODES = (
    "wrong_issuer",
    "wrong_audience",
    "wrong_nonce",
    "missing_nonce",
    "expired",
    "foreign_key",
    "unsigned",
)


class SigningKey:
    """The key the ID tokens are signed with, and its id in the JWKS."""

    def __init__(self) -> None:
        self.private = _new_rsa_key()
        self.kid = "sim-" + secrets.token_hex(4)

    def jwks(self) -> dict[str, Any]:
        jwk = RSAAlgorithm.to_jwk(self.private.public_key(), as_dict=True)
        jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return {"keys": [jwk]}


def mint_id_token(
    key: SigningKey,
    *,
    provider: str,
    issuer: str,
    client_id: str,
    identity: Identity,
    nonce: str | None,
    now: int,
    forge: str | None = None,
) -> str:
    claims = _claims(provider, issuer, client_id, identity, nonce, now)
    signer: Any = key.private
    if forge == "wrong_issuer":
        claims["iss"] = issuer + "-evil"
    elif forge == "wrong_audience":
        claims["aud"] = client_id + "-other"
    elif forge == "wrong_nonce":
        claims["nonce"] = secrets.token_urlsafe(16)
    elif forge == "missing_nonce":
        claims.pop("nonce", None)
    elif forge == "expired":
        claims.update(iat=now - 2 * ID_TOKEN_TTL_SECONDS, exp=now - ID_TOKEN_TTL_SECONDS)
    elif forge == "foreign_key":
        signer = _new_rsa_key()
    elif forge == "unsigned":
        return _unsigned(claims, key.kid)
    return jwt.encode(claims, signer, algorithm="RS256", headers={"kid": key.kid})


def _claims(
    provider: str,
    issuer: str,
    client_id: str,
    identity: Identity,
    nonce: str | None,
    now: int,
) -> dict[str, Any]:
    verified: bool | str = identity.email_verified
    if provider == "apple":
        verified = "true" if identity.email_verified else "false"
    claims: dict[str, Any] = {
        "iss": issuer.split("://", 1)[1] if identity.bare_issuer else issuer,
        "aud": client_id,
        "sub": identity.subject,
        "email": identity.email,
        "email_verified": verified,
        "iat": now,
        "exp": now + ID_TOKEN_TTL_SECONDS,
        "auth_time": now,
    }
    if nonce is not None:
        claims["nonce"] = nonce
    if identity.hosted_domain:
        claims["hd"] = identity.hosted_domain
    if identity.private_email is not None:
        claims["is_private_email"] = identity.private_email
    return claims


def _new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unsigned(claims: dict[str, Any], kid: str) -> str:
    """An `alg: none` JWT: what a forger sends when they have no key at all."""
    header = {"alg": "none", "typ": "JWT", "kid": kid}
    return ".".join(_b64(json.dumps(part).encode()) for part in (header, claims)) + "."


def s256(verifier: str) -> str:
    """PKCE's S256 code challenge of a verifier."""
    return _b64(hashlib.sha256(verifier.encode("ascii")).digest())
