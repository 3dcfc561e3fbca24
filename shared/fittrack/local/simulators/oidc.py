"""A local OpenID Connect provider: Google and Apple stand-ins for `make dev` and tests.

One real HTTP server serves both providers under path prefixes, each with its own
issuer (`<url>/google`, `<url>/apple`) and the same RS256 key (generated at start):

    GET  /<p>/.well-known/openid-configuration   discovery
    GET  /<p>/jwks                                the public key
    GET  /<p>/authorize                           no login page: Google 302s to the
                                                  redirect_uri with code and state;
                                                  Apple answers the form_post page
    POST /<p>/token                               authorization_code grant

The two differ as the real ones do (docs/social-login.md lists the evidence):

- Google: PKCE S256 required, client secret by HTTP Basic or in the form, `iss`
  with or without its scheme (`iss=bare` in the hint), `hd` for Workspace accounts,
  `email_verified` a boolean.
- Apple: discovery lists no PKCE and only `client_secret_post`; the client secret
  must be an ES256 JWT signed with the registered team key (`register_apple_team`),
  anything else (HTTP Basic, a random string, a wrong claim) is `invalid_client`;
  with the `email` or `name` scope `response_mode=form_post` is required, and the
  answer is an auto-submitting HTML form POSTing `code`, `state`, `id_token` and,
  on the first authorization of a client only, `user` (name and email as JSON);
  `email_verified` and `is_private_email` are strings.

Who signs in is chosen by `login_hint`: an email, optionally followed by options,
"ana@example.com|verified=false|sub=1234|hd=example.com|private=true|iss=bare";
no hint means DEMO_EMAIL (verified). The subject defaults to a stable hash of
provider and email, so the same email always signs in as the same account.

Test hooks: `forge_next(mode)` makes the next issued ID token bad in one way
(FORGE_MODES); `register_client` makes Google's /token demand a client secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import RSAAlgorithm

from fittrack.clock import Clock, utc_now
from fittrack.local.simulators.oidc_http import SimulatorServer

PROVIDERS = ("google", "apple")
DEMO_EMAIL = "demo.social@example.com"
CODE_TTL_SECONDS = 120
ID_TOKEN_TTL_SECONDS = 3600
APPLE_AUDIENCE = "https://appleid.apple.com"
APPLE_MAX_SECRET_SECONDS = 15_777_000  # six months, Apple's limit on a client secret
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
    hosted_domain: str | None = None
    private_email: bool | str | None = None  # Apple: "true"/"false", or a real boolean
    bare_issuer: bool = False  # Google's legacy `iss` without https://
    name: tuple[str, str] | None = None  # Apple's first-time `user` name (first, last)


@dataclass(frozen=True, kw_only=True)
class AppleTeam:
    team_id: str
    key_id: str
    public_key: ec.EllipticCurvePublicKey


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
    found: dict[str, str] = {}
    for option in options:
        key, _, value = option.partition("=")
        if key not in HINT_OPTIONS or not value:
            raise AuthorizeError(
                f"unknown login_hint option {option!r}: use {', '.join(HINT_OPTIONS)}"
            )
        found[key] = value
    if found.get("verified", "true") not in ("true", "false"):
        raise AuthorizeError("verified= takes true or false")
    subject = (
        found.get("sub") or hashlib.sha256(f"{provider}:{email.lower()}".encode()).hexdigest()[:24]
    )
    private: bool | str | None = None
    if provider == "apple":
        relay = email.lower().endswith("@privaterelay.appleid.com")
        choices: dict[str, bool | str] = {"bool": True, "true": "true", "false": "false"}
        private = choices.get(found.get("private", ""), "true" if relay else "false")
    first, _, last = found.get("name", "").partition(" ")
    return Identity(
        email,
        found.get("verified", "true") == "true",
        subject,
        hosted_domain=found.get("hd") if provider == "google" else None,
        private_email=private,
        bare_issuer=provider == "google" and found.get("iss") == "bare",
        name=(first, last) if first else None,
    )


HINT_OPTIONS = ("verified", "sub", "hd", "private", "iss", "name")


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
        self._apple_teams: dict[str, AppleTeam] = {}  # by services id (client id)
        self._apple_authorized: set[tuple[str, str]] = set()  # (client id, subject)
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

    def register_apple_team(
        self, services_id: str, *, team_id: str, key_id: str, public_key_pem: str
    ) -> None:
        """The team key Apple knows for this Services ID: /token then checks client
        secrets against it, as Apple does."""
        from cryptography.hazmat.primitives.serialization import load_pem_public_key

        public = load_pem_public_key(public_key_pem.encode())
        if not isinstance(public, ec.EllipticCurvePublicKey):
            raise ValueError("an Apple team key is an EC P-256 key")
        with self._lock:
            self._apple_teams[services_id] = AppleTeam(
                team_id=team_id, key_id=key_id, public_key=public
            )

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
        issuer = self.issuer(provider)
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
        if provider == "apple":
            return self._apple_discovery(issuer)
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

    @staticmethod
    def _apple_discovery(issuer: str) -> dict[str, Any]:
        """Shaped as https://appleid.apple.com/.well-known/openid-configuration: no PKCE
        methods, only client_secret_post, form_post among the response modes."""
        return {
            "issuer": issuer,
            "authorization_endpoint": issuer + "/authorize",
            "token_endpoint": issuer + "/token",
            "jwks_uri": issuer + "/jwks",
            "response_types_supported": ["code", "code id_token"],
            "response_modes_supported": ["query", "fragment", "form_post"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "name"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "claims_supported": [
                "aud",
                "email",
                "email_verified",
                "exp",
                "iat",
                "is_private_email",
                "iss",
                "nonce",
                "nonce_supported",
                "real_user_status",
                "sub",
            ],
        }

    def jwks(self) -> dict[str, Any]:
        jwk = RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return {"keys": [jwk]}

    def authorize(self, provider: str, query: dict[str, str]) -> Answer:
        """Where the browser goes next; AuthorizeError when redirecting would be unsafe."""
        redirect_uri, client_id = query.get("redirect_uri", ""), query.get("client_id", "")
        if not client_id or urlsplit(redirect_uri).scheme not in ("http", "https"):
            raise AuthorizeError("client_id and an absolute redirect_uri are required")
        state = query.get("state")
        form_post = query.get("response_mode") == "form_post"
        try:
            identity = self._check_authorize(provider, query)
        except AuthorizeError as bad:
            fields = {"error": "invalid_request", "error_description": str(bad), "state": state}
            return Answer(redirect_uri, fields, form_post=form_post)
        code = secrets.token_urlsafe(32)
        with self._lock:
            self._codes[code] = PendingCode(
                provider=provider,
                client_id=client_id,
                redirect_uri=redirect_uri,
                code_challenge=query.get("code_challenge", ""),
                nonce=query.get("nonce"),
                identity=identity,
                expires_at=time.monotonic() + CODE_TTL_SECONDS,
            )
        if provider != "apple":
            return Answer(redirect_uri, {"code": code, "state": state})
        return Answer(redirect_uri, self._apple_fields(client_id, code, state), form_post=True)

    def _check_authorize(self, provider: str, query: dict[str, str]) -> Identity:
        if query.get("response_type") != "code":
            raise AuthorizeError("response_type must be 'code'")
        scopes = query.get("scope", "").split()
        if "openid" not in scopes:
            raise AuthorizeError("scope must include 'openid'")
        if provider == "apple":
            if {"email", "name"} & set(scopes) and query.get("response_mode") != "form_post":
                raise AuthorizeError("response_mode must be form_post with the email or name scope")
        elif not query.get("code_challenge") or query.get("code_challenge_method") != "S256":
            raise AuthorizeError("PKCE is required: code_challenge with method S256")
        return parse_login_hint(provider, query.get("login_hint"))

    def _apple_fields(self, client_id: str, code: str, state: str | None) -> dict[str, str | None]:
        """What Apple's page POSTs for response_type=code: code, state, and `user` on the
        first authorization of this client only (an id_token only with "code id_token")."""
        with self._lock:
            pending = self._codes[code]
            first = (client_id, pending.identity.subject) not in self._apple_authorized
            self._apple_authorized.add((client_id, pending.identity.subject))
        fields: dict[str, str | None] = {"state": state, "code": code}
        identity = pending.identity
        if first and identity.name is not None:
            first_name, last_name = identity.name
            fields["user"] = json.dumps(
                {"name": {"firstName": first_name, "lastName": last_name}, "email": identity.email}
            )
        return fields

    def token(
        self, provider: str, form: dict[str, str], basic: tuple[str, str] | None
    ) -> tuple[int, dict[str, Any]]:
        if provider == "apple":
            refused = self._apple_client_refused(form, basic)
            client_id = form.get("client_id", "")
        else:
            client_id = basic[0] if basic else form.get("client_id", "")
            refused = self._google_client_refused(provider, client_id, form, basic)
        if refused is not None:
            return refused
        if form.get("grant_type") != "authorization_code":
            return 400, error("unsupported_grant_type", "only authorization_code")
        with self._lock:
            pending = self._codes.pop(form.get("code", ""), None)  # single use, even if refused
        if pending is None or pending.provider != provider:
            return 400, error("invalid_grant", "unknown or already used code")
        if pending.expires_at < time.monotonic():
            return 400, error("invalid_grant", "the code has expired")
        if pending.client_id != client_id:
            return 400, error("invalid_grant", "the code was issued to another client")
        if pending.redirect_uri != form.get("redirect_uri"):
            return 400, error("invalid_grant", "redirect_uri does not match the authorization")
        if provider != "apple" and not _pkce_ok(form.get("code_verifier", ""), pending):
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

    def _google_client_refused(
        self, provider: str, client_id: str, form: dict[str, str], basic: tuple[str, str] | None
    ) -> tuple[int, dict[str, Any]] | None:
        secret = basic[1] if basic else form.get("client_secret")
        with self._lock:
            expected = self._clients.get((provider, client_id))
        if expected is not None and not hmac.compare_digest(
            (secret or "").encode(), expected.encode()
        ):
            return 401, error("invalid_client", "client authentication failed")
        return None

    def _apple_client_refused(
        self, form: dict[str, str], basic: tuple[str, str] | None
    ) -> tuple[int, dict[str, Any]] | None:
        """Apple takes the client id and secret only in the form, the secret an ES256 JWT
        by the team key; every failure is the same bare 400 invalid_client."""
        client_id = form.get("client_id", "")
        with self._lock:
            team = self._apple_teams.get(client_id)
        if basic is not None or team is None:
            return 400, {"error": "invalid_client"}
        if not _apple_secret_ok(form.get("client_secret", ""), team, client_id, self.clock()):
            return 400, {"error": "invalid_client"}
        return None


@dataclass(frozen=True)
class Answer:
    """The provider's answer to /authorize: a redirect with a query, or (form_post) a
    page that POSTs the fields to the redirect URI."""

    target: str
    fields: dict[str, str | None]
    form_post: bool = False

    def location(self) -> str:
        return _with_query(self.target, **self.fields)

    def page(self) -> str:
        inputs = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in self.fields.items()
            if v is not None
        )
        return (
            '<!doctype html><html><body onload="document.forms[0].submit()">'
            f'<form method="post" action="{html.escape(self.target)}">{inputs}</form>'
            "</body></html>"
        )


def _pkce_ok(verifier: str, pending: PendingCode) -> bool:
    return 43 <= len(verifier) <= 128 and hmac.compare_digest(
        s256(verifier), pending.code_challenge
    )


def _apple_secret_ok(secret: str, team: AppleTeam, client_id: str, now: datetime) -> bool:
    try:
        header = jwt.get_unverified_header(secret)
        claims = jwt.decode(
            secret,
            team.public_key,
            algorithms=["ES256"],
            audience=APPLE_AUDIENCE,
            issuer=team.team_id,
            options={
                "require": ["iss", "sub", "aud", "iat", "exp"],
                "verify_exp": False,  # checked below against the simulator's clock
                "verify_iat": False,
                "verify_nbf": False,
            },
        )
    except jwt.PyJWTError:
        return False
    issued, expires, at = int(claims["iat"]), int(claims["exp"]), int(now.timestamp())
    return (
        header.get("kid") == team.key_id
        and claims["sub"] == client_id
        and issued <= at + 60
        and at < expires
        and expires - issued <= APPLE_MAX_SECRET_SECONDS
    )


def error(code: str, description: str) -> dict[str, Any]:
    return {"error": code, "error_description": description}


def _with_query(url: str, **params: str | None) -> str:
    extra = urlencode({k: v for k, v in params.items() if v is not None})
    return url + ("&" if urlsplit(url).query else "?") + extra
