"""Admin: the appeals queue and decisions (docs/admin.md, Appeals)."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.appeals import (
    AdminAppealPage,
    AdminAppealQuery,
    AdminAppealView,
    DecideAppeal,
)
from fittrack.services import appeals

ROUTES = Routes("/admin/appeals")


@function(
    "admin_appeals.list",
    http=ROUTES.get(),
    auth="admin",
    query=AdminAppealQuery,
    response=AdminAppealPage,
)
def list_appeals(req: Request, query: AdminAppealQuery) -> AdminAppealPage:
    """Appeals by status (pending, upheld, reinstated), oldest first; paged."""
    return appeals.queue(req.platform, query.status, query.page, query.limit)


@function(
    "admin_appeals.decide",
    http=ROUTES.post("/{appealId}/decide"),
    auth="admin",
    request=DecideAppeal,
    response=AdminAppealView,
    problems=(404, 409),  # an unknown appeal; one already decided
)
def decide(req: Request, body: DecideAppeal) -> AdminAppealView:
    """Uphold the suspension or ban, or reinstate the member; the member is told."""
    return appeals.decide(
        req.platform, req.user, req.id("appealId"), decision=body.decision, note=body.note
    )
