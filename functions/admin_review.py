"""The admin review queue: members flagged by the anti-gaming rules."""

from __future__ import annotations

from fittrack.http.registry import function
from fittrack.http.request import Request
from fittrack.schemas.review import ResolveFlag, ReviewFlagView, ReviewQueuePage, ReviewQueueQuery
from fittrack.services import review


@function(
    "admin_review.list",
    http=("GET", "/admin/review-queue"),
    auth="admin",
    query=ReviewQueueQuery,
    response=ReviewQueuePage,
    memory=256,
    timeout=10,
)
def list_queue(req: Request, query: ReviewQueueQuery) -> ReviewQueuePage:
    """Flagged members waiting for review (status open by default), oldest first."""
    return review.list_queue(req.platform, query.status, query.page, query.limit)


@function(
    "admin_review.resolve",
    http=("POST", "/admin/review-queue/{flagId}/resolve"),
    auth="admin",
    request=ResolveFlag,
    response=ReviewFlagView,
    memory=256,
    timeout=10,
)
def resolve(req: Request, body: ResolveFlag) -> ReviewFlagView:
    """Clear a flag or ban the member (audited)."""
    return review.resolve(
        req.platform, req.user, req.path_params["flagId"], body.decision, body.note
    )
