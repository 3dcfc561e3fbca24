"""Admin: the prizes of a drawing (only while it is draft or scheduled)."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.prizes import AdminPrizeView, PrizeIn, PrizeUpdate
from fittrack.services import prizes

ROUTES = Routes("/admin")


@function(
    "admin_prizes.add",
    http=ROUTES.post("/drawings/{drawingId}/prizes"),
    auth="admin",
    request=PrizeIn,
    response=AdminPrizeView,
    status=201,
)
def add(req: Request, body: PrizeIn) -> AdminPrizeView:
    """Add a prize to a draft or scheduled drawing (409 problem otherwise)."""
    return prizes.add_prize(req.platform, req.user, req.id("drawingId"), body)


@function(
    "admin_prizes.update",
    http=ROUTES.put("/prizes/{prizeId}"),
    auth="admin",
    request=PrizeUpdate,
    response=AdminPrizeView,
)
def update(req: Request, body: PrizeUpdate) -> AdminPrizeView:
    """Change a prize (only the fields sent) while its drawing is draft or scheduled."""
    return prizes.update_prize(req.platform, req.user, req.id("prizeId"), body)


@function(
    "admin_prizes.remove",
    http=ROUTES.delete("/prizes/{prizeId}"),
    auth="admin",
    status=204,
)
def remove(req: Request) -> None:
    """Remove a prize while its drawing is draft or scheduled."""
    prizes.remove_prize(req.platform, req.user, req.id("prizeId"))
