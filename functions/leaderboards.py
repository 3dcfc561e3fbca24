"""Leaderboards per tier and period, and the job that keeps their Redis copy fresh."""

from __future__ import annotations

from fittrack.http.jobs import Job
from fittrack.http.registry import function
from fittrack.http.request import Request
from fittrack.schemas.leaderboards import (
    LeaderboardQuery,
    LeaderboardView,
    MyPositionQuery,
    MyPositionView,
)
from fittrack.services import leaderboard_boards, leaderboards


@function(
    "leaderboards.get",
    http=("GET", "/leaderboards/{period}"),
    query=LeaderboardQuery,
    response=LeaderboardView,
    memory=256,
    timeout=10,
)
def get_board(req: Request, query: LeaderboardQuery) -> LeaderboardView:
    """A page of a leaderboard (daily|weekly|monthly|alltime) for a tier or OPEN."""
    return leaderboards.get_board(
        req.platform, req.user, req.path_params["period"], query.tier, query.page, query.limit
    )


@function(
    "leaderboards.me",
    http=("GET", "/leaderboards/{period}/me"),
    query=MyPositionQuery,
    response=MyPositionView,
    memory=256,
    timeout=10,
)
def my_position(req: Request, query: MyPositionQuery) -> MyPositionView:
    """My rank on a leaderboard with the 10 members either side."""
    return leaderboards.get_my_position(
        req.platform, req.user, req.path_params["period"], query.tier
    )


@function("leaderboards.refresh", schedule="*/10 * * * *", memory=512, timeout=300)
def refresh(job: Job) -> dict:
    """Rebuild every current board in Redis from the database (every 10 minutes)."""
    return leaderboard_boards.refresh(job.platform)
