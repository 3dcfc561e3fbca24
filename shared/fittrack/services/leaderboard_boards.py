"""The Redis copy of the leaderboards: keys, rebuilds, the refresh job, ingest updates.

Each board (one window x one scope) is a sorted set `lb:v1:{period}:{key}:{scope}`
scored as `domain.leaderboard` describes, plus a SENTINEL member (score -1, below
everyone) written only by a full rebuild: a key without it is missing or partial,
and the next reader rebuilds it from the database. Boards live BOARD_TTL_SECONDS;
the refresh job rebuilds every current board more often than that, so a board is
never more than 15 minutes behind the database even when updates were lost, and
ingests update the boards that exist in between.
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

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


class RebuildBusy(Exception):
    """Another reader is rebuilding this board; serve this request from SQL."""


def board_key(win: rules.Window, scope: str) -> str:
    return f"{KEY_PREFIX}:{win.period}:{win.key}:{scope}"


def scopes() -> list[str]:
    return [tier.code for tier in tiers.all_tiers()] + [tiers.OPEN]


def _mapping(standings: list[rules.Standing], win: rules.Window) -> dict[str, float]:
    mapping: dict[str, float] = {rules.member(s.user_id): rules.score(s, win) for s in standings}
    mapping[rules.SENTINEL] = rules.SENTINEL_SCORE
    return mapping


def size(cache: Cache, key: str) -> int | None:
    """Members on a built board (None when it is missing or partial): the sentinel is
    last, so its position is the member count — one round trip for both answers."""
    return cache.zrevrank(key, rules.SENTINEL)


def is_built(cache: Cache, key: str) -> bool:
    return size(cache, key) is not None


def rebuild_board(cache: Cache, uow: UnitOfWork, win: rules.Window, scope: str) -> int:
    """Replace one board with the database's standings; returns its member count."""
    standings = repo.standings(uow, win, scope)
    cache.replace_sorted_set(
        board_key(win, scope), _mapping(standings, win), ttl_seconds=BOARD_TTL_SECONDS
    )
    return len(standings)


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
    """Rebuild every current board, and those about to start, from one pass over the
    database (the scheduled job)."""
    started = time.perf_counter()
    now = platform.clock()
    wins, ahead = rules.windows(now), upcoming_windows(now)
    with platform.db.unit_of_work(readonly=True) as uow:
        members = repo.all_standings(uow, wins)
    queried = time.perf_counter()
    boards: dict[tuple[rules.Window, str], dict[str, float]] = {
        (win, scope): {rules.SENTINEL: rules.SENTINEL_SCORE}
        for win in (*wins, *ahead)
        for scope in scopes()
    }
    for entry in members:
        user_id = next(iter(entry.standings.values())).user_id
        name = rules.member(user_id)
        standings = [(win, entry.standings[win.period]) for win in wins]
        standings += [(win, rules.Standing(user_id, 0, None, 0)) for win in ahead]
        for win, standing in standings:
            value = rules.score(standing, win)
            boards.setdefault((win, entry.tier_code), {rules.SENTINEL: rules.SENTINEL_SCORE})[
                name
            ] = value
            if entry.open_leaderboard:
                boards[(win, tiers.OPEN)][name] = value
    for (win, scope), mapping in boards.items():
        platform.cache.replace_sorted_set(
            board_key(win, scope), mapping, ttl_seconds=BOARD_TTL_SECONDS
        )
    done = time.perf_counter()
    return {
        "boards": len(boards),
        "members": len(members),
        "queryMs": round((queried - started) * 1000, 1),
        "writeMs": round((done - queried) * 1000, 1),
    }


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
