"""What every tracker simulator shares: Google-style OAuth, failure switches, dispatch.

A simulator is served by the local gateway under `/_sim/<provider>/` (no extra
port). Fixed conventions that tests and demos rely on:

- `GET  /oauth/authorize?...` is the consent page; the authorization URL itself.
  `POST` of the same URL (query intact) with form field `decision=allow|deny`
  (optionally `user=<email>`, default the `login_hint` or `demo@example.com`)
  answers 302 to `redirect_uri?code=...&state=...` (or `error=access_denied`);
- `POST /oauth/token`: `authorization_code` (PKCE S256, client secret basic or
  post, single-use code, 2 minutes) and `refresh_token` (as Google's: a new access
  token, no new refresh token, the refresh token stays valid until revoked;
  developers.google.com/identity/protocols/oauth2/web-server, "Refreshing an access
  token"); `POST /oauth/revoke`;
- `POST /control {"fault": "none"|"rate_limit"|"server_error"|"timeout"|"revoked"|
  "gone"}` switches the failure mode of every later data call (options:
  `retryAfter` (a 429 carries Retry-After only when given, as Google sends none
  unless it says so), `delaySeconds`, `status` for gone (410, 403 SERVICE_DISABLED,
  bare 404), `tokenTtlSeconds`). Errors are google.rpc.Status bodies with an
  ErrorInfo in `details[]`.

Subclasses implement `api(method, path, query, body, user)` for their data endpoints.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import secrets
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from fittrack.clock import Clock, utc_now
from fittrack.http.runtime import HttpResult

FAULTS = ("none", "rate_limit", "server_error", "timeout", "revoked", "gone")
DEFAULT_USER = "demo@example.com"
CODE_TTL = 120.0


@dataclass
class Grant:
    user: str
    client_id: str
    scope: str
    expires_at: float


class SimError(Exception):
    def __init__(self, status: int, message: str, reason: str = "INVALID_ARGUMENT") -> None:
        super().__init__(message)
        self.status, self.reason = status, reason


def json_result(status: int, body: Any, headers: dict[str, str] | None = None) -> HttpResult:
    return HttpResult(
        status,
        {"Content-Type": "application/json", "Cache-Control": "no-store", **(headers or {})},
        json.dumps(body).encode(),
    )


ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"


def google_error(
    status: int, message: str, reason: str, *, info: str | None = None, bare: bool = False
) -> HttpResult:
    """A google.rpc.Status error body: code, message, status and, unless `bare`, an
    ErrorInfo in details[] whose reason is `info` (https://cloud.google.com/apis/design/errors)."""
    error: dict[str, Any] = {"code": status, "message": message, "status": reason}
    if not bare:
        error["details"] = [
            {"@type": ERROR_INFO, "reason": info or reason, "domain": "googleapis.com"}
        ]
    return json_result(status, {"error": error})


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


class TrackerSimulator:
    provider = ""
    title = ""
    gone_message = "This API has been shut down."

    def __init__(self, base_url: str, clock: Clock = utc_now) -> None:
        self.base_url = base_url.rstrip("/")
        self.clock = clock  # data and token lifetimes follow the platform's clock
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._clients: dict[str, str] = {}
        self._codes: dict[str, tuple[Grant, str, str, float]] = {}
        self._access: dict[str, Grant] = {}
        self._refresh: dict[str, Grant] = {}
        self.fault: str = "none"
        self.options: dict[str, Any] = {}
        self.token_ttl = 3600.0
        self.calls = 0  # data calls answered (tests count them)

    def _now(self) -> float:
        return self.clock().timestamp()

    def register_client(self, client_id: str, secret: str) -> None:
        with self._lock:
            self._clients[client_id] = secret

    def stop(self) -> None:
        self._stop.set()

    # ---- dispatch -----------------------------------------------------------------------

    def handle(
        self, method: str, path: str, query: str, headers: dict[str, str], body: bytes
    ) -> HttpResult:
        params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        route = path.strip("/")
        if route == "oauth/authorize":
            return self._authorize(method, params, body)
        if route == "oauth/token" and method == "POST":
            return self._token(_form(body), headers)
        if route == "oauth/revoke" and method == "POST":
            return self._revoke({**params, **_form(body)})
        if route == "control" and method == "POST":
            return self._control(body)
        return self._data(method, route, params=params, headers=headers, body=body)

    def _data(
        self,
        method: str,
        route: str,
        *,
        params: dict[str, str],
        headers: dict[str, str],
        body: bytes,
    ) -> HttpResult:
        fault, options = self.fault, self.options
        if fault == "timeout":
            self._stop.wait(float(options.get("delaySeconds", 5)))
        elif fault == "rate_limit":
            limited = google_error(
                429,
                "Quota exceeded for this user.",
                "RESOURCE_EXHAUSTED",
                info="RATE_LIMIT_EXCEEDED",
            )
            if "retryAfter" in options:  # Google sends none unless it says so
                limited.headers["Retry-After"] = str(options["retryAfter"])
            return limited
        elif fault == "server_error":
            return google_error(503, "The service is currently unavailable.", "UNAVAILABLE")
        elif fault == "gone":
            return self._gone(int(options.get("status", 410)))
        grant = self._bearer(headers)
        if grant is None:
            return google_error(
                401, "Request had invalid authentication credentials.", "UNAUTHENTICATED"
            )
        try:
            payload = json.loads(body) if body.strip() else {}
            result = self.api(method, route, params, payload, grant.user)
        except SimError as bad:
            return google_error(bad.status, str(bad), bad.reason)
        except (ValueError, KeyError, TypeError) as bad:
            return google_error(400, f"Invalid request: {bad}", "INVALID_ARGUMENT")
        with self._lock:
            self.calls += 1
        return json_result(200, result)

    def api(self, method: str, route: str, params: dict[str, str], body: Any, user: str) -> Any:
        raise SimError(404, f"No endpoint {method} {route}.", "NOT_FOUND")

    def _gone(self, status: int) -> HttpResult:
        """What a shut-down API may answer (undocumented, so each plausible shape): 410;
        403 PERMISSION_DENIED with ErrorInfo SERVICE_DISABLED, as Google answers for an
        API that is not enabled; a bare 404 without details."""
        if status == 403:
            return google_error(
                403,
                f"{self.title} has not been used in project 0 or it is disabled.",
                "PERMISSION_DENIED",
                info="SERVICE_DISABLED",
            )
        if status == 404:
            return google_error(404, "Requested entity was not found.", "NOT_FOUND", bare=True)
        return google_error(status, self.gone_message, "NOT_FOUND")

    def _bearer(self, headers: dict[str, str]) -> Grant | None:
        scheme, _, token = (headers.get("authorization") or "").partition(" ")
        with self._lock:
            grant = self._access.get(token) if scheme.lower() == "bearer" else None
        if grant is None or grant.expires_at < self._now() or self.fault == "revoked":
            return None
        return grant

    # ---- OAuth ------------------------------------------------------------------------

    def _authorize(self, method: str, params: dict[str, str], body: bytes) -> HttpResult:
        redirect, state = params.get("redirect_uri", ""), params.get("state")
        if params.get("client_id") not in self._clients or urlsplit(redirect).scheme not in (
            "http",
            "https",
        ):
            return HttpResult(
                400, {"Content-Type": "text/plain"}, b"unknown client_id or missing redirect_uri"
            )
        if (
            params.get("response_type") != "code"
            or params.get("code_challenge_method") != "S256"
            or not params.get("code_challenge")
        ):
            return _redirect(
                redirect,
                error="invalid_request",
                state=state,
                error_description="code flow with PKCE S256 is required",
            )
        if method == "GET":
            return self._consent_page(params)
        form = _form(body)
        if form.get("decision") != "allow":
            return _redirect(redirect, error="access_denied", state=state)
        user = (form.get("user") or params.get("login_hint") or DEFAULT_USER).strip().lower()
        code = secrets.token_urlsafe(24)
        grant = Grant(user, params["client_id"], params.get("scope", ""), 0.0)
        with self._lock:
            self._codes[code] = (grant, redirect, params["code_challenge"], self._now() + CODE_TTL)
        return _redirect(redirect, code=code, state=state)

    def _consent_page(self, params: dict[str, str]) -> HttpResult:
        user = html.escape(params.get("login_hint") or DEFAULT_USER)
        scopes = "".join(f"<li>{html.escape(s)}</li>" for s in params.get("scope", "").split())
        page = (
            f"<!doctype html><html><head><meta charset='utf-8'><title>{self.title} "
            f"(simulator)</title></head><body><h1>{self.title} (local simulator)</h1>"
            f"<p>FitTrack asks to read:</p><ul>{scopes}</ul><form method='post'>"
            f"<label>Simulated user <input name='user' value='{user}'></label>"
            "<button name='decision' value='allow'>Allow</button>"
            "<button name='decision' value='deny'>Deny</button></form></body></html>"
        )
        return HttpResult(200, {"Content-Type": "text/html; charset=utf-8"}, page.encode())

    def _client_ok(self, form: dict[str, str], headers: dict[str, str]) -> str | None:
        client_id, secret = form.get("client_id", ""), form.get("client_secret")
        scheme, _, value = (headers.get("authorization") or "").partition(" ")
        if scheme.lower() == "basic":
            from urllib.parse import unquote_plus

            decoded = base64.b64decode(value).decode()
            client_id, _, secret = (unquote_plus(p) for p in decoded.partition(":"))
        expected = self._clients.get(client_id)
        if expected is None or not hmac.compare_digest((secret or "").encode(), expected.encode()):
            return None
        return client_id

    def _token(self, form: dict[str, str], headers: dict[str, str]) -> HttpResult:
        client_id = self._client_ok(form, headers)
        if client_id is None:
            return json_result(401, {"error": "invalid_client"})
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            with self._lock:
                pending = self._codes.pop(form.get("code", ""), None)
            if pending is None or pending[3] < self._now() or pending[0].client_id != client_id:
                return _invalid_grant("unknown, used or expired code")
            grant, redirect, challenge, _ = pending
            verifier = form.get("code_verifier", "")
            if redirect != form.get("redirect_uri") or not hmac.compare_digest(
                _s256(verifier), challenge
            ):
                return _invalid_grant("redirect_uri or PKCE verifier does not match")
            return self._issue(grant, with_refresh=True)
        if grant_type == "refresh_token":
            with self._lock:
                refreshed = self._refresh.get(form.get("refresh_token", ""))
            if refreshed is None or refreshed.client_id != client_id or self.fault == "revoked":
                return _invalid_grant("Token has been expired or revoked.")
            # Google keeps the refresh token: the answer carries a new access token only.
            return self._issue(refreshed, with_refresh=False)
        return json_result(400, {"error": "unsupported_grant_type"})

    def _issue(self, grant: Grant, with_refresh: bool) -> HttpResult:
        access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(32)
        fresh = Grant(grant.user, grant.client_id, grant.scope, self._now() + self.token_ttl)
        with self._lock:
            self._access[access] = fresh
            if with_refresh:
                self._refresh[refresh] = fresh
        body: dict[str, Any] = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": int(self.token_ttl),
            "scope": grant.scope,
        }
        if with_refresh:
            body["refresh_token"] = refresh
        return json_result(200, body)

    def _revoke(self, form: dict[str, str]) -> HttpResult:
        token = form.get("token", "")
        with self._lock:
            grant = self._access.get(token) or self._refresh.get(token)
            if grant is None:
                return json_result(400, {"error": "invalid_token"})
            for table in (self._access, self._refresh):
                for key in [
                    k
                    for k, g in table.items()
                    if g.user == grant.user and g.client_id == grant.client_id
                ]:
                    del table[key]
        return json_result(200, {})

    def _control(self, body: bytes) -> HttpResult:
        try:
            options = json.loads(body or b"{}")
            fault = options.get("fault", "none")
        except (ValueError, AttributeError):
            return json_result(400, {"error": "send a JSON object"})
        if fault not in FAULTS:
            return json_result(400, {"error": f"fault must be one of {', '.join(FAULTS)}"})
        with self._lock:
            self.fault, self.options = fault, dict(options)
            if "tokenTtlSeconds" in options:
                self.token_ttl = float(options["tokenTtlSeconds"])
            if options.get("expireTokens"):
                for grant in self._access.values():
                    grant.expires_at = 0.0
        return json_result(200, {"fault": fault})


def _form(body: bytes) -> dict[str, str]:
    text = body.decode("utf-8", "replace") if body else ""
    return {k: v[-1] for k, v in parse_qs(text, keep_blank_values=True).items()}


def _redirect(url: str, **params: str | None) -> HttpResult:
    extra = urlencode({k: v for k, v in params.items() if v is not None})
    location = url + ("&" if urlsplit(url).query else "?") + extra
    return HttpResult(302, {"Location": location, "Content-Type": "text/plain"}, b"")


def _invalid_grant(description: str) -> HttpResult:
    return json_result(400, {"error": "invalid_grant", "error_description": description})
