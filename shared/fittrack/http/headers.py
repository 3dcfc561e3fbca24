"""Security headers and the CORS allow-list, added to every response."""

from __future__ import annotations

from collections.abc import Iterable

SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

CORS_ALLOW_HEADERS = "Authorization, Content-Type, X-Request-Id"
CORS_ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"


def cors_headers(origin: str | None, allowed: Iterable[str]) -> dict[str, str]:
    """CORS headers for an allowed Origin; nothing for an unknown one."""
    if not origin or origin not in set(allowed):
        return {"Vary": "Origin"}
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Allow-Headers": CORS_ALLOW_HEADERS,
        "Access-Control-Allow-Methods": CORS_ALLOW_METHODS,
        "Access-Control-Expose-Headers": "Retry-After, X-Request-Id",
        "Access-Control-Max-Age": "600",
        "Vary": "Origin",
    }
