"""Competition tiers."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.tiers import TierList, TierView
from fittrack.services import tiers

ROUTES = Routes("/tiers")


@function(
    "tiers.list",
    http=ROUTES.get(),
    auth="public",
    response=TierList,
)
def list_tiers(req: Request) -> TierList:
    """The 30 competition tiers with their display names and member counts."""
    return tiers.list_tiers(req.platform)


@function(
    "tiers.get",
    http=ROUTES.get("/{tierCode}"),
    auth="public",
    response=TierView,
)
def get_tier(req: Request) -> TierView:
    """One competition tier (404 problem for an unknown code)."""
    return tiers.get_tier(req.platform, req.path_params["tierCode"])
