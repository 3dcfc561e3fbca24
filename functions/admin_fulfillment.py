"""Admin: prize fulfillment (SPEC.md section 7 state machine; illegal moves are 409s)."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.fulfillment import (
    ForfeitPrize,
    FulfillmentPage,
    FulfillmentQuery,
    FulfillmentView,
    ShipPrize,
    UpdateFulfillment,
)
from fittrack.services import fulfillment_admin as admin

ROUTES = Routes("/admin/fulfillments")


@function(
    "admin_fulfillment.list",
    http=ROUTES.get(),
    auth="admin",
    query=FulfillmentQuery,
    response=FulfillmentPage,
    memory=256,
)
def list_fulfillments(req: Request, query: FulfillmentQuery) -> FulfillmentPage:
    """Fulfillments, newest first (filter by status), paginated."""
    return admin.list_fulfillments(req.platform, query.status, query.page, query.limit)


@function(
    "admin_fulfillment.get",
    http=ROUTES.get("/{fulfillmentId}"),
    auth="admin",
    response=FulfillmentView,
)
def get(req: Request) -> FulfillmentView:
    """One fulfillment with address, tracking, tax status (last 4 digits only) and deadlines."""
    return admin.get_fulfillment(req.platform, req.id("fulfillmentId"))


@function(
    "admin_fulfillment.update",
    http=ROUTES.put("/{fulfillmentId}"),
    auth="admin",
    request=UpdateFulfillment,
    response=FulfillmentView,
)
def update(req: Request, body: UpdateFulfillment) -> FulfillmentView:
    """Update notes, or mark the address invalid (the winner re-enters it) or confirmed."""
    return admin.update_fulfillment(req.platform, req.user, req.id("fulfillmentId"), body)


@function(
    "admin_fulfillment.ship",
    http=ROUTES.post("/{fulfillmentId}/ship"),
    auth="admin",
    request=ShipPrize,
    response=FulfillmentView,
)
def ship(req: Request, body: ShipPrize) -> FulfillmentView:
    """Ship a confirmed prize with carrier and tracking (tax details first at $600+)."""
    return admin.ship(req.platform, req.user, req.id("fulfillmentId"), body)


@function(
    "admin_fulfillment.deliver",
    http=ROUTES.post("/{fulfillmentId}/deliver"),
    auth="admin",
    response=FulfillmentView,
)
def deliver(req: Request) -> FulfillmentView:
    """Mark a shipped prize delivered."""
    return admin.deliver(req.platform, req.user, req.id("fulfillmentId"))


@function(
    "admin_fulfillment.forfeit",
    http=ROUTES.post("/{fulfillmentId}/forfeit"),
    auth="admin",
    request=ForfeitPrize,
    response=FulfillmentView,
)
def forfeit(req: Request, body: ForfeitPrize) -> FulfillmentView:
    """Forfeit a prize that has not shipped (the winner is told)."""
    return admin.forfeit(req.platform, req.user, req.id("fulfillmentId"), body.reason)


@function(
    "admin_fulfillment.redraw",
    http=ROUTES.post("/{fulfillmentId}/redraw"),
    auth="admin",
    step_up=True,
    response=FulfillmentView,
    status=201,
    memory=256,
    timeout=30,
)
def redraw(req: Request) -> FulfillmentView:
    """Give a forfeited prize to the drawing's next alternate; returns the new fulfillment."""
    return admin.redraw(req.platform, req.user, req.id("fulfillmentId"))
