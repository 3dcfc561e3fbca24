"""The admin review queue: members flagged by the anti-gaming rules."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.review import ResolveFlag, ReviewFlagView, ReviewQueuePage, ReviewQueueQuery
from fittrack.services import review

ROUTES = Routes("/admin/review-queue")


@function(
    "admin_review.list",
    http=ROUTES.get(),
    auth="admin",
    query=ReviewQueueQuery,
    response=ReviewQueuePage,
    memory=256,
)
def list_queue(req: Request, query: ReviewQueueQuery) -> ReviewQueuePage:
    """Flagged members waiting for review (status open by default), oldest first."""
    return review.list_queue(req.platform, query.status, query.page, query.limit)


@function(
    "admin_review.resolve",
    http=ROUTES.post("/{flagId}/resolve"),
    auth="admin",
    step_up=True,
    request=ResolveFlag,
    response=ReviewFlagView,
    memory=256,
)
def resolve(req: Request, body: ResolveFlag) -> ReviewFlagView:
    """Clear a flag or ban the member (audited)."""
    return review.resolve(
        req.platform, req.user, flag_id=req.id("flagId"), decision=body.decision, note=body.note
    )
