"""Leaderboards from the system of record: daily_points and the period totals kept
beside it (repositories/leaderboard_totals.py).

A board ("scope") is one tier or OPEN (members who opted in). Its members are the
accounts with a complete profile in that scope that are neither deleted nor
banned, including those with no points yet in the period. A member's standing in
a window (kept in leaderboard_totals): points = SUM(total_paid) over the window's days;
reached_at = the latest `first_reached_at` of a paying day (when the period total last
grew); active days.

The SQL fallback orders exactly as `domain.leaderboard.sort_key`: the reach tick is
the reach time truncated to the window's tick (a whole second, or a whole hour for
all-time; origins lie on whole ticks) and clamped to the window, compared as text.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain import leaderboard as rules
from fittrack.domain.tiers import OPEN
from fittrack.repositories import leaderboard_totals as totals

_MEMBERS = (
    " FROM user_profiles p JOIN users u ON u.user_id = p.user_id"
    " WHERE p.completed_at IS NOT NULL AND p.tier_code IS NOT NULL"
    " AND u.deleted_at IS NULL AND u.status <> :banned"
)
# Truncation to a tick, as text that sorts like the time (UTC).
_TRUNCATE = {
    ("sqlite", 1): "substr({col}, 1, 19)",
    ("sqlite", 3600): "substr({col}, 1, 13)",
    ("oracle", 1): "TO_CHAR({col}, 'YYYY-MM-DD\"T\"HH24:MI:SS')",
    ("oracle", 3600): "TO_CHAR({col}, 'YYYY-MM-DD\"T\"HH24')",
}
_TEXT_FORMAT = {1: "%Y-%m-%dT%H:%M:%S", 3600: "%Y-%m-%dT%H"}


@dataclass(frozen=True, kw_only=True)
class MemberScope:
    """What decides which boards a member is on."""

    user_id: uuid.UUID
    display_name: str | None
    tier_code: str | None  # None until the profile is complete
    open_leaderboard: bool
    on_boards: bool  # complete profile, account neither deleted nor banned


@dataclass(frozen=True)
class Ranked:
    rank: int
    standing: rules.Standing
    display_name: str


@dataclass(frozen=True)
class MemberStandings:
    """A member's standing in each window at once (the full rebuild)."""

    tier_code: str
    open_leaderboard: bool
    standings: dict[str, rules.Standing]  # by period
    user_id: uuid.UUID
    display_name: str


@dataclass(frozen=True)
class Keyset:
    """A page of a scan in user id order: the rows after `after` (from the start when
    None), at most `limit` of them. A board of a million members is read a page at a
    time, so nothing holds all of it at once."""

    after: uuid.UUID | None
    limit: int

    def sql(self, uow: UnitOfWork, column: str, params: dict[str, Any]) -> tuple[str, str]:
        """The condition (to AND into the WHERE) and the ORDER BY ... LIMIT clause."""
        params["limit"] = self.limit
        condition = ""
        if self.after is not None:
            params["after"] = ids.to_db(self.after)
            condition = f" AND {column} > :after"
        return condition, f" ORDER BY {column} {uow.dialect.limit()}"


def _scope(scope: str, params: dict[str, Any]) -> str:
    if scope == OPEN:
        params["yes"] = True
        return " AND p.open_leaderboard = :yes"
    params["scope"] = scope
    return " AND p.tier_code = :scope"


def _timestamp(value: Any) -> datetime | None:
    """MAX() of a TIMESTAMP comes back as text on SQLite."""
    if value is None or isinstance(value, datetime):
        return value
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def member_scope(uow: UnitOfWork, user_id: uuid.UUID) -> MemberScope | None:
    row = uow.query_one(
        "SELECT u.user_id, u.status, u.deleted_at, p.display_name, p.tier_code,"
        " p.open_leaderboard, p.completed_at FROM users u"
        " LEFT JOIN user_profiles p ON p.user_id = u.user_id WHERE u.user_id = :id",
        {"id": ids.to_db(user_id)},
    )
    if row is None:
        return None
    complete = row["completed_at"] is not None and row["tier_code"] is not None
    return MemberScope(
        user_id=ids.from_db(row["user_id"]),
        display_name=row["display_name"],
        tier_code=row["tier_code"] if complete else None,
        open_leaderboard=bool(row["open_leaderboard"]),
        on_boards=complete and row["deleted_at"] is None and row["status"] != "banned",
    )


def _members_sql(
    uow: UnitOfWork,
    wins: list[rules.Window],
    scope: str | None,
    params: dict[str, Any],
    user_id: uuid.UUID | None = None,
    page: Keyset | None = None,
) -> str:
    """One row per board member (every board when `scope` is None): user_id, display_name,
    tier_code, open_leaderboard and p{n}, r{n}, a{n} per window (0 / NULL without rows)."""
    params["banned"] = "banned"
    joins, columns = zip(
        *(totals.window_join(n, win, params) for n, win in enumerate(wins)), strict=True
    )
    only = ""
    if user_id is not None:
        params["user_id"] = ids.to_db(user_id)
        only = " AND p.user_id = :user_id"
    users, after, order = " JOIN users u ON u.user_id = p.user_id", "", ""
    if page is not None:
        # A page must walk user_profiles in key order. SQLite's planner would start from
        # users (ix_users_deleted_at) and sort every member for each page; a CROSS JOIN
        # keeps its left table outermost there, and is an inner join like any other to
        # Oracle.
        users = " CROSS JOIN users u"
        after, order = page.sql(uow, "p.user_id", params)
        after += " AND u.user_id = p.user_id"
    return (
        f"SELECT p.user_id, p.display_name, p.tier_code, p.open_leaderboard, {', '.join(columns)}"
        f" FROM user_profiles p{users}{''.join(joins)}"
        " WHERE p.completed_at IS NOT NULL AND p.tier_code IS NOT NULL"
        f" AND u.deleted_at IS NULL AND u.status <> :banned"
        f"{_scope(scope, params) if scope else ''}{only}{after}{order}"
    )


def _board_sql(
    uow: UnitOfWork,
    win: rules.Window,
    scope: str,
    params: dict[str, Any],
    user_id: uuid.UUID | None = None,
    page: Keyset | None = None,
) -> str:
    """One row per member of one board: user_id, display_name, points, reached_at,
    active_days."""
    members = _members_sql(uow, [win], scope, params, user_id, page)
    return (
        "SELECT m.user_id, m.display_name, m.p0 AS points, m.r0 AS reached_at,"
        f" m.a0 AS active_days FROM ({members}) m"
    )


def _order_sql(uow: UnitOfWork, win: rules.Window, params: dict[str, Any]) -> str:
    """ORDER BY for rows of _board_sql (aliased b): the domain's sort_key, in SQL."""
    seconds = int(win.scale.tick.total_seconds())
    truncate = _TRUNCATE[(uow.dialect.name, seconds)].format(col="b.reached_at")
    text = _TEXT_FORMAT[seconds]
    params.update(
        lo=win.origin,
        lo_key=win.origin.strftime(text),
        hi=win.latest_tick_start,
        hi_key=win.latest_tick_start.strftime(text),
    )
    reach = (
        f"CASE WHEN b.reached_at IS NULL OR b.reached_at < :lo THEN :lo_key"
        f" WHEN b.reached_at >= :hi THEN :hi_key ELSE {truncate} END"
    )
    return f"b.points DESC, {reach} ASC, b.active_days DESC, b.user_id ASC"


def _standing(row: dict[str, Any]) -> rules.Standing:
    return rules.Standing(
        ids.from_db(row["user_id"]),
        int(row["points"]),
        _timestamp(row["reached_at"]),
        int(row["active_days"]),
    )


def standings(
    uow: UnitOfWork,
    win: rules.Window,
    scope: str,
    user_id: uuid.UUID | None = None,
    page: Keyset | None = None,
) -> list[rules.Standing]:
    """The members of a board (or just `user_id`) with their standing: all of them
    unordered, or one `page` in user id order."""
    params: dict[str, Any] = {}
    sql = _board_sql(uow, win, scope, params, user_id, page)
    return [_standing(row) for row in uow.query(sql, params)]


@dataclass(frozen=True)
class RankedSlice:
    total: int  # members on the board
    my_rank: int | None  # the asked-for member's rank (None: not on the board)
    rows: list[Ranked]


_COLUMNS = "user_id, display_name, points, reached_at, active_days, rnk, total"


def _ranked_sql(uow: UnitOfWork, win: rules.Window, scope: str, params: dict[str, Any]) -> str:
    """Every board member with rank (ROW_NUMBER in board order) and board size."""
    board = _board_sql(uow, win, scope, params)
    return (
        f"SELECT b.user_id, b.display_name, b.points, b.reached_at, b.active_days,"
        f" ROW_NUMBER() OVER (ORDER BY {_order_sql(uow, win, params)}) AS rnk,"
        f" COUNT(*) OVER () AS total FROM ({board}) b"
    )


def _slice(
    uow: UnitOfWork,
    scope: str,
    *,
    rows: list[dict[str, Any]],
    user_id: uuid.UUID | None,
    wanted: Any,
) -> RankedSlice:
    me = ids.to_db(user_id) if user_id is not None else None
    ranked = [Ranked(int(r["rnk"]), _standing(r), r["display_name"] or "") for r in rows]
    mine = next((int(r["rnk"]) for r in rows if me is not None and bytes(r["user_id"]) == me), None)
    total = int(rows[0]["total"]) if rows else count(uow, scope)
    return RankedSlice(total, mine, [r for r in ranked if wanted(r.rank)])


def ranked_page(
    uow: UnitOfWork,
    win: rules.Window,
    *,
    scope: str,
    offset: int,
    limit: int,
    user_id: uuid.UUID | None = None,
) -> RankedSlice:
    """Ranks offset+1 .. offset+limit and `user_id`'s rank, ordered in SQL in one pass
    (the fallback when Redis is away)."""
    params: dict[str, Any] = {
        "after": offset,
        "upto": offset + limit,
        "me": ids.to_db(user_id) if user_id else b"",
    }
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM ({_ranked_sql(uow, win, scope, params)}) r"
        " WHERE (r.rnk > :after AND r.rnk <= :upto) OR r.user_id = :me ORDER BY r.rnk",
        params,
    )
    return _slice(
        uow, scope, rows=rows, user_id=user_id, wanted=lambda rank: offset < rank <= offset + limit
    )


def ranked_around(
    uow: UnitOfWork, win: rules.Window, *, scope: str, user_id: uuid.UUID, radius: int
) -> RankedSlice:
    """The member's rank with up to `radius` members either side (two passes: a CTE
    joined to itself is not materialised everywhere, and recomputing it per row is not
    an option)."""
    rank = ranked_page(uow, win, scope=scope, offset=0, limit=0, user_id=user_id).my_rank
    if rank is None:
        return RankedSlice(count(uow, scope), None, [])
    start = max(rank - 1 - radius, 0)
    return ranked_page(
        uow, win, scope=scope, offset=start, limit=rank + radius - start, user_id=user_id
    )


def page(
    uow: UnitOfWork, win: rules.Window, *, scope: str, offset: int, limit: int
) -> list[Ranked]:
    """Ranks offset+1 .. offset+limit, ordered in SQL."""
    return ranked_page(uow, win, scope=scope, offset=offset, limit=limit).rows


def rank_of(uow: UnitOfWork, win: rules.Window, scope: str, user_id: uuid.UUID) -> int | None:
    """The member's 1-based rank on the board (None when not on it)."""
    return ranked_page(uow, win, scope=scope, offset=0, limit=0, user_id=user_id).my_rank


def count(uow: UnitOfWork, scope: str) -> int:
    """How many members the board has (the tier's member count)."""
    params: dict[str, Any] = {"banned": "banned"}
    return int(uow.scalar(f"SELECT COUNT(*) AS n{_MEMBERS}{_scope(scope, params)}", params))


def display_names(uow: UnitOfWork, user_hexes: list[str]) -> dict[str, str]:
    """Display names by the user ids' 32 hex digits."""
    if not user_hexes:
        return {}
    binds = {f"u{n}": bytes.fromhex(h) for n, h in enumerate(user_hexes)}
    rows = uow.query(
        "SELECT user_id, display_name FROM user_profiles"
        f" WHERE user_id IN ({', '.join(':' + name for name in binds)})",
        binds,
    )
    return {bytes(r["user_id"]).hex(): r["display_name"] or "" for r in rows}


def all_standings(
    uow: UnitOfWork,
    wins: list[rules.Window],
    user_id: uuid.UUID | None = None,
    page: Keyset | None = None,
) -> list[MemberStandings]:
    """Every board member's standing in every window (or just `user_id`'s, or one `page`
    of members in user id order), one query."""
    params: dict[str, Any] = {}
    rows = uow.query(_members_sql(uow, wins, None, params, user_id, page), params)
    parsed: dict[Any, datetime | None] = {}  # a member's windows often share the reach time

    def reached(value: Any) -> datetime | None:
        if value not in parsed:
            parsed[value] = _timestamp(value)
        return parsed[value]

    result = []
    for row in rows:
        member = ids.from_db(row["user_id"])
        result.append(
            MemberStandings(
                row["tier_code"],
                bool(row["open_leaderboard"]),
                {
                    win.period: rules.Standing(
                        member, int(row[f"p{n}"]), reached(row[f"r{n}"]), int(row[f"a{n}"])
                    )
                    for n, win in enumerate(wins)
                },
                member,
                row["display_name"] or "",
            )
        )
    return result
