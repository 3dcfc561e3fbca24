"""The cookie that binds an Apple sign-in to the browser that started it.

Apple answers with a cross-site form POST (response_mode=form_post), which carries no
SameSite=Lax or Strict cookie. So `initiate` sets this one with SameSite=None: it is
sent on that POST and nowhere else (its path is the form-post route), authorises
nothing by itself, and only proves that the browser posting the code is the one that
started the sign-in; the server keeps its SHA-256 with the state (docs/social-login.md).
"""

from __future__ import annotations

from fittrack.http.cookies import value_of
from fittrack.http.registry import API_PREFIX
from fittrack.http.request import Request

COOKIE_NAME = "ft_signin_bind"
COOKIE_PATH = API_PREFIX + "/auth/social/apple/form-post"
MAX_AGE_SECONDS = 600  # the state's own lifetime


def set_cookie(value: str) -> str:
    return (
        f"{COOKIE_NAME}={value}; Max-Age={MAX_AGE_SECONDS}; Path={COOKIE_PATH}; "
        "HttpOnly; Secure; SameSite=None"
    )


def presented(req: Request) -> str | None:
    return value_of(req, COOKIE_NAME)
