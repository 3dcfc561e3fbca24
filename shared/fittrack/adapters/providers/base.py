"""The one tracker-provider interface, and the OAuth and HTTP plumbing they share.

A provider links a member (authorization URL with PKCE S256, code exchange), keeps
the grant alive (refresh, revoke) and reads activity since a cursor, already
normalised to `domain.activities.Activity`. OAuth goes through authlib's
OAuth2Session; API calls go through one pooled requests session per thread with
authlib's OAuth2Auth adding the bearer token. Nothing here knows about simulators:
every URL comes from settings.

Failures become one of the exceptions below, so the sync service can decide:
RateLimited / Transient (retry with back-off), AccessTokenRefused (refresh, then
reconnect), GrantRevoked (reconnect), ProviderGone (retire the connection),
ProviderMaybeGone (retry; retire when it keeps coming, `domain.sync.RETIRE_AFTER`).

Google's answer when it shuts an API down is not documented. A 410 says gone. A 403
whose structured error (google.rpc `ErrorInfo` in `error.details[]`) has reason
`SERVICE_DISABLED`, or a bare 404 (no `details[]`, so no resource named), may mean
shut down but also a project misconfigured or a passing fault, so those only count
as gone when they persist. The error's wording is never read.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar

import requests

from fittrack.domain.activities import Activity
from fittrack.domain.sync import Window

Budget = Callable[[], None]  # called before every API request; raises RateLimited when spent
MAYBE_GONE_REASONS = frozenset({"SERVICE_DISABLED"})


class ProviderError(Exception):
    """A provider call failed; the message is safe to show (never a token)."""


class ProviderUnavailable(ProviderError):
    """Not configured, or unreachable while linking."""


class Transient(ProviderError):
    """5xx, timeout or connection failure: try again later."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RateLimited(Transient):
    """429 from the provider, or our own per-member quota for it is spent."""


class AccessTokenRefused(ProviderError):
    """The access token was refused (401)."""


class GrantRevoked(ProviderError):
    """The refresh token or code is no longer valid (invalid_grant): reconnect."""


class ProviderGone(ProviderError):
    """The API answers that it is gone (410), or the deployment retired it."""


class ProviderMaybeGone(Transient):
    """An answer a shut-down API may give (SERVICE_DISABLED 403, bare 404): retried,
    and retired only when it persists."""


@dataclass(frozen=True, kw_only=True)
class ProviderSettings:
    name: str
    api_url: str
    authorize_url: str
    token_url: str
    revoke_url: str | None
    client_id: str
    client_secret: str
    redirect_uri: str
    timeout: float = 10.0


@dataclass(frozen=True)
class TokenSet:
    access_token: str
    refresh_token: str | None  # None: keep the one we have (no rotation)
    # The lifetime as sent (RFC 6749 `expires_in`); the caller stamps it on its own clock.
    expires_in: int | None
    scope: str | None = None

    def expires_at(self, now: datetime) -> datetime | None:
        return None if self.expires_in is None else now + timedelta(seconds=self.expires_in)

    def __repr__(self) -> str:  # tokens never reach a log line
        return f"TokenSet(expires_in={self.expires_in!r}, scope={self.scope!r})"


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds (delta-seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - (now if now is not None else time.time()))


def error_reasons(response: requests.Response) -> tuple[str | None, frozenset[str]]:
    """Google's structured error: `error.status` and the `reason`s in `error.details[]`
    (google.rpc.Status, https://cloud.google.com/apis/design/errors)."""
    try:
        body = response.json() if response.content else None
    except ValueError:
        return None, frozenset()
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None, frozenset()
    details = error.get("details")
    reasons = frozenset(
        d["reason"]
        for d in (details if isinstance(details, list) else [])
        if isinstance(d, dict) and isinstance(d.get("reason"), str)
    )
    status = error.get("status")
    return (status if isinstance(status, str) else None), reasons


def check(response: requests.Response, what: str) -> requests.Response:
    """Raise the exception a non-2xx answer means; return 2xx answers unchanged."""
    status = response.status_code
    if status < 300:
        return response
    if status == 429:
        raise RateLimited(
            f"{what}: rate limited by the provider",
            retry_after_seconds(response.headers.get("Retry-After")),
        )
    if status == 410:
        raise ProviderGone(f"{what}: the provider says this API is gone ({status})")
    if status in (403, 404):
        _, reasons = error_reasons(response)
        if (status == 403 and reasons & MAYBE_GONE_REASONS) or (status == 404 and not reasons):
            raise ProviderMaybeGone(
                f"{what}: the API answers {status} {', '.join(sorted(reasons)) or 'bare'},"
                " as a shut-down API may"
            )
    if status == 401:
        raise AccessTokenRefused(f"{what}: the provider refused the access token")
    if status >= 500 or status == 408:
        raise Transient(
            f"{what}: provider error {status}",
            retry_after_seconds(response.headers.get("Retry-After")),
        )
    raise ProviderError(f"{what}: unexpected answer {status}")


class TrackerProvider(ABC):
    """One tracker API. Subclasses set the class attributes and implement fetch_since."""

    name: ClassVar[str]
    display_name: ClassVar[str]
    scopes: ClassVar[tuple[str, ...]]
    requests_per_minute: ClassVar[int]  # the provider's per-user quota
    authorize_params: ClassVar[dict[str, str]] = {}

    def __init__(self, settings: ProviderSettings) -> None:
        self.settings = settings
        self._local = threading.local()

    # ---- OAuth (authlib) ------------------------------------------------------------

    def _oauth(self) -> Any:
        from authlib.integrations.requests_client import OAuth2Session

        session = OAuth2Session(
            client_id=self.settings.client_id,
            client_secret=self.settings.client_secret,
            scope=" ".join(self.scopes),
            redirect_uri=self.settings.redirect_uri,
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_basic",  # noqa: S106 - a method name
        )

        def classify(response: requests.Response) -> requests.Response:
            if response.status_code in (400, 401) and "error" in response.text:
                return response  # an OAuth error document: authlib raises OAuthError
            return check(response, "token endpoint")

        session.register_compliance_hook("access_token_response", classify)
        session.register_compliance_hook("refresh_token_response", classify)
        return session

    def authorization_url(self, state: str, code_verifier: str) -> str:
        with self._oauth() as session:
            url, _ = session.create_authorization_url(
                self.settings.authorize_url,
                state=state,
                code_verifier=code_verifier,
                **self.authorize_params,
            )
        return str(url)

    def exchange_code(self, code: str, code_verifier: str) -> TokenSet:
        from authlib.integrations.requests_client import OAuthError

        try:
            with self._oauth() as session:
                token = session.fetch_token(
                    self.settings.token_url,
                    code=code,
                    grant_type="authorization_code",
                    code_verifier=code_verifier,
                    timeout=self.settings.timeout,
                )
        except OAuthError as refused:
            raise GrantRevoked(f"the provider refused the code ({refused.error})") from None
        except (requests.RequestException, ValueError):
            raise ProviderUnavailable("the provider's token endpoint did not answer") from None
        return _token_set(token, None)

    def refresh(self, refresh_token: str) -> TokenSet:
        from authlib.integrations.requests_client import OAuthError

        try:
            with self._oauth() as session:
                token = session.refresh_token(
                    self.settings.token_url,
                    refresh_token=refresh_token,
                    timeout=self.settings.timeout,
                )
        except OAuthError as refused:
            if refused.error in ("invalid_grant", "unauthorized_client", "invalid_client"):
                raise GrantRevoked(f"the provider refused the refresh ({refused.error})") from None
            raise Transient(f"token refresh failed ({refused.error})") from None
        except requests.Timeout:
            raise Transient("token refresh timed out") from None
        except (requests.RequestException, ValueError):
            raise Transient("the provider's token endpoint did not answer") from None
        return _token_set(token, refresh_token)

    def revoke(self, token: str) -> None:
        """Revoke the grant at the provider (best effort: failures are logged by callers)."""
        if not self.settings.revoke_url:
            return
        try:
            with self._oauth() as session:
                response = session.revoke_token(
                    self.settings.revoke_url, token=token, timeout=self.settings.timeout
                )
        except requests.RequestException:
            raise Transient("the provider's revocation endpoint did not answer") from None
        if response.status_code not in (200, 400):  # 400: already revoked or expired
            check(response, "revocation endpoint")

    # ---- data ---------------------------------------------------------------------------

    def external_user_id(self, access_token: str) -> str | None:
        """The member's id at the provider (webhooks name it), when the API has one."""
        return None

    @abstractmethod
    def fetch_since(self, access_token: str, window: Window, budget: Budget) -> Sequence[Activity]:
        """Normalised activities of every program day in `window` (growing totals re-read)."""

    def _http(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            self._local.session = session
        return session

    def _call(
        self, method: str, path: str, access_token: str, budget: Budget, **kwargs: Any
    ) -> Any:
        """One API request (after taking a token from the member's quota); the JSON answer."""
        from authlib.integrations.requests_client import OAuth2Auth

        budget()
        url = self.settings.api_url.rstrip("/") + path
        auth = OAuth2Auth({"access_token": access_token, "token_type": "Bearer"})
        try:
            response = self._http().request(
                method, url, auth=auth, timeout=self.settings.timeout, **kwargs
            )
        except requests.Timeout:
            raise Transient(f"{self.display_name} did not answer in time") from None
        except requests.RequestException:
            raise Transient(f"{self.display_name} could not be reached") from None
        check(response, self.display_name)
        try:
            return response.json()
        except ValueError:
            raise Transient(f"{self.display_name} sent an unreadable answer") from None


def _token_set(token: dict[str, Any], old_refresh: str | None) -> TokenSet:
    access = token.get("access_token")
    if not isinstance(access, str) or not access:
        raise ProviderError("the provider sent no access token")
    expires_in = token.get("expires_in")
    return TokenSet(
        access_token=access,
        refresh_token=token.get("refresh_token") or old_refresh,
        expires_in=int(expires_in) if expires_in is not None else None,
        scope=token.get("scope"),
    )
