"""A member's points: balance, ledger, today's progress against the caps, streak."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.points import (
    DailyProgress,
    DailyQuery,
    PointsBalance,
    StreakView,
    TransactionList,
    TransactionsQuery,
)
from fittrack.services import points

ROUTES = Routes("/points")


@function(
    "points.balance",
    http=ROUTES.get("/balance"),
    auth="member",
    response=PointsBalance,
)
def balance(req: Request) -> PointsBalance:
    """My point balance, lifetime points and points earned today."""
    return points.balance(req.platform, req.user.user_id)


@function(
    "points.transactions",
    http=ROUTES.get("/transactions"),
    auth="member",
    query=TransactionsQuery,
    response=TransactionList,
)
def transactions(req: Request, query: TransactionsQuery) -> TransactionList:
    """My ledger, newest first (startDate/endDate program days, type; paginated)."""
    return points.transactions(req.platform, req.user.user_id, query)


@function(
    "points.daily",
    http=ROUTES.get("/daily"),
    auth="member",
    query=DailyQuery,
    response=DailyProgress,
)
def daily(req: Request, query: DailyQuery) -> DailyProgress:
    """Today's points by source against each cap (or another day with ?date=)."""
    return points.daily(req.platform, req.user.user_id, query.day)


@function(
    "points.streak",
    http=ROUTES.get("/streak"),
    auth="member",
    response=StreakView,
)
def streak(req: Request) -> StreakView:
    """My current streak of active days and the next streak bonus."""
    return points.streak(req.platform, req.user.user_id)
