"""Competition tiers."""

from __future__ import annotations

from fittrack.http.registry import function
from fittrack.http.request import Request
from fittrack.schemas.tiers import TierList, TierView
from fittrack.services import tiers


@function(
    "tiers.list", http=("GET", "/tiers"), auth="public", response=TierList, memory=128, timeout=10
)
def list_tiers(req: Request) -> TierList:
    """The 30 competition tiers with their display names."""
    return tiers.list_tiers()


@function(
    "tiers.get",
    http=("GET", "/tiers/{tierCode}"),
    auth="public",
    response=TierView,
    memory=128,
    timeout=10,
)
def get_tier(req: Request) -> TierView:
    """One competition tier (404 problem for an unknown code)."""
    return tiers.get_tier(req.path_params["tierCode"])
