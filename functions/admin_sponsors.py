"""Admin: sponsors (deactivated, never deleted)."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.sponsors import (
    AdminSponsorView,
    SponsorIn,
    SponsorPage,
    SponsorQuery,
    SponsorUpdate,
)
from fittrack.services import sponsors

ROUTES = Routes("/admin/sponsors")


@function(
    "admin_sponsors.list",
    http=ROUTES.get(),
    auth="admin",
    query=SponsorQuery,
    response=SponsorPage,
)
def list_sponsors(req: Request, query: SponsorQuery) -> SponsorPage:
    """Sponsors by name (filter status active|inactive|all), paginated."""
    return sponsors.list_sponsors(req.platform, query.status, query.page, query.limit)


@function(
    "admin_sponsors.create",
    http=ROUTES.post(),
    auth="admin",
    request=SponsorIn,
    response=AdminSponsorView,
    status=201,
)
def create(req: Request, body: SponsorIn) -> AdminSponsorView:
    """Add a sponsor (active)."""
    return sponsors.create_sponsor(req.platform, req.user, body)


@function(
    "admin_sponsors.get",
    http=ROUTES.get("/{sponsorId}"),
    auth="admin",
    response=AdminSponsorView,
)
def get(req: Request) -> AdminSponsorView:
    """One sponsor."""
    return sponsors.get_sponsor(req.platform, req.id("sponsorId"))


@function(
    "admin_sponsors.update",
    http=ROUTES.put("/{sponsorId}"),
    auth="admin",
    request=SponsorUpdate,
    response=AdminSponsorView,
)
def update(req: Request, body: SponsorUpdate) -> AdminSponsorView:
    """Change a sponsor's details or status (only the fields sent)."""
    return sponsors.update_sponsor(req.platform, req.user, req.id("sponsorId"), body)


@function(
    "admin_sponsors.deactivate",
    http=ROUTES.delete("/{sponsorId}"),
    auth="admin",
    response=AdminSponsorView,
)
def deactivate(req: Request) -> AdminSponsorView:
    """Deactivate a sponsor (never deleted; its prizes and history stay)."""
    return sponsors.deactivate_sponsor(req.platform, req.user, req.id("sponsorId"))
