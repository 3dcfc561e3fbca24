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

Who signs in is chosen by `login_hint` (oidc_identity): an email, optionally followed
by options, "ana@example.com|verified=false|sub=1234"; no hint means DEMO_EMAIL.

Test hooks: `forge_next(mode)` makes the next issued ID token bad in one way
(FORGE_MODES); `register_client` makes Google's /token demand a client secret.

The parts: oidc_identity (the login hint), oidc_tokens (the key and the ID tokens),
oidc_discovery, oidc_codes (issued codes), oidc_clients (client authentication at
/token), oidc_answer (the redirect or form_post page) and oidc_http (the server).
"""

from __future__ import annotations

import json
import secrets
import threading
from typing import Any
from urllib.parse import urlsplit

from fittrack.clock import Clock, utc_now
from fittrack.local.simulators import oidc_discovery
from fittrack.local.simulators.oidc_answer import Answer
from fittrack.local.simulators.oidc_clients import Clients
from fittrack.local.simulators.oidc_codes import CodeBook, InvalidGrant
from fittrack.local.simulators.oidc_http import SimulatorServer
from fittrack.local.simulators.oidc_identity import (
    DEMO_EMAIL,
    AuthorizeError,
    Identity,
    parse_login_hint,
)
from fittrack.local.simulators.oidc_tokens import FORGE_MODES, SigningKey, mint_id_token, s256

__all__ = [
    "DEMO_EMAIL",
    "FORGE_MODES",
    "PROVIDERS",
    "Answer",
    "AuthorizeError",
    "Identity",
    "OidcSimulator",
    "error",
    "parse_login_hint",
    "s256",
]

PROVIDERS = ("google", "apple")


class OidcSimulator:
    providers = PROVIDERS

    def __init__(self, host: str = "127.0.0.1", port: int = 0, clock: Clock = utc_now) -> None:
        self.clock = clock  # ID tokens are stamped on the platform's clock
        self._key = SigningKey()
        self._codes = CodeBook()
        self._clients = Clients()
        self._apple_authorized: set[tuple[str, str]] = set()  # (client id, subject)
        self._forge: list[str] = []
        self._lock = threading.Lock()
        self._server = SimulatorServer((host, port), self)
        self._thread: threading.Thread | None = None

    @property
    def kid(self) -> str:
        return self._key.kid

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
        self._clients.register(provider, client_id, secret)

    def register_apple_team(
        self, services_id: str, *, team_id: str, key_id: str, public_key_pem: str
    ) -> None:
        """The team key Apple knows for this Services ID: /token then checks client
        secrets against it, as Apple does."""
        self._clients.register_apple_team(
            services_id, team_id=team_id, key_id=key_id, public_key_pem=public_key_pem
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
        return mint_id_token(
            self._key,
            provider=provider,
            issuer=self.issuer(provider),
            client_id=client_id,
            identity=identity,
            nonce=nonce,
            now=int(self.clock().timestamp()),
            forge=forge,
        )

    # ---- the endpoints -----------------------------------------------------------------

    def discovery(self, provider: str) -> dict[str, Any]:
        return oidc_discovery.discovery(provider, self.issuer(provider))

    def jwks(self) -> dict[str, Any]:
        return self._key.jwks()

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
        code = self._codes.issue(
            provider=provider,
            client_id=client_id,
            redirect_uri=redirect_uri,
            code_challenge=query.get("code_challenge", ""),
            nonce=query.get("nonce"),
            identity=identity,
        )
        if provider != "apple":
            return Answer(redirect_uri, {"code": code, "state": state})
        fields = self._apple_fields(client_id, identity, code, state)
        return Answer(redirect_uri, fields, form_post=True)

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

    def _apple_fields(
        self, client_id: str, identity: Identity, code: str, state: str | None
    ) -> dict[str, str | None]:
        """What Apple's page POSTs for response_type=code: code, state, and `user` on the
        first authorization of this client only (an id_token only with "code id_token")."""
        with self._lock:
            first = (client_id, identity.subject) not in self._apple_authorized
            self._apple_authorized.add((client_id, identity.subject))
        fields: dict[str, str | None] = {"state": state, "code": code}
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
            client_id = form.get("client_id", "")
            if not self._clients.apple_authenticates(form, basic, self.clock):
                return 400, {"error": "invalid_client"}  # Apple's answer to every failure
        else:
            client_id = basic[0] if basic else form.get("client_id", "")
            secret = basic[1] if basic else form.get("client_secret")
            if not self._clients.google_authenticates(provider, client_id, secret):
                return 401, error("invalid_client", "client authentication failed")
        if form.get("grant_type") != "authorization_code":
            return 400, error("unsupported_grant_type", "only authorization_code")
        try:
            pending = self._codes.redeem(provider, client_id, form)
        except InvalidGrant as refused:
            return 400, error("invalid_grant", str(refused))
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
