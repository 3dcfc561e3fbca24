"""A member's activities: list, one activity, today/week/month summary."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.activities import (
    ActivitiesQuery,
    ActivityList,
    ActivitySummary,
    ActivityView,
)
from fittrack.services import activities

ROUTES = Routes("/activities")


@function(
    "activities.list",
    http=ROUTES.get(),
    auth="member",
    query=ActivitiesQuery,
    response=ActivityList,
    memory=256,
)
def list_activities(req: Request, query: ActivitiesQuery) -> ActivityList:
    """My activities, newest first (filters startDate, endDate, type; paginated)."""
    return activities.list_activities(req.platform, req.user.user_id, query)


@function(
    "activities.summary",
    http=ROUTES.get("/summary"),
    auth="member",
    response=ActivitySummary,
    memory=256,
)
def summary(req: Request) -> ActivitySummary:
    """Today, this week and this month: steps, active minutes, workouts, points, cap, streak."""
    return activities.summary(req.platform, req.user.user_id)


@function(
    "activities.get",
    http=ROUTES.get("/{activityId}"),
    auth="member",
    response=ActivityView,
    memory=256,
)
def get_activity(req: Request) -> ActivityView:
    """One of my activities (someone else's is a 404 problem)."""
    return activities.get_activity(req.platform, req.user.user_id, req.id("activityId"))
