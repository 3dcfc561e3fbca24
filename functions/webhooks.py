"""Provider webhooks: the Google Health subscriber endpoint."""

from __future__ import annotations

from fittrack.http.registry import function
from fittrack.http.request import Request, Response
from fittrack.services import sync


@function(
    "webhooks.google_health",
    http=("POST", "/webhooks/google-health"),
    auth="public",
    rate_limited=False,
    status=204,
    problems=(400, 401),  # a body that is not a JSON object; no shared secret
)
def google_health(req: Request) -> Response:
    """Verification handshake (201 with the shared secret, 401 without) and data-change
    notifications (204; queues a sync for the member named)."""
    status = sync.google_health_webhook(req.platform, req.header("authorization"), req.body)
    return Response(body={"status": "verified"} if status == 201 else None, status=status)
