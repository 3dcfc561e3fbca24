"""Admin: adjust a member's points (audited; never below zero)."""

from __future__ import annotations

from fittrack.http.registry import function
from fittrack.http.request import Request
from fittrack.schemas.points import AdjustmentView, AdjustPoints
from fittrack.services import points


@function(
    "admin_points.adjust",
    http=("POST", "/admin/users/{userId}/adjust-points"),
    auth="admin",
    step_up=True,
    request=AdjustPoints,
    response=AdjustmentView,
    status=201,
)
def adjust(req: Request, body: AdjustPoints) -> AdjustmentView:
    """Credit or debit a member's points with a reason (400 problem below zero)."""
    return points.adjust_points(
        req.platform,
        req.user.user_id,
        user_id=req.id("userId"),
        amount=body.amount,
        reason=body.reason,
    )
