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

# The web app (the SPA's index.html and assets), locally and as the production site
# deployment serves it (terraform/modules/gateway/spa.tf sets the same values). The
# build inlines no script or style (frontend/vite.config.ts) and fonts ship as files
# under /assets/; `data:` images stay allowed for small inline icons.
SITE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)
SITE_HEADERS = {
    "Strict-Transport-Security": SECURITY_HEADERS["Strict-Transport-Security"],
    "Content-Security-Policy": SITE_CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
# index.html (and the other unhashed files) revalidate, so a deploy is seen at once;
# /assets/ files are named by their content hash and never change.
SITE_CACHE_PAGES = "no-cache"
SITE_CACHE_ASSETS = "public, max-age=31536000, immutable"

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
