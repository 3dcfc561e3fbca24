"""Leaderboard standings kept per member for each week, month and all time.

Building a board used to sum each member's daily_points over the window; at a million
members the all-time board alone read every day ever paid. Now the ingest that changes
a member's days re-sums just that member's windows here (`recount`, same unit of work),
and a build reads one row per member and window (`window_join`). Daily boards need no
copy: their one day is daily_points' own row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain import leaderboard as rules

COUNTED_PERIODS = ("weekly", "monthly", "alltime")
_COLUMNS = ("period", "period_key", "user_id", "points", "reached_at", "active_days")
_KEY = ("period", "period_key", "user_id")
_REACHED = "COALESCE(d.first_reached_at, d.updated_at)"
# The key of the week (its Monday) and month a program day belongs to, per dialect.
_PERIOD_KEY = {
    ("sqlite", "weekly"): "date(d.program_day, '-' || ((CAST(strftime('%w', d.program_day)"
    " AS INTEGER) + 6) % 7) || ' days')",
    ("sqlite", "monthly"): "substr(d.program_day, 1, 7)",
    ("sqlite", "alltime"): "'all'",
    ("oracle", "weekly"): "TO_CHAR(TRUNC(d.program_day, 'IW'), 'YYYY-MM-DD')",
    ("oracle", "monthly"): "TO_CHAR(d.program_day, 'YYYY-MM')",
    ("oracle", "alltime"): "'all'",
}


def window_join(n: int, win: rules.Window, params: dict[str, Any]) -> tuple[str, str]:
    """The LEFT JOIN (on members aliased p) bringing window `n`'s standing, and its
    columns p{n}, r{n}, a{n}: points, reached at, active days (0 / NULL without rows)."""
    alias = f"w{n}"
    if win.period == "daily":
        params[f"day{n}"], params["active"] = win.first_day, True
        join = (
            f" LEFT JOIN daily_points {alias} ON {alias}.user_id = p.user_id"
            f" AND {alias}.program_day = :day{n}"
        )
        columns = (
            f"COALESCE({alias}.total_paid, 0) AS p{n}, CASE WHEN {alias}.total_paid > 0"
            f" THEN COALESCE({alias}.first_reached_at, {alias}.updated_at) END AS r{n},"
            f" CASE WHEN {alias}.active_day = :active THEN 1 ELSE 0 END AS a{n}"
        )
        return join, columns
    params[f"period{n}"], params[f"key{n}"] = win.period, win.key
    join = (
        f" LEFT JOIN leaderboard_totals {alias} ON {alias}.period = :period{n}"
        f" AND {alias}.period_key = :key{n} AND {alias}.user_id = p.user_id"
    )
    columns = (
        f"COALESCE({alias}.points, 0) AS p{n}, {alias}.reached_at AS r{n},"
        f" COALESCE({alias}.active_days, 0) AS a{n}"
    )
    return join, columns


def _sums_sql(wins: list[rules.Window], params: dict[str, Any], user_id: uuid.UUID) -> str:
    """The member's p{n}, r{n}, a{n} for each window, summed from daily_points in one pass."""
    params["active"], params["user_id"] = True, ids.to_db(user_id)
    columns = []
    for n, win in enumerate(wins):
        params[f"f{n}"], params[f"l{n}"] = win.first_day, win.last_day
        within = f"d.program_day BETWEEN :f{n} AND :l{n}"
        columns.append(
            f"COALESCE(SUM(CASE WHEN {within} THEN d.total_paid ELSE 0 END), 0) AS p{n},"
            f" MAX(CASE WHEN {within} AND d.total_paid > 0 THEN {_REACHED} END) AS r{n},"
            f" COALESCE(SUM(CASE WHEN {within} AND d.active_day = :active THEN 1 ELSE 0 END), 0)"
            f" AS a{n}"
        )
    return f"SELECT {', '.join(columns)} FROM daily_points d WHERE d.user_id = :user_id"


def _timestamp(value: Any) -> datetime | None:
    """MAX() of a TIMESTAMP comes back as text on SQLite."""
    if value is None or isinstance(value, datetime):
        return value
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def recount(uow: UnitOfWork, user_id: uuid.UUID, days: Iterable[date]) -> None:
    """Re-sum the member's week, month and all-time totals of every window one of `days`
    falls in (call it after changing those days' daily_points rows)."""
    wins = rules.windows_containing(days, COUNTED_PERIODS)
    if not wins:
        return
    params: dict[str, Any] = {}
    sums = uow.query_one(_sums_sql(wins, params, user_id), params) or {}
    rows = [
        {
            "period": win.period,
            "period_key": win.key,
            "user_id": ids.to_db(user_id),
            "points": int(sums.get(f"p{n}") or 0),
            "reached_at": _timestamp(sums.get(f"r{n}")),
            "active_days": int(sums.get(f"a{n}") or 0),
        }
        for n, win in enumerate(wins)
    ]
    uow.executemany(uow.dialect.upsert("leaderboard_totals", _COLUMNS, _KEY), rows)


def rebuild(uow: UnitOfWork) -> int:
    """Recompute every total from daily_points (data loaded around the ingest, e.g. a
    bench's generator); returns the rows written. The migration backfills the same way."""
    uow.execute("DELETE FROM leaderboard_totals")
    params = {"active": True}
    for period in COUNTED_PERIODS:
        key = _PERIOD_KEY[(uow.dialect.name, period)]
        uow.execute(
            "INSERT INTO leaderboard_totals (period, period_key, user_id, points, reached_at,"
            f" active_days) SELECT '{period}', {key}, d.user_id, SUM(d.total_paid),"
            f" MAX(CASE WHEN d.total_paid > 0 THEN {_REACHED} END),"
            " SUM(CASE WHEN d.active_day = :active THEN 1 ELSE 0 END)"
            f" FROM daily_points d GROUP BY {key}, d.user_id",
            params,
        )
    return int(uow.scalar("SELECT COUNT(*) FROM leaderboard_totals"))
