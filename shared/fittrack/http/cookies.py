"""Reading one cookie of a request."""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

from fittrack.http.request import Request


def value_of(req: Request, name: str) -> str | None:
    """The named cookie's value, if the request has one (a malformed header has none)."""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(req.header("cookie") or "")
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel is not None and morsel.value else None
