"""Access tokens: JWT RS256 with a `kid`, and the JWKS that publishes the key.

The key pair comes from the secret store (`jwt-signing-key`, a PEM private
key); locally it is generated once and kept under FITTRACK_HOME.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from fittrack.clock import Clock
from fittrack.domain.errors import Unauthorized
from fittrack.domain.identity import Caller

if TYPE_CHECKING:
    from fittrack.adapters.secrets import Secrets

SIGNING_KEY_NAME = "jwt-signing-key"
ACCESS_TOKEN_TTL = timedelta(hours=1)
REFRESH_TOKEN_TTL = timedelta(days=30)
ALGORITHM = "RS256"
LEEWAY_SECONDS = 30


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_in: int
    expires_at: datetime


def generate_signing_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


class TokenService:
    def __init__(self, secrets: Secrets, issuer: str, audience: str, clock: Clock) -> None:
        self._secrets = secrets
        self.issuer = issuer
        self.audience = audience
        self._clock = clock

    @cached_property
    def _private_key(self) -> Any:
        from cryptography.hazmat.primitives import serialization

        pem = self._secrets.get_or_create(SIGNING_KEY_NAME, generate_signing_key)
        return serialization.load_pem_private_key(pem.encode(), password=None)

    @cached_property
    def _public_key(self) -> Any:
        return self._private_key.public_key()

    @cached_property
    def kid(self) -> str:
        from cryptography.hazmat.primitives import serialization

        der = self._public_key.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return base64.urlsafe_b64encode(hashlib.sha256(der).digest()[:16]).decode().rstrip("=")

    def issue_access(
        self,
        user_id: uuid.UUID,
        role: str,
        status: str,
        session_id: uuid.UUID | None,
        *,
        amr: tuple[str, ...] = (),
        auth_time: datetime | None = None,
    ) -> IssuedToken:
        """An access token; a step-up (RFC 9470) adds `amr` and `auth_time`."""
        import jwt

        now = self._clock()
        expires_at = now + ACCESS_TOKEN_TTL
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": str(user_id),
            "iat": int(now.timestamp()),
            "nbf": int(now.timestamp()),
            "exp": int(expires_at.timestamp()),
            "jti": uuid.uuid4().hex,
            "role": role,
            "status": status,
            "sid": str(session_id) if session_id else None,
        }
        if amr:
            claims["amr"] = list(amr)
        if auth_time is not None:
            claims["auth_time"] = int(auth_time.timestamp())
        token = jwt.encode(
            claims, self._private_key, algorithm=ALGORITHM, headers={"kid": self.kid}
        )
        return IssuedToken(token, int(ACCESS_TOKEN_TTL.total_seconds()), expires_at)

    def verify_access(self, token: str) -> Caller:
        """The caller a token names; any doubt is a 401 problem."""
        import jwt

        try:
            header = jwt.get_unverified_header(token)
            if header.get("alg") != ALGORITHM or header.get("kid") != self.kid:
                raise jwt.InvalidTokenError("unexpected algorithm or key id")
            claims = jwt.decode(
                token,
                self._public_key,
                algorithms=[ALGORITHM],
                audience=self.audience,
                issuer=self.issuer,
                leeway=LEEWAY_SECONDS,
                # Times are checked against our clock below, not the library's.
                options={
                    "require": ["exp", "iat", "sub", "iss", "aud"],
                    "verify_iat": False,
                    "verify_exp": False,
                    "verify_nbf": False,
                },
            )
            now = int(self._clock().timestamp())
            if int(claims["iat"]) > now + LEEWAY_SECONDS:
                raise jwt.ImmatureSignatureError("issued in the future")
            if "nbf" in claims and int(claims["nbf"]) > now + LEEWAY_SECONDS:
                raise jwt.ImmatureSignatureError("not valid yet")
            if int(claims["exp"]) < now - LEEWAY_SECONDS:
                raise jwt.ExpiredSignatureError("expired")
        except jwt.ExpiredSignatureError:
            raise Unauthorized("The access token has expired; refresh it.") from None
        except jwt.PyJWTError:
            raise Unauthorized("The access token is not valid.") from None
        return Caller(
            user_id=_token_uuid(claims["sub"]),
            role=str(claims.get("role", "user")),
            status=str(claims.get("status", "active")),
            session_id=_token_uuid(claims["sid"]) if claims.get("sid") is not None else None,
            amr=_token_amr(claims.get("amr")),
            auth_time=_token_time(claims.get("auth_time")),
        )

    def jwks(self) -> dict[str, Any]:
        from jwt.algorithms import RSAAlgorithm

        jwk = RSAAlgorithm.to_jwk(self._public_key, as_dict=True)
        jwk.update({"kid": self.kid, "use": "sig", "alg": ALGORITHM})
        return {"keys": [jwk]}


def _token_uuid(value: object) -> uuid.UUID:
    """A subject or session id: our tokens only ever carry UUIDs."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Unauthorized("The access token is not valid.") from None


def _token_amr(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Unauthorized("The access token is not valid.")
    return tuple(value)


def _token_time(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise Unauthorized("The access token is not valid.")
    return datetime.fromtimestamp(value, UTC)
