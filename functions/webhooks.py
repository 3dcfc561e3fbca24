"""Provider webhooks: the Google Health subscriber endpoint."""

from __future__ import annotations

from fittrack.http.registry import function
from fittrack.http.request import Request, Response
from fittrack.services import health_webhooks


@function(
    "webhooks.google_health",
    http=("POST", "/webhooks/google-health"),
    auth="public",
    rate_limited=False,
    status=204,
    problems=(400, 401, 503),  # not a JSON object; no secret or signature; keyset unreachable
)
def google_health(req: Request) -> Response:
    """Verification handshake (201 with the shared secret, 401 without) and data-change
    notifications signed by Google (204; queues a sync for the member named)."""
    status = health_webhooks.receive(
        req.platform,
        authorization=req.header("authorization"),
        signature=req.header(health_webhooks.SIGNATURE_HEADER),
        body=req.body,
    )
    return Response(body={"status": "verified"} if status == 201 else None, status=status)
