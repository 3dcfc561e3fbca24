"""Admin: platform analytics, as JSON or as a CSV download (format=csv)."""

from __future__ import annotations

from typing import TypeVar

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request, Response
from fittrack.schemas.analytics import (
    ActivitySeries,
    DrawingSeries,
    Overview,
    OverviewQuery,
    RegistrationSeries,
    SeriesQuery,
)
from fittrack.services import analytics

ROUTES = Routes("/admin/analytics")


def _download(document: bytes, filename: str) -> Response:
    return Response(
        document,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


Series = TypeVar("Series", RegistrationSeries, ActivitySeries, DrawingSeries)


def _series(series: Series, query: SeriesQuery, kind: str) -> Series | Response:
    """The series as JSON, or with format=csv as a download named after its range."""
    if query.format != "csv":
        return series
    name = f"fittrack-{kind}-{series.first_day}-{series.last_day}-{query.interval}.csv"
    return _download(analytics.series_csv(series.buckets), name)


@function(
    "admin_analytics.overview",
    http=ROUTES.get("/overview"),
    auth="admin",
    query=OverviewQuery,
    response=Overview,
    csv=True,
)
def overview(req: Request, query: OverviewQuery) -> Overview | Response:
    """Members by status and role, active members, points, entries and open work now."""
    figures = analytics.overview(req.platform)
    if query.format == "csv":
        return _download(analytics.overview_csv(figures), "fittrack-overview.csv")
    return figures


@function(
    "admin_analytics.registrations",
    http=ROUTES.get("/registrations"),
    auth="admin",
    query=SeriesQuery,
    response=RegistrationSeries,
    csv=True,
)
def registrations(req: Request, query: SeriesQuery) -> RegistrationSeries | Response:
    """New accounts per New York day, week or month between `from` and `to`."""
    return _series(analytics.registrations(req.platform, query), query, "registrations")


@function(
    "admin_analytics.activity",
    http=ROUTES.get("/activity"),
    auth="admin",
    query=SeriesQuery,
    response=ActivitySeries,
    csv=True,
)
def activity(req: Request, query: SeriesQuery) -> ActivitySeries | Response:
    """Sync runs and points earned and spent per New York day, week or month."""
    return _series(analytics.activity(req.platform, query), query, "activity")


@function(
    "admin_analytics.drawings",
    http=ROUTES.get("/drawings"),
    auth="admin",
    query=SeriesQuery,
    response=DrawingSeries,
    csv=True,
)
def drawings(req: Request, query: SeriesQuery) -> DrawingSeries | Response:
    """Participation, tickets per participant and free entries of the drawings held."""
    return _series(analytics.drawings(req.platform, query), query, "drawings")
