"""Leaderboard reads: Redis first, the database when Redis is away.

A missing board is rebuilt from the database by the reader that finds it missing
(others, meanwhile, are answered from SQL), so flushing Redis loses nothing. When
Redis is unreachable every read is answered by the SQL fallback, which orders
exactly like the sorted sets (`domain.leaderboard`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from pydantic import TypeAdapter

from fittrack.adapters.cache import Cache, CacheUnavailable
from fittrack.db import UnitOfWork
from fittrack.domain import leaderboard as rules
from fittrack.domain import tiers
from fittrack.domain.errors import Conflict, DomainError, ErrorKind, NotFound, Unauthorized
from fittrack.repositories import leaderboards as repo
from fittrack.schemas.base import Pagination
from fittrack.schemas.leaderboards import LeaderboardView, MyPositionView, RankingEntry
from fittrack.services import leaderboard_boards as boards

if TYPE_CHECKING:
    from fittrack.domain.identity import Caller
    from fittrack.platform import Platform

NEIGHBOURS = 10
_RANKINGS = TypeAdapter(list[RankingEntry])  # a page in one call: a quarter less than one per entry
OPEN_NAME = "Open leaderboard (everyone who opted in)"


class UnknownPeriod(DomainError):
    kind = ErrorKind.INVALID
    code = "unknown-period"
    title = "Unknown leaderboard period"


class UnknownTier(NotFound):
    code = "unknown-tier"
    title = "Unknown tier"


class NoTier(Conflict):
    code = "no-tier"
    title = "No competition tier yet"


class NotOnBoard(NotFound):
    code = "not-on-leaderboard"
    title = "Not on this leaderboard"


class _Row(NamedTuple):
    rank: int
    user_hex: str  # the user id's 32 hex digits (cheaper than UUID objects on a hot path)
    points: int
    display_name: str | None = None  # None: looked up afterwards


@dataclass(frozen=True)
class _Slice:
    total: int
    my_rank: int | None
    rows: list[_Row]


def _window(period: str, platform: Platform) -> rules.Window:
    if not rules.is_period(period):
        raise UnknownPeriod(
            f"There is no {period!r} leaderboard; use one of {', '.join(rules.PERIODS)}."
        )
    return rules.window(period, platform.clock())


def _me(uow: UnitOfWork, caller: Caller) -> repo.MemberScope:
    me = repo.member_scope(uow, caller.user_id)
    if me is None:
        raise Unauthorized("This account no longer exists.")
    return me


def _scope(me: repo.MemberScope, tier: str | None) -> str:
    if tier is None or not tier.strip():
        if me.tier_code is None:
            raise NoTier(
                "Complete your profile (biological sex, fitness level and date of "
                "birth) to be placed in a competition tier, or pass ?tier=<code> or "
                "?tier=OPEN to look at another board."
            )
        return me.tier_code
    code = tier.strip().upper()
    if code != tiers.OPEN and tiers.find_tier(code) is None:
        raise UnknownTier(
            f"There is no tier {tier!r}. Tier codes look like 'M-18-29-BEG'; "
            "OPEN is the board of everyone who opted in."
        )
    return code


def _belongs(me: repo.MemberScope, scope: str) -> bool:
    if not me.on_boards:
        return False
    return me.open_leaderboard if scope == tiers.OPEN else me.tier_code == scope


def _tier_name(scope: str) -> str:
    tier = tiers.find_tier(scope)
    return tier.display_name if tier else OPEN_NAME


# ---- Redis --------------------------------------------------------------------------


def _add_me(
    cache: Cache, uow: UnitOfWork, *, key: str, win: rules.Window, scope: str, me: repo.MemberScope
) -> bool:
    """Put a member who joined since the last rebuild on the board; False when the
    database does not have them on it either."""
    found = repo.standings(uow, win, scope, me.user_id)
    if found:
        cache.zadd(key, {rules.member(me.user_id): rules.score(found[0], win)})
    return bool(found)


def _read(
    cache: Cache,
    uow: UnitOfWork,
    *,
    win: rules.Window,
    scope: str,
    me: repo.MemberScope,
    span: tuple[int, int] | None,
) -> tuple[int, int | None, list[tuple[str, float]]]:
    """The board's member count, the caller's 0-based position (None when not on it) and
    the entries of ranks span[0]..span[1] (0-based, inclusive), in one round trip when the
    board is built and the caller on it. A missing board is built first (RebuildBusy while
    another reader builds it); a member who joined since the last rebuild is put on it."""
    key = boards.board_key(win, scope)
    mine = [rules.member(me.user_id)] if _belongs(me, scope) else []

    def ask() -> tuple[list[int | None], list[tuple[str, float]]]:
        if span is None:
            return cache.zrevranks(key, [rules.SENTINEL, *mine]), []
        return cache.zrevranks_and_range(key, [rules.SENTINEL, *mine], *span)

    ranks, items = ask()
    if ranks[0] is None:  # missing or partial
        boards.ensure_board(cache, uow, win, scope)
        ranks, items = ask()
    if (
        ranks[0] is not None
        and mine
        and ranks[1] is None
        and _add_me(cache, uow, key=key, win=win, scope=scope, me=me)
    ):
        ranks, items = ask()  # the entries below the newcomer moved down one
    total = ranks[0]
    if total is None:
        raise boards.RebuildBusy(key)  # gone again at once (flushed): answered from SQL
    return total, ranks[1] if mine else None, items


def _cached_rows(items: list[tuple[str, float]], *, win: rules.Window, start: int) -> list[_Row]:
    return [
        _Row(start + n + 1, rules.user_hex(name), rules.points_of(value, win))
        for n, (name, value) in enumerate(items)
        if name != rules.SENTINEL
    ]


def _cached_page(
    cache: Cache,
    uow: UnitOfWork,
    *,
    win: rules.Window,
    scope: str,
    me: repo.MemberScope,
    offset: int,
    limit: int,
) -> _Slice:
    span = (offset, offset + limit - 1)
    total, position, items = _read(cache, uow, win=win, scope=scope, me=me, span=span)
    rows = _cached_rows(items, win=win, start=offset)
    return _Slice(total, None if position is None else position + 1, rows)


def _cached_neighbours(
    cache: Cache, uow: UnitOfWork, *, win: rules.Window, scope: str, me: repo.MemberScope
) -> _Slice:
    total, position, _ = _read(cache, uow, win=win, scope=scope, me=me, span=None)
    if position is None:
        return _Slice(total, None, [])
    start = max(position - NEIGHBOURS, 0)
    items = cache.zrevrange(boards.board_key(win, scope), start, position + NEIGHBOURS)
    return _Slice(total, position + 1, _cached_rows(items, win=win, start=start))


# ---- SQL fallback ----------------------------------------------------------------------


def _sql_slice(found: repo.RankedSlice) -> _Slice:
    rows = [
        _Row(r.rank, r.standing.user_id.hex, r.standing.points, r.display_name) for r in found.rows
    ]
    return _Slice(found.total, found.my_rank, rows)


def _sql_page(
    uow: UnitOfWork, win: rules.Window, *, scope: str, me: repo.MemberScope, offset: int, limit: int
) -> _Slice:
    mine = me.user_id if _belongs(me, scope) else None
    return _sql_slice(
        repo.ranked_page(uow, win, scope=scope, offset=offset, limit=limit, user_id=mine)
    )


def _sql_neighbours(uow: UnitOfWork, win: rules.Window, scope: str, me: repo.MemberScope) -> _Slice:
    if not _belongs(me, scope):
        return _Slice(0, None, [])
    return _sql_slice(
        repo.ranked_around(uow, win, scope=scope, user_id=me.user_id, radius=NEIGHBOURS)
    )


# ---- the use cases ---------------------------------------------------------------------


def _names(cache: Cache, uow: UnitOfWork, user_hexes: list[str]) -> dict[str, str]:
    """Display names from the hash beside the boards; the database for any it lacks
    (or all of them, when Redis went away since the board was read)."""
    try:
        found = boards.cached_names(cache, user_hexes)
    except CacheUnavailable:
        found = {}
    missing = [u for u in user_hexes if u not in found]
    return (found | repo.display_names(uow, missing)) if missing else found


def _entries(cache: Cache, uow: UnitOfWork, rows: list[_Row]) -> list[RankingEntry]:
    names = _names(cache, uow, [r.user_hex for r in rows if r.display_name is None])
    return _RANKINGS.validate_python(
        [
            {  # the id as hex: pydantic makes the UUID, fast
                "rank": r.rank,
                "user_id": r.user_hex,
                "points_earned": r.points,
                "display_name": r.display_name
                if r.display_name is not None
                else names.get(r.user_hex, ""),
            }
            for r in rows
        ]
    )


def get_board(
    platform: Platform,
    caller: Caller,
    *,
    period: str,
    tier: str | None,
    page: int = 1,
    limit: int = 20,
) -> LeaderboardView:
    """A page of a board (`tier` defaults to the caller's own; OPEN allowed)."""
    win = _window(period, platform)
    offset = (page - 1) * limit
    with platform.db.unit_of_work(readonly=True) as uow:
        me = _me(uow, caller)
        scope = _scope(me, tier)
        try:
            found = _cached_page(
                platform.cache, uow, win=win, scope=scope, me=me, offset=offset, limit=limit
            )
        except (CacheUnavailable, boards.RebuildBusy):
            found = _sql_page(uow, win, scope=scope, me=me, offset=offset, limit=limit)
        entries = _entries(platform.cache, uow, found.rows)
    return LeaderboardView(
        period=period,
        tier_code=scope,
        tier_name=_tier_name(scope),
        total_users_in_tier=found.total,
        reset_time=win.reset_at,
        user_rank=found.my_rank,
        rankings=entries,
        pagination=Pagination(
            page=page,
            limit=limit,
            total_items=found.total,
            total_pages=math.ceil(found.total / limit),
        ),
    )


def get_my_position(
    platform: Platform, caller: Caller, period: str, tier: str | None
) -> MyPositionView:
    """The caller's rank with up to NEIGHBOURS members either side."""
    win = _window(period, platform)
    with platform.db.unit_of_work(readonly=True) as uow:
        me = _me(uow, caller)
        scope = _scope(me, tier)
        if not _belongs(me, scope):
            raise NotOnBoard(_not_on_board(me, scope))
        try:
            found = _cached_neighbours(platform.cache, uow, win=win, scope=scope, me=me)
        except (CacheUnavailable, boards.RebuildBusy):
            found = _sql_neighbours(uow, win, scope, me)
        if found.my_rank is None:
            raise NotOnBoard(_not_on_board(me, scope))
        entries = _entries(platform.cache, uow, found.rows)
    mine = next((e.points_earned for e in entries if e.user_id == me.user_id), 0)
    return MyPositionView(
        period=period,
        tier_code=scope,
        tier_name=_tier_name(scope),
        total_users_in_tier=found.total,
        reset_time=win.reset_at,
        user_rank=found.my_rank,
        points_earned=mine,
        rankings=entries,
    )


def _not_on_board(me: repo.MemberScope, scope: str) -> str:
    if not me.on_boards:
        return "Complete your profile to appear on the leaderboards."
    if scope == tiers.OPEN:
        return "You have not joined the OPEN leaderboard; opt in from your profile."
    return f"You compete in {me.tier_code}, not {scope}."
