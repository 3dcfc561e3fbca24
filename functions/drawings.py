"""Drawings for members and the public: browse, buy tickets, free entry, results, proofs."""

from __future__ import annotations

import uuid

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.drawings import (
    BlockPageQuery,
    BuyTickets,
    DrawingList,
    DrawingResults,
    DrawingRules,
    DrawingsQuery,
    DrawingView,
    FreeEntryView,
    MyEntries,
    MyTickets,
    PageQuery,
    RecentWinners,
    RecentWinnersQuery,
    SnapshotBlockPage,
    TicketPurchase,
    Verification,
)
from fittrack.services import drawings, snapshot_pages, tickets, verification


def _me(req: Request) -> uuid.UUID | None:
    return req.caller.user_id if req.caller else None


ROUTES = Routes("/drawings")


@function(
    "drawings.list",
    http=ROUTES.get(),
    auth="optional",
    query=DrawingsQuery,
    response=DrawingList,
    memory=256,
)
def list_drawings(req: Request, query: DrawingsQuery) -> DrawingList:
    """Drawings (filters status and type) with prizes, sponsor, tickets, closing time and odds."""
    return drawings.list_drawings(req.platform, _me(req), query)


@function(
    "drawings.get",
    http=ROUTES.get("/{drawingId}"),
    auth="optional",
    response=DrawingView,
    memory=256,
)
def get_drawing(req: Request) -> DrawingView:
    """One drawing: prizes, odds, my tickets, closing time."""
    return drawings.get_drawing(req.platform, _me(req), req.id("drawingId"))


@function(
    "drawings.buy_tickets",
    http=ROUTES.post("/{drawingId}/tickets"),
    auth="member",
    request=BuyTickets,
    response=TicketPurchase,
    status=201,
    memory=256,
)
def buy_tickets(req: Request, body: BuyTickets) -> TicketPurchase:
    """Buy a contiguous block of tickets with points (final; 400/403/404 problems)."""
    return tickets.buy(req.platform, req.user.user_id, req.id("drawingId"), body.quantity)


@function(
    "drawings.free_entry",
    http=ROUTES.post("/{drawingId}/free-entry"),
    auth="member",
    response=FreeEntryView,
    status=201,
    memory=256,
)
def free_entry(req: Request) -> FreeEntryView:
    """No purchase necessary: one free one-ticket entry per member and drawing."""
    return tickets.free_entry(req.platform, req.user.user_id, req.id("drawingId"))


@function(
    "drawings.my_tickets",
    http=ROUTES.get("/{drawingId}/my-tickets"),
    auth="member",
    response=MyTickets,
)
def my_tickets(req: Request) -> MyTickets:
    """My ticket blocks in one drawing."""
    return tickets.my_tickets(req.platform, req.user.user_id, req.id("drawingId"))


@function(
    "drawings.my_entries",
    http=("GET", "/tickets"),
    auth="member",
    query=PageQuery,
    response=MyEntries,
)
def my_entries(req: Request, query: PageQuery) -> MyEntries:
    """My entries across drawings, most recent first (paginated)."""
    return tickets.my_entries(req.platform, req.user.user_id, query.page, query.limit)


@function(
    "drawings.results",
    http=ROUTES.get("/{drawingId}/results"),
    auth="optional",
    response=DrawingResults,
    memory=256,
)
def results(req: Request) -> DrawingResults:
    """Winners (display names, tickets held, winning numbers), total entries, my part."""
    return drawings.results(req.platform, _me(req), req.id("drawingId"))


@function(
    "drawings.verification",
    http=ROUTES.get("/{drawingId}/verification"),
    auth="optional",
    response=Verification,
    memory=512,
    timeout=30,
)
def verification_proof(req: Request) -> Verification:
    """The public proof: commitment, snapshot and Merkle root, seed, winners; my inclusion proof."""
    return verification.verification(req.platform, req.id("drawingId"), _me(req))


@function(
    "drawings.snapshot_blocks",
    http=ROUTES.get("/{drawingId}/snapshot/blocks"),
    auth="public",
    query=BlockPageQuery,
    response=SnapshotBlockPage,
    memory=512,
)
def snapshot_blocks(req: Request, query: BlockPageQuery) -> SnapshotBlockPage:
    """One page of the frozen snapshot's blocks, for proofs too big to carry them all."""
    return snapshot_pages.page(req.platform, req.id("drawingId"), query.page)


@function(
    "drawings.rules",
    http=ROUTES.get("/{drawingId}/rules"),
    auth="public",
    response=DrawingRules,
)
def official_rules(req: Request) -> DrawingRules:
    """The drawing's official rules, including how to enter free."""
    return drawings.official_rules(req.platform, req.id("drawingId"))


@function(
    "drawings.recent_winners",
    http=("GET", "/winners/recent"),
    auth="public",
    query=RecentWinnersQuery,
    response=RecentWinners,
)
def recent_winners(req: Request, query: RecentWinnersQuery) -> RecentWinners:
    """The latest winners across drawings (display names only)."""
    return drawings.recent_winners(req.platform, query.limit)
