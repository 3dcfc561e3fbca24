"""OpenID Connect relying party for social login (Google, Apple): code + PKCE.

authlib's OAuth2Session builds the authorization URL (S256 challenge, nonce) and
exchanges the code with the PKCE verifier; pyjwt checks the ID token against the
provider's JWKS: RS256 signature, issuer, audience (our client id), nonce and
expiry. Discovery documents and key sets are fetched on first use and cached per
process; an unknown `kid` refetches the key set once (providers rotate keys).

The client authenticates at the token endpoint the way the discovery document says
(`token_endpoint_auth_methods_supported`): Google takes HTTP Basic, Apple only
`client_secret_post`, with a client secret we mint (`apple_client_secret`). Google
signs ID tokens with `iss` either `https://accounts.google.com` or, for legacy
clients, `accounts.google.com` (developers.google.com/identity/openid-connect/reference,
"issuer"); both are accepted for Google.
"""

from __future__ import annotations

import hmac
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from ipaddress import ip_address
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import requests

if TYPE_CHECKING:
    from fittrack.adapters.secrets import Secrets
    from fittrack.config import OidcProvider, Settings

SCOPES = {"google": "openid email profile", "apple": "openid email name"}
# Apple demands form_post when the email or name scope is asked (its page POSTs the
# answer to the redirect URI); Google answers with a redirect carrying the query.
RESPONSE_MODES = {"apple": "form_post"}
# Where the provider sends the browser back: the web app's route, except for Apple,
# whose form POST a server route receives (functions/social.py, apple_form_post).
REDIRECT_PATHS = {"apple": "/api/v1/auth/social/apple/form-post"}
GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})
APPLE_RELAY_DOMAIN = "privaterelay.appleid.com"
HTTP_TIMEOUT_SECONDS = 10
LEEWAY_SECONDS = 60
JWKS_REFRESH_SECONDS = 30
ALGORITHM = "RS256"


class OidcError(Exception):
    """Social sign-in failed; messages are safe to show (no token contents)."""


class ProviderUnavailable(OidcError):
    """The provider is not configured, unreachable or answered nonsense."""


class CodeRejected(OidcError):
    """The provider refused to exchange the authorization code."""


class InvalidIdToken(OidcError):
    """The ID token failed a signature, issuer, audience, nonce or time check."""


@dataclass(frozen=True, kw_only=True)
class ProviderSettings:
    name: str
    issuer: str
    client_id: str
    client_secret: str
    redirect_uri: str

    def accepted_issuers(self) -> tuple[str, ...]:
        """The configured issuer, and for Google the same without its scheme."""
        if self.name != "google":
            return (self.issuer,)
        bare = self.issuer.split("://", 1)[-1]
        return (self.issuer, bare)


@dataclass(frozen=True, kw_only=True)
class Claims:
    """Who the provider says signed in."""

    subject: str
    email: str | None
    email_verified: bool
    hosted_domain: str | None = None  # Google's `hd`: a Workspace (Cloud Identity) account
    private_email: bool = False  # Apple's `is_private_email`: a private relay address


def provider_settings(
    name: str, settings: Settings, secrets: Secrets, now: datetime
) -> ProviderSettings:
    from fittrack.adapters.secrets import MissingSecret

    configured = settings.oidc_providers.get(name)
    if configured is None or not configured.client_id:
        raise ProviderUnavailable(f"Sign-in with {name} is not configured.")
    try:
        if name == "apple":
            secret = _apple_secret(configured, secrets, now)
        else:
            secret = secrets.get(f"oidc-{name}-client-secret")
    except MissingSecret:
        raise ProviderUnavailable(f"Sign-in with {name} is not configured.") from None
    path = REDIRECT_PATHS.get(name, f"/auth/callback/{name}")
    redirect = settings.public_base_url.rstrip("/") + path
    return ProviderSettings(
        name=name,
        issuer=configured.issuer.rstrip("/"),
        client_id=configured.client_id,
        client_secret=secret,
        redirect_uri=redirect,
    )


def _apple_secret(configured: OidcProvider, secrets: Secrets, now: datetime) -> str:
    from fittrack.adapters import apple_client_secret as apple

    if not (configured.team_id and configured.key_id and configured.client_id):
        raise ProviderUnavailable("Sign-in with apple needs its team id and key id.")
    key = apple.AppleTeamKey(
        team_id=configured.team_id,
        key_id=configured.key_id,
        private_key_pem=secrets.get("oidc-apple-private-key"),
    )
    try:
        return apple.client_secret(key, configured.client_id, now)
    except apple.UnusableAppleKey as bad:
        raise ProviderUnavailable(str(bad)) from None


def _secure(url: str) -> bool:
    """HTTPS, or plain HTTP to this machine (the local simulator)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return True
    host = parts.hostname or ""
    try:
        return parts.scheme == "http" and (host == "localhost" or ip_address(host).is_loopback)
    except ValueError:
        return False


class _Cache:
    """Discovery documents by issuer and key sets by URI, shared by the whole process."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.discovery: dict[str, dict[str, Any]] = {}
        self.jwks: dict[str, tuple[dict[str, Any], float]] = {}

    def clear(self) -> None:
        with self.lock:
            self.discovery.clear()
            self.jwks.clear()


_cache = _Cache()


def clear_cache() -> None:
    _cache.clear()


def _get_json(url: str, what: str) -> dict[str, Any]:
    if not _secure(url):
        raise ProviderUnavailable(f"The provider's {what} must be served over HTTPS.")
    try:
        response = requests.get(url, timeout=HTTP_TIMEOUT_SECONDS)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError):
        raise ProviderUnavailable(f"Could not fetch the provider's {what}.") from None
    if not isinstance(document, dict):
        raise ProviderUnavailable(f"The provider's {what} is not a JSON object.")
    return document


class OidcClient:
    def __init__(self, provider: ProviderSettings) -> None:
        self.provider = provider

    def discovery(self) -> dict[str, Any]:
        issuer = self.provider.issuer
        with _cache.lock:
            cached = _cache.discovery.get(issuer)
        if cached is not None:
            return cached
        document = _get_json(issuer + "/.well-known/openid-configuration", "discovery document")
        needed = ("authorization_endpoint", "token_endpoint", "jwks_uri")
        if document.get("issuer") != issuer or not all(
            isinstance(document.get(k), str) and _secure(document[k]) for k in needed
        ):
            raise ProviderUnavailable("The provider's discovery document does not fit its issuer.")
        with _cache.lock:
            _cache.discovery[issuer] = document
        return document

    def token_auth_method(self) -> str:
        """Basic when the provider takes it (the OIDC default), else the form body."""
        offered = self.discovery().get("token_endpoint_auth_methods_supported")
        if not isinstance(offered, list) or "client_secret_basic" in offered:
            return "client_secret_basic"
        if "client_secret_post" in offered:
            return "client_secret_post"
        raise ProviderUnavailable("The provider takes no client secret method we support.")

    def _session(self) -> Any:
        from authlib.integrations.requests_client import OAuth2Session

        return OAuth2Session(
            client_id=self.provider.client_id,
            client_secret=self.provider.client_secret,
            scope=SCOPES.get(self.provider.name, "openid email"),
            redirect_uri=self.provider.redirect_uri,
            code_challenge_method="S256",
            token_endpoint_auth_method=self.token_auth_method(),
        )

    def authorization_url(self, state: str, nonce: str, code_verifier: str) -> str:
        extra = {}
        if self.provider.name in RESPONSE_MODES:
            extra["response_mode"] = RESPONSE_MODES[self.provider.name]
        with self._session() as session:
            url, _ = session.create_authorization_url(
                self.discovery()["authorization_endpoint"],
                state=state,
                code_verifier=code_verifier,
                nonce=nonce,
                **extra,
            )
        return str(url)

    def exchange_code(self, code: str, code_verifier: str) -> dict[str, Any]:
        """The provider's token response; CodeRejected when it refuses the code."""
        from authlib.integrations.requests_client import OAuthError

        endpoint = self.discovery()["token_endpoint"]
        try:
            with self._session() as session:
                token = session.fetch_token(
                    endpoint,
                    grant_type="authorization_code",
                    code=code,
                    code_verifier=code_verifier,
                    timeout=HTTP_TIMEOUT_SECONDS,
                )
        except OAuthError as refused:
            raise CodeRejected(f"The provider refused the sign-in ({refused.error}).") from None
        except (requests.RequestException, ValueError):
            raise ProviderUnavailable("The provider's token endpoint did not answer.") from None
        if not isinstance(token.get("id_token"), str):
            raise CodeRejected("The provider sent no ID token.")
        return dict(token)

    def _signing_key(self, kid: str | None) -> Any:
        import jwt

        uri = self.discovery()["jwks_uri"]
        with _cache.lock:
            cached = _cache.jwks.get(uri)
        if cached is None or (
            _find_key(cached[0], kid) is None
            and time.monotonic() - cached[1] > JWKS_REFRESH_SECONDS
        ):
            cached = (_get_json(uri, "key set"), time.monotonic())
            with _cache.lock:
                _cache.jwks[uri] = cached
        jwk = _find_key(cached[0], kid)
        if jwk is None:
            raise InvalidIdToken("The ID token is signed with an unknown key.")
        try:
            return jwt.PyJWK(jwk, ALGORITHM).key
        except jwt.PyJWTError:
            raise InvalidIdToken("The provider's signing key is unusable.") from None

    def verify_id_token(self, id_token: str, nonce: str, now: datetime) -> Claims:
        import jwt

        try:
            header = jwt.get_unverified_header(id_token)
            if header.get("alg") != ALGORITHM:
                raise InvalidIdToken("The ID token is not signed with RS256.")
            claims = jwt.decode(
                id_token,
                self._signing_key(header.get("kid")),
                algorithms=[ALGORITHM],
                audience=self.provider.client_id,
                issuer=self.provider.accepted_issuers(),
                options={
                    "require": ["iss", "aud", "sub", "exp", "iat"],
                    "verify_exp": False,
                    "verify_iat": False,
                    "verify_nbf": False,
                },
            )
        except jwt.InvalidAudienceError:
            raise InvalidIdToken("The ID token was issued to another client.") from None
        except jwt.InvalidIssuerError:
            raise InvalidIdToken("The ID token comes from an unexpected issuer.") from None
        except jwt.PyJWTError:
            raise InvalidIdToken("The ID token signature or format is not valid.") from None
        _check_claims(claims, self.provider.client_id, nonce, int(now.timestamp()))
        email = claims.get("email")
        usable = isinstance(email, str) and "@" in email and len(email) <= 320
        hosted = claims.get("hd") if self.provider.name == "google" else None
        return Claims(
            subject=claims["sub"],
            email=email if usable else None,
            email_verified=claims.get("email_verified") in (True, "true"),
            hosted_domain=hosted if isinstance(hosted, str) and hosted else None,
            private_email=self.provider.name == "apple"
            and (claims.get("is_private_email") in (True, "true") or _relay(email)),
        )

    def sign_in(self, code: str, code_verifier: str, nonce: str, now: datetime) -> Claims:
        """Exchange the code, then check the ID token it brought back."""
        token = self.exchange_code(code, code_verifier)
        return self.verify_id_token(token["id_token"], nonce, now)


def _find_key(jwks: dict[str, Any], kid: str | None) -> dict[str, Any] | None:
    keys = [
        k
        for k in jwks.get("keys", [])
        if isinstance(k, dict) and k.get("kty") == "RSA" and k.get("use", "sig") == "sig"
    ]
    if kid is None:
        return keys[0] if len(keys) == 1 else None
    return next((k for k in keys if k.get("kid") == kid), None)


def _check_claims(claims: dict[str, Any], client_id: str, nonce: str, now: int) -> None:
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise InvalidIdToken("The ID token was issued to another client.")
    if int(claims["exp"]) < now - LEEWAY_SECONDS:
        raise InvalidIdToken("The ID token has expired.")
    if int(claims["iat"]) > now + LEEWAY_SECONDS:
        raise InvalidIdToken("The ID token was issued in the future.")
    subject = claims["sub"]
    if not isinstance(subject, str) or not 0 < len(subject) <= 255:
        raise InvalidIdToken("The ID token names no usable subject.")
    given = claims.get("nonce")
    if not isinstance(given, str) or not hmac.compare_digest(given.encode(), nonce.encode()):
        raise InvalidIdToken("The ID token does not answer this sign-in (nonce mismatch).")


def google_is_authoritative(claims: Claims) -> bool:
    """Google owns the address only for gmail.com and for Workspace accounts (`hd`).

    A Google account made with another address stays "verified" after its owner loses
    that address (the domain lapses, the mailbox is given to someone else), so for
    those Google's `email_verified` says nothing about who reads the mail today.
    """
    if claims.email is None or not claims.email_verified:
        return False
    domain = claims.email.rsplit("@", 1)[-1].lower()
    return domain in GMAIL_DOMAINS or claims.hosted_domain is not None


def _relay(email: Any) -> bool:
    return isinstance(email, str) and email.lower().endswith("@" + APPLE_RELAY_DOMAIN)
