"""Leaderboards per tier and period, and the job that keeps their Redis copy fresh."""

from __future__ import annotations

from fittrack.http.jobs import Job
from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.leaderboards import (
    LeaderboardQuery,
    LeaderboardView,
    MyPositionQuery,
    MyPositionView,
)
from fittrack.services import leaderboard_boards, leaderboards

ROUTES = Routes("/leaderboards")


@function(
    "leaderboards.get",
    http=ROUTES.get("/{period}"),
    query=LeaderboardQuery,
    response=LeaderboardView,
    memory=256,
)
def get_board(req: Request, query: LeaderboardQuery) -> LeaderboardView:
    """A page of a leaderboard (daily|weekly|monthly|alltime) for a tier or OPEN."""
    return leaderboards.get_board(
        req.platform,
        req.user,
        period=req.path_params["period"],
        tier=query.tier,
        page=query.page,
        limit=query.limit,
    )


@function(
    "leaderboards.me",
    http=ROUTES.get("/{period}/me"),
    query=MyPositionQuery,
    response=MyPositionView,
    memory=256,
)
def my_position(req: Request, query: MyPositionQuery) -> MyPositionView:
    """My rank on a leaderboard with the 10 members either side."""
    return leaderboards.get_my_position(
        req.platform, req.user, req.path_params["period"], query.tier
    )


@function(
    "leaderboards.refresh",
    schedule="*/10 * * * *",
    memory=512,
)
def refresh(job: Job) -> dict:
    """Rebuild every current board in Redis from the database (every 10 minutes)."""
    return leaderboard_boards.refresh(job.platform)
