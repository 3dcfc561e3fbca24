"""The Redis copy of the leaderboards: keys, rebuilds, the refresh job, ingest updates.

Each board (one window x one scope) is a sorted set `lb:v1:{period}:{key}:{scope}`
scored as `domain.leaderboard` describes, plus a SENTINEL member (score -1, below
everyone) written only by a full rebuild: a key without it is missing or partial,
and the next reader rebuilds it from the database. Boards live BOARD_TTL_SECONDS;
the refresh job rebuilds every current board more often than that, so a board is
never more than 15 minutes behind the database even when updates were lost, and
ingests update the boards that exist in between.

Beside the boards, the hash `lb:v1:names` holds every board member's display name by
user id (hex), so a page needs no database query for its names. The refresh writes it
whole with the boards, and `resync_member` (called after every change of a name, tier,
status or account) puts one member's name in or takes it out. A name it lacks is read
from the database.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from fittrack import log
from fittrack.adapters.cache import Cache, CacheUnavailable
from fittrack.db import UnitOfWork
from fittrack.domain import leaderboard as rules
from fittrack.domain import tiers
from fittrack.repositories import leaderboards as repo

if TYPE_CHECKING:
    from fittrack.domain.settlement import IngestResult
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.leaderboards")

BOARD_TTL_SECONDS = 14 * 60  # < 15 minutes; the refresh job runs every 10
REFRESH_INTERVAL = timedelta(minutes=10)  # functions/leaderboards.py's schedule
REBUILD_LOCK_SECONDS = 60
KEY_PREFIX = "lb:v1"
# Members read per query by a build: at a million members, holding every standing at
# once took 1.7 GB, more than the refresh function's 512 MB.
PAGE_ROWS = 10_000

_Row = TypeVar("_Row")


class RebuildBusy(Exception):
    """Another reader is rebuilding this board; serve this request from SQL."""


def board_key(win: rules.Window, scope: str) -> str:
    return f"{KEY_PREFIX}:{win.period}:{win.key}:{scope}"


def names_key() -> str:
    return f"{KEY_PREFIX}:names"


def scopes() -> list[str]:
    return [tier.code for tier in tiers.all_tiers()] + [tiers.OPEN]


def _pages(
    fetch: Callable[[repo.Keyset], list[_Row]], user_of: Callable[[_Row], uuid.UUID]
) -> Iterator[list[_Row]]:
    """Every row, PAGE_ROWS at a time in user id order."""
    page = repo.Keyset(None, PAGE_ROWS)
    while rows := fetch(page):
        yield rows
        if len(rows) < PAGE_ROWS:
            return
        page = repo.Keyset(user_of(rows[-1]), PAGE_ROWS)


def cached_names(cache: Cache, user_hexes: list[str]) -> dict[str, str]:
    """The display names the names hash has, by user id (hex)."""
    if not user_hexes:
        return {}
    found = cache.hmget(names_key(), user_hexes)
    return {u: name for u, name in zip(user_hexes, found, strict=True) if name is not None}


def size(cache: Cache, key: str) -> int | None:
    """Members on a built board (None when it is missing or partial): the sentinel is
    last, so its position is the member count — one round trip for both answers."""
    return cache.zrevrank(key, rules.SENTINEL)


def is_built(cache: Cache, key: str) -> bool:
    return size(cache, key) is not None


def rebuild_board(cache: Cache, uow: UnitOfWork, win: rules.Window, scope: str) -> int:
    """Replace one board with the database's standings; returns its member count."""
    key, members = board_key(win, scope), 0
    with cache.replacing(BOARD_TTL_SECONDS) as staged:
        staged.zadd(key, {rules.SENTINEL: rules.SENTINEL_SCORE})
        for page in _pages(
            lambda keyset: repo.standings(uow, win, scope, page=keyset), lambda s: s.user_id
        ):
            staged.zadd(key, {rules.member(s.user_id): rules.score(s, win) for s in page})
            members += len(page)
    return members


def ensure_board(cache: Cache, uow: UnitOfWork, win: rules.Window, scope: str) -> tuple[str, int]:
    """The key of a complete board and its member count, rebuilding it when missing.
    Raises RebuildBusy when another reader is rebuilding it (CacheUnavailable when
    Redis is away)."""
    key = board_key(win, scope)
    members = size(cache, key)
    if members is not None:
        return key, members
    lock = f"{key}:rebuilding"
    if cache.incr(lock, 1, ttl_seconds=REBUILD_LOCK_SECONDS) != 1:
        raise RebuildBusy(key)
    try:
        members = rebuild_board(cache, uow, win, scope)
    finally:
        cache.delete(lock)
    return key, members


def put_member(cache: Cache, win: rules.Window, scope: str, standing: rules.Standing) -> bool:
    """Write one member's standing into a built board; False when the board is not built
    (the next reader or refresh builds it whole, with this member in it)."""
    key = board_key(win, scope)
    if not is_built(cache, key):
        return False
    cache.zadd(key, {rules.member(standing.user_id): rules.score(standing, win)})
    return True


def sync_member(
    platform: Platform, uow: UnitOfWork, user_id: uuid.UUID, wins: list[rules.Window]
) -> int:
    """Put the member's current standings (from the database) on their built boards."""
    found = repo.all_standings(uow, wins, user_id) if wins else []
    if not found:
        return 0
    entry = found[0]
    names = [entry.tier_code] + ([tiers.OPEN] if entry.open_leaderboard else [])
    return sum(
        put_member(platform.cache, win, name, entry.standings[win.period])
        for win in wins
        for name in names
    )


def resync_member(platform: Platform, user_id: uuid.UUID) -> int:
    """Put the member where they now belong on every current board, at their standing:
    off the boards they left (tier change, opt-out, ban, deletion), on the ones they
    joined. Called after a profile or status change commits, so the boards follow at
    once rather than at the next rebuild. Best effort; returns the boards changed."""
    wins = rules.windows(platform.clock())
    try:
        with platform.db.unit_of_work(readonly=True) as uow:
            scope = repo.member_scope(uow, user_id)
            on_boards = scope is not None and scope.on_boards
            found = repo.all_standings(uow, wins, user_id) if on_boards else []
        return _place(platform.cache, user_id, wins, found[0] if found else None)
    except CacheUnavailable:
        logger.warning("boards not updated after a member change: cache unavailable")
        return 0


def _place(
    cache: Cache, user_id: uuid.UUID, wins: list[rules.Window], entry: repo.MemberStandings | None
) -> int:
    member = rules.member(user_id)
    belongs = set()
    if entry is not None:
        belongs = {entry.tier_code} | ({tiers.OPEN} if entry.open_leaderboard else set())
        names = {user_id.hex: entry.display_name}
        cache.hset(names_key(), names, ttl_seconds=BOARD_TTL_SECONDS)
    else:
        cache.hdel(names_key(), user_id.hex)
    changed = 0
    for win in wins:
        for scope in scopes():
            if entry is not None and scope in belongs:
                changed += put_member(cache, win, scope, entry.standings[win.period])
            else:
                changed += cache.zrem(board_key(win, scope), member)
    return changed


def remove_member(platform: Platform, user_id: uuid.UUID) -> int:
    """Take a deleted account off every current board now (its standings are gone)."""
    return resync_member(platform, user_id)


def upcoming_windows(now: datetime) -> list[rules.Window]:
    """The windows that start before the next refresh runs: built ahead (every member at
    zero), so the first reader after a reset never has to build a board."""
    current = {(win.period, win.key) for win in rules.windows(now)}
    later = rules.windows(now + REFRESH_INTERVAL)
    return [win for win in later if (win.period, win.key) not in current]


def refresh(platform: Platform) -> dict:
    """Rebuild every current board, those about to start, and the names beside them (the
    scheduled job). One pass over the members per period, a page at a time, each page
    going straight to that period's staged boards: the job's memory stays flat however
    many members there are, and Redis holds at most one period's boards twice (the live
    copy and the one being staged)."""
    started = time.perf_counter()
    now = platform.clock()
    ahead = upcoming_windows(now)
    boards = members = 0
    querying = 0.0
    for n, win in enumerate(rules.windows(now)):
        starting = [later for later in ahead if later.period == win.period]
        built, members, queried = _rebuild_period(platform, win, starting, names=n == 0)
        boards, querying = boards + built, querying + queried
    return {
        "boards": boards,
        "members": members,
        "queryMs": round(querying * 1000, 1),
        "writeMs": round((time.perf_counter() - started - querying) * 1000, 1),
    }


def _rebuild_period(
    platform: Platform, win: rules.Window, starting: list[rules.Window], *, names: bool
) -> tuple[int, int, float]:
    """One period's boards (the current window's and those `starting`) and, with `names`,
    the names hash; returns the boards and members written and the seconds spent
    querying. Each page of members is read in its own read-only unit of work."""
    querying = 0.0

    def fetch(keyset: repo.Keyset) -> list[repo.MemberStandings]:
        nonlocal querying
        began = time.perf_counter()
        with platform.db.unit_of_work(readonly=True) as uow:
            found = repo.all_standings(uow, [win], page=keyset)
        querying += time.perf_counter() - began
        return found

    keys = {board_key(w, scope) for w in (win, *starting) for scope in scopes()}
    members = 0
    with platform.cache.replacing(BOARD_TTL_SECONDS) as staged:
        for key in keys:
            staged.zadd(key, {rules.SENTINEL: rules.SENTINEL_SCORE})
        if names:
            staged.hset(names_key(), {})  # no members: no names either
        for page in _pages(fetch, lambda entry: entry.user_id):
            for key, mapping in _page_boards(page, win, starting).items():
                staged.zadd(key, mapping)
                keys.add(key)
            if names:
                staged.hset(names_key(), {e.user_id.hex: e.display_name for e in page})
            members += len(page)
    return len(keys), members, querying


def _page_boards(
    page: list[repo.MemberStandings], win: rules.Window, starting: list[rules.Window]
) -> dict[str, dict[str, float]]:
    """One page of members as board entries, by board key: their standing in `win`, and
    zero in the windows `starting`."""
    boards: dict[str, dict[str, float]] = {}
    for entry in page:
        name = rules.member(entry.user_id)
        standings = [(win, entry.standings[win.period])]
        standings += [(later, rules.Standing(entry.user_id, 0, None, 0)) for later in starting]
        for at, standing in standings:
            value = rules.score(standing, at)
            boards.setdefault(board_key(at, entry.tier_code), {})[name] = value
            if entry.open_leaderboard:
                boards.setdefault(board_key(at, tiers.OPEN), {})[name] = value
    return boards


def apply_ingest(platform: Platform, user_id: uuid.UUID, result: IngestResult) -> int:
    """After an ingest committed: move the member on the current boards its newly paid
    days belong to. Best effort (the refresh job repairs anything missed); returns how
    many boards were updated."""
    paid = [day.program_day for day in result.paid_days]
    if not paid:
        return 0
    uid = user_id
    wins = [
        win for win in rules.windows(platform.clock()) if any(win.contains(day) for day in paid)
    ]
    try:
        with platform.db.unit_of_work(readonly=True) as uow:
            return sync_member(platform, uow, uid, wins)
    except CacheUnavailable:
        logger.warning(
            "leaderboards not updated after an ingest: cache unavailable",
            extra={"userId": str(uid)},
        )
    except Exception:
        # The ingest has committed; a failure here must not turn it into an error.
        logger.exception("leaderboards not updated after an ingest", extra={"userId": str(uid)})
    return 0
