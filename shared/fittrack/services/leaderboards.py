"""Leaderboard reads: Redis first, the database when Redis is away.

A missing board is rebuilt from the database by the reader that finds it missing
(others, meanwhile, are answered from SQL), so flushing Redis loses nothing. When
Redis is unreachable every read is answered by the SQL fallback, which orders
exactly like the sorted sets (`domain.leaderboard`).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

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
NAME_TTL_SECONDS = 300
NAME_CACHE_SIZE = 200_000
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


def _cached_rank(
    cache: Cache, uow: UnitOfWork, *, key: str, win: rules.Window, scope: str, me: repo.MemberScope
) -> tuple[int | None, bool]:
    """The caller's 0-based position, and whether they were just added (a member who
    joined since the last rebuild is put on the board)."""
    if not _belongs(me, scope):
        return None, False
    name = rules.member(me.user_id)
    position = cache.zrevrank(key, name)
    if position is not None:
        return position, False
    found = repo.standings(uow, win, scope, me.user_id)
    if not found:
        return None, False
    cache.zadd(key, {name: rules.score(found[0], win)})
    return cache.zrevrank(key, name), True


def _cached_rows(cache: Cache, key: str, *, win: rules.Window, start: int, stop: int) -> list[_Row]:
    return [
        _Row(start + n + 1, rules.user_hex(name), rules.points_of(value, win))
        for n, (name, value) in enumerate(cache.zrevrange(key, start, stop))
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
    key, total = boards.ensure_board(cache, uow, win, scope)
    position, added = _cached_rank(cache, uow, key=key, win=win, scope=scope, me=me)
    rows = _cached_rows(cache, key, win=win, start=offset, stop=offset + limit - 1)
    return _Slice(total + added, None if position is None else position + 1, rows)


def _cached_neighbours(
    cache: Cache, uow: UnitOfWork, *, win: rules.Window, scope: str, me: repo.MemberScope
) -> _Slice:
    key, total = boards.ensure_board(cache, uow, win, scope)
    position, added = _cached_rank(cache, uow, key=key, win=win, scope=scope, me=me)
    if position is None:
        return _Slice(total, None, [])
    rows = _cached_rows(
        cache, key, win=win, start=max(position - NEIGHBOURS, 0), stop=position + NEIGHBOURS
    )
    return _Slice(total + added, position + 1, rows)


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


class _NameCache:
    """Display names by user id, kept NAME_TTL_SECONDS in this process (a renamed member
    shows the new name on the boards within that time; the boards lag more anyway)."""

    def __init__(self) -> None:
        self._names: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def lookup(self, uow: UnitOfWork, user_hexes: list[str]) -> dict[str, str]:
        now = time.monotonic()
        with self._lock:
            found = {
                u: hit[1]
                for u in user_hexes
                if (hit := self._names.get(u)) is not None and hit[0] > now
            }
        missing = [u for u in user_hexes if u not in found]
        if missing:
            fresh = repo.display_names(uow, missing)
            found.update(fresh)
            with self._lock:
                if len(self._names) + len(fresh) > NAME_CACHE_SIZE:
                    self._names.clear()
                self._names.update((u, (now + NAME_TTL_SECONDS, n)) for u, n in fresh.items())
        return found


_names = _NameCache()


def _entries(uow: UnitOfWork, rows: list[_Row]) -> list[RankingEntry]:
    names = _names.lookup(uow, [r.user_hex for r in rows if r.display_name is None])
    return [
        RankingEntry.model_validate(
            {  # the id as hex: pydantic makes the UUID, fast
                "rank": r.rank,
                "user_id": r.user_hex,
                "points_earned": r.points,
                "display_name": r.display_name
                if r.display_name is not None
                else names.get(r.user_hex, ""),
            }
        )
        for r in rows
    ]


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
        entries = _entries(uow, found.rows)
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
        entries = _entries(uow, found.rows)
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
