"""Well-known documents served at the root of the site."""

from __future__ import annotations

from fittrack.http.registry import function
from fittrack.http.request import Request, Response


@function(
    "wellknown.jwks",
    http=("GET", "/.well-known/jwks.json"),
    auth="public",
    rate_limited=False,
)
def jwks(req: Request) -> Response:
    """The public keys that verify FitTrack access tokens (API Gateway's JWT policy reads it)."""
    return Response(req.platform.tokens.jwks(), headers={"Cache-Control": "public, max-age=300"})
