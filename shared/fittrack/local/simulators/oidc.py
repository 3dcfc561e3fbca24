"""A local OpenID Connect provider: Google and Apple stand-ins for `make dev` and tests.

One real HTTP server serves both providers under path prefixes, each with its own
issuer (`<url>/google`, `<url>/apple`) and the same RS256 key (generated at start):

    GET  /<p>/.well-known/openid-configuration   discovery
    GET  /<p>/jwks                                the public key
    GET  /<p>/authorize                           no login page: 302 to redirect_uri
                                                  with code and state at once
    POST /<p>/token                               authorization_code grant, PKCE S256

Who signs in is chosen by `login_hint`: an email, optionally followed by options,
"ana@example.com|verified=false|sub=1234"; no hint means DEMO_EMAIL (verified).
The subject defaults to a stable hash of provider and email, so the same email
always signs in as the same account. Apple sends `email_verified` as the string
"true"/"false", as the real one does; Google sends a boolean.

Test hooks: `forge_next(mode)` makes the next issued ID token bad in one way
(FORGE_MODES); `register_client` makes /token demand a client secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from fittrack.clock import Clock, utc_now
from fittrack.local.simulators.oidc_http import SimulatorServer

PROVIDERS = ("google", "apple")
DEMO_EMAIL = "demo.social@example.com"
CODE_TTL_SECONDS = 120
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


@dataclass(frozen=True)
class Identity:
    email: str
    email_verified: bool
    subject: str


@dataclass(frozen=True, kw_only=True)
class PendingCode:
    provider: str
    client_id: str
    redirect_uri: str
    code_challenge: str
    nonce: str | None
    identity: Identity
    expires_at: float


class AuthorizeError(ValueError):
    """The authorization request is unusable."""


def parse_login_hint(provider: str, hint: str | None) -> Identity:
    """ "email|verified=false|sub=..." (options optional) -> the identity to sign in as."""
    email, *options = (hint or DEMO_EMAIL).split("|")
    email = email.strip()
    if "@" not in email:
        raise AuthorizeError(f"login_hint must start with an email address, not {email!r}")
    verified, subject = True, None
    for option in options:
        key, _, value = option.partition("=")
        if key == "verified" and value in ("true", "false"):
            verified = value == "true"
        elif key == "sub" and value:
            subject = value
        else:
            raise AuthorizeError(f"unknown login_hint option {option!r}: use verified= or sub=")
    if subject is None:
        subject = hashlib.sha256(f"{provider}:{email.lower()}".encode()).hexdigest()[:24]
    return Identity(email, verified, subject)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unsigned(claims: dict[str, Any], kid: str) -> str:
    """An `alg: none` JWT: what a forger sends when they have no key at all."""
    header = {"alg": "none", "typ": "JWT", "kid": kid}
    return ".".join(_b64(json.dumps(part).encode()) for part in (header, claims)) + "."


def s256(verifier: str) -> str:
    return _b64(hashlib.sha256(verifier.encode("ascii")).digest())


class OidcSimulator:
    providers = PROVIDERS

    def __init__(self, host: str = "127.0.0.1", port: int = 0, clock: Clock = utc_now) -> None:
        self.clock = clock  # ID tokens are stamped on the platform's clock
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "sim-" + secrets.token_hex(4)
        self._codes: dict[str, PendingCode] = {}
        self._clients: dict[tuple[str, str], str] = {}
        self._forge: list[str] = []
        self._lock = threading.Lock()
        self._server = SimulatorServer((host, port), self)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def issuer(self, provider: str) -> str:
        return f"{self.url}/{provider}"

    def start(self) -> OidcSimulator:
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            args=(0.05,),
            name="fittrack-oidc-simulator",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # ---- test hooks ------------------------------------------------------------------

    def register_client(self, provider: str, client_id: str, secret: str) -> None:
        """From now on /token demands this secret from this client (basic or post)."""
        with self._lock:
            self._clients[(provider, client_id)] = secret

    def forge_next(self, mode: str) -> None:
        """Make the next ID token the simulator issues bad in one way (see FORGE_MODES)."""
        if mode not in FORGE_MODES:
            raise ValueError(f"unknown forge mode {mode!r}: one of {', '.join(FORGE_MODES)}")
        with self._lock:
            self._forge.append(mode)

    def mint_id_token(
        self,
        provider: str,
        client_id: str,
        *,
        identity: Identity,
        nonce: str | None,
        forge: str | None = None,
    ) -> str:
        now = int(self.clock().timestamp())
        verified: bool | str = identity.email_verified
        if provider == "apple":
            verified = "true" if identity.email_verified else "false"
        claims: dict[str, Any] = {
            "iss": self.issuer(provider),
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
        key: Any = self._key
        if forge == "wrong_issuer":
            claims["iss"] = self.issuer(provider) + "-evil"
        elif forge == "wrong_audience":
            claims["aud"] = client_id + "-other"
        elif forge == "wrong_nonce":
            claims["nonce"] = secrets.token_urlsafe(16)
        elif forge == "missing_nonce":
            claims.pop("nonce", None)
        elif forge == "expired":
            claims.update(iat=now - 2 * ID_TOKEN_TTL_SECONDS, exp=now - ID_TOKEN_TTL_SECONDS)
        elif forge == "foreign_key":
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        elif forge == "unsigned":
            return _unsigned(claims, self.kid)
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})

    # ---- the endpoints -----------------------------------------------------------------

    def discovery(self, provider: str) -> dict[str, Any]:
        issuer = self.issuer(provider)
        return {
            "issuer": issuer,
            "authorization_endpoint": issuer + "/authorize",
            "token_endpoint": issuer + "/token",
            "jwks_uri": issuer + "/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": [
                "client_secret_basic",
                "client_secret_post",
                "none",
            ],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["iss", "aud", "sub", "email", "email_verified", "nonce"],
        }

    def jwks(self) -> dict[str, Any]:
        jwk = RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return {"keys": [jwk]}

    def authorize(self, provider: str, query: dict[str, str]) -> str:
        """The Location to redirect to; AuthorizeError when redirecting would be unsafe."""
        redirect_uri, client_id = query.get("redirect_uri", ""), query.get("client_id", "")
        if not client_id or urlsplit(redirect_uri).scheme not in ("http", "https"):
            raise AuthorizeError("client_id and an absolute redirect_uri are required")
        state = query.get("state")
        try:
            if query.get("response_type") != "code":
                raise AuthorizeError("response_type must be 'code'")
            if "openid" not in query.get("scope", "").split():
                raise AuthorizeError("scope must include 'openid'")
            if not query.get("code_challenge") or query.get("code_challenge_method") != "S256":
                raise AuthorizeError("PKCE is required: code_challenge with method S256")
            identity = parse_login_hint(provider, query.get("login_hint"))
        except AuthorizeError as bad:
            return _with_query(
                redirect_uri, error="invalid_request", error_description=str(bad), state=state
            )
        code = secrets.token_urlsafe(32)
        with self._lock:
            self._codes[code] = PendingCode(
                provider=provider,
                client_id=client_id,
                redirect_uri=redirect_uri,
                code_challenge=query["code_challenge"],
                nonce=query.get("nonce"),
                identity=identity,
                expires_at=time.monotonic() + CODE_TTL_SECONDS,
            )
        return _with_query(redirect_uri, code=code, state=state)

    def token(
        self, provider: str, form: dict[str, str], basic: tuple[str, str] | None
    ) -> tuple[int, dict[str, Any]]:
        client_id = basic[0] if basic else form.get("client_id", "")
        secret = basic[1] if basic else form.get("client_secret")
        if form.get("grant_type") != "authorization_code":
            return 400, error("unsupported_grant_type", "only authorization_code")
        with self._lock:
            pending = self._codes.pop(form.get("code", ""), None)  # single use, even if refused
            expected_secret = self._clients.get((provider, client_id))
        if expected_secret is not None and not hmac.compare_digest(
            (secret or "").encode(), expected_secret.encode()
        ):
            return 401, error("invalid_client", "client authentication failed")
        if pending is None or pending.provider != provider:
            return 400, error("invalid_grant", "unknown or already used code")
        if pending.expires_at < time.monotonic():
            return 400, error("invalid_grant", "the code has expired")
        if pending.client_id != client_id:
            return 400, error("invalid_grant", "the code was issued to another client")
        if pending.redirect_uri != form.get("redirect_uri"):
            return 400, error("invalid_grant", "redirect_uri does not match the authorization")
        verifier = form.get("code_verifier", "")
        if not 43 <= len(verifier) <= 128 or not hmac.compare_digest(
            s256(verifier), pending.code_challenge
        ):
            return 400, error("invalid_grant", "PKCE verification failed")
        with self._lock:
            forge = self._forge.pop(0) if self._forge else None
        id_token = self.mint_id_token(
            provider, client_id, identity=pending.identity, nonce=pending.nonce, forge=forge
        )
        return 200, {
            "access_token": secrets.token_urlsafe(24),
            "token_type": "Bearer",
            "expires_in": 3600,
            "scope": "openid email",
            "id_token": id_token,
        }


def error(code: str, description: str) -> dict[str, Any]:
    return {"error": code, "error_description": description}


def _with_query(url: str, **params: str | None) -> str:
    extra = urlencode({k: v for k, v in params.items() if v is not None})
    return url + ("&" if urlsplit(url).query else "?") + extra
