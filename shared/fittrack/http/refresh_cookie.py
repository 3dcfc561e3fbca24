"""The refresh token as an httpOnly cookie, for browsers that ask for it.

A client opts in per request with `X-FitTrack-Token-Transport: cookie`; the
refresh token then travels only in the `ft_refresh` cookie (never in the JSON
body). A request that presents the cookie must also carry `X-CSRF-Token: 1`:
a page on another site cannot add a custom header without a CORS preflight,
which the allow-list refuses (docs/auth.md says why not double-submit).
"""

from __future__ import annotations

import hmac
from typing import Any

from fittrack.domain.errors import FieldError, Forbidden, Unauthorized, ValidationFailed
from fittrack.http.cookies import value_of
from fittrack.http.registry import API_PREFIX
from fittrack.http.request import Request, Response
from fittrack.schemas.auth import AuthTokens
from fittrack.services.tokens import REFRESH_TOKEN_TTL

TRANSPORT_HEADER = "X-FitTrack-Token-Transport"
TRANSPORT_COOKIE = "cookie"
CSRF_HEADER = "X-CSRF-Token"
CSRF_VALUE = "1"
COOKIE_NAME = "ft_refresh"
COOKIE_PATH = API_PREFIX + "/auth"
MAX_AGE_SECONDS = int(REFRESH_TOKEN_TTL.total_seconds())


def check_headers(req: Request) -> None:
    """Before anything happens: an unknown transport is a 400, a wrong CSRF header a 403."""
    transport = req.header(TRANSPORT_HEADER)
    if transport is not None and transport != TRANSPORT_COOKIE:
        wrong = FieldError(TRANSPORT_HEADER, f"The only transport is {TRANSPORT_COOKIE!r}.", "enum")
        raise ValidationFailed([wrong])
    if req.header(CSRF_HEADER) is not None:
        require_csrf(req)


def wants_cookie(req: Request) -> bool:
    return req.header(TRANSPORT_HEADER) == TRANSPORT_COOKIE


def presented(req: Request) -> str | None:
    """The refresh token of the request's cookie, if it has one."""
    return value_of(req, COOKIE_NAME)


def require_csrf(req: Request) -> None:
    """A call the cookie authenticates must prove it comes from our own page."""
    sent = req.header(CSRF_HEADER) or ""
    if not hmac.compare_digest(sent.encode(), CSRF_VALUE.encode()):
        raise Forbidden(f"A request with the refresh cookie needs the {CSRF_HEADER} header.")


def presented_with_csrf(req: Request) -> str:
    """The cookie's refresh token, once the CSRF header vouches for the request."""
    token = presented(req)
    if token is None:
        # Schema-valid ({} is a fine body in cookie mode), just not signed in.
        raise Unauthorized("No refresh token: neither the body nor the ft_refresh cookie has one.")
    require_csrf(req)
    return token


def set_cookie(token: str, max_age: int = MAX_AGE_SECONDS) -> str:
    return (
        f"{COOKIE_NAME}={token}; Max-Age={max_age}; Path={COOKIE_PATH}; "
        "HttpOnly; Secure; SameSite=Strict"
    )


def cleared_cookie() -> str:
    return set_cookie("", max_age=0)


def answer_tokens(req: Request, tokens: AuthTokens) -> Any:
    """The tokens as JSON, or, in cookie mode, the refresh token moved into the cookie."""
    if not wants_cookie(req) or tokens.refresh_token is None:
        return tokens
    body = tokens.model_dump(mode="json", by_alias=True, exclude={"refresh_token"})
    return Response(body=body, headers={"Set-Cookie": set_cookie(tokens.refresh_token)})
