"""Admin: the prizes of a drawing (only while it is draft or scheduled)."""

from __future__ import annotations

from fittrack.http.registry import function
from fittrack.http.request import Request
from fittrack.schemas.prizes import PrizeIn, PrizeUpdate, PrizeView
from fittrack.services import prizes


@function(
    "admin_prizes.add",
    http=("POST", "/admin/drawings/{drawingId}/prizes"),
    auth="admin",
    request=PrizeIn,
    response=PrizeView,
    status=201,
    memory=128,
    timeout=10,
)
def add(req: Request, body: PrizeIn) -> PrizeView:
    """Add a prize to a draft or scheduled drawing (409 problem otherwise)."""
    return prizes.add_prize(req.platform, req.user, req.path_params["drawingId"], body)


@function(
    "admin_prizes.update",
    http=("PUT", "/admin/prizes/{prizeId}"),
    auth="admin",
    request=PrizeUpdate,
    response=PrizeView,
    memory=128,
    timeout=10,
)
def update(req: Request, body: PrizeUpdate) -> PrizeView:
    """Change a prize (only the fields sent) while its drawing is draft or scheduled."""
    return prizes.update_prize(req.platform, req.user, req.path_params["prizeId"], body)


@function(
    "admin_prizes.remove",
    http=("DELETE", "/admin/prizes/{prizeId}"),
    auth="admin",
    status=204,
    memory=128,
    timeout=10,
)
def remove(req: Request) -> None:
    """Remove a prize while its drawing is draft or scheduled."""
    prizes.remove_prize(req.platform, req.user, req.path_params["prizeId"])
