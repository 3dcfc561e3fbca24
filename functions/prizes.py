"""Prizes: the public showcase and the winner's own prizes."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.fulfillment import (
    ConfirmDelivery,
    MyPrizePage,
    MyPrizeView,
    PageQuery,
    TaxDetailsIn,
    TaxDetailsReceipt,
)
from fittrack.schemas.prizes import ShowcasePage, ShowcaseQuery
from fittrack.services import my_prizes
from fittrack.services import prizes as prize_service

ROUTES = Routes("/users/me/prizes")


@function(
    "prizes.showcase",
    http=("GET", "/prizes"),
    auth="public",
    query=ShowcaseQuery,
    response=ShowcasePage,
)
def showcase(req: Request, query: ShowcaseQuery) -> ShowcasePage:
    """The prizes of upcoming drawings with their sponsors (public)."""
    return prize_service.showcase(req.platform, query.page, query.limit)


@function(
    "prizes.mine",
    http=ROUTES.get(),
    query=PageQuery,
    response=MyPrizePage,
)
def mine(req: Request, query: PageQuery) -> MyPrizePage:
    """My wins, newest first, with what I still need to do for each."""
    return my_prizes.list_mine(req.platform, req.user.user_id, query.page, query.limit)


@function(
    "prizes.mine_get",
    http=ROUTES.get("/{fulfillmentId}"),
    response=MyPrizeView,
)
def mine_get(req: Request) -> MyPrizeView:
    """One of my wins (someone else's is a 404)."""
    return my_prizes.get_mine(req.platform, req.user.user_id, req.id("fulfillmentId"))


@function(
    "prizes.confirm_address",
    http=ROUTES.post("/{fulfillmentId}/address"),
    request=ConfirmDelivery,
    response=MyPrizeView,
)
def confirm_address(req: Request, body: ConfirmDelivery) -> MyPrizeView:
    """Confirm a US shipping address (physical prize) or a delivery email (digital prize)."""
    return my_prizes.confirm_delivery(req.platform, req.user.user_id, req.id("fulfillmentId"), body)


@function(
    "prizes.tax_details",
    http=ROUTES.post("/{fulfillmentId}/tax-details"),
    request=TaxDetailsIn,
    response=TaxDetailsReceipt,
    status=201,
)
def tax_details(req: Request, body: TaxDetailsIn) -> TaxDetailsReceipt:
    """Give the tax details a $600+ prize needs (encrypted; only the last 4 digits shown)."""
    return my_prizes.submit_tax_details(
        req.platform, req.user.user_id, req.id("fulfillmentId"), body
    )
