"""Leaderboards on a real SQLite file and a real Redis.

Redis and the SQL fallback must give the same pages, both in the reference order;
flushing Redis loses nothing; ingests move members on the boards in between
refreshes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fittrack.config import Settings
from fittrack.db import Database, UnitOfWork, ids
from fittrack.domain import leaderboard as rules
from fittrack.domain import tiers
from fittrack.domain.activities import Activity
from fittrack.domain.identity import Caller
from fittrack.platform import Platform
from fittrack.repositories import leaderboard_totals, users
from fittrack.repositories import leaderboards as repo
from fittrack.repositories import profiles as profile_repo
from fittrack.schemas.users import ProfileUpdate
from fittrack.services import (
    admin_users,
    ingest,
    leaderboard_boards,
    leaderboards,
    privacy,
    profiles,
)
from tests.fixtures.db import sqlite_url
from tests.unit.test_leaderboard_order import reference

NOW = datetime(2026, 3, 14, 15, 9, 26, tzinfo=UTC)  # Saturday, 11:09 EDT
TIERS = ("F-30-39-INT", "M-18-29-BEG")
T0 = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


@dataclass
class Day:
    day: date
    points: int
    active: bool
    reached_at: datetime


@dataclass
class Member:
    user_id: uuid.UUID
    tier: str
    open: bool
    days: list[Day]


def make_platform(tmp_path: Path, redis_url: str) -> Platform:
    settings = Settings(
        home=tmp_path, database_url=sqlite_url(tmp_path / "test.db"), redis_url=redis_url
    )
    return Platform(settings, clock=lambda: NOW)


@pytest.fixture
def platform(database: Database, tmp_path: Path, redis_url: str) -> Iterator[Platform]:
    platform = make_platform(tmp_path, redis_url)
    yield platform
    platform.close()


@pytest.fixture
def no_redis(database: Database, tmp_path: Path) -> Iterator[Platform]:
    """The same database with Redis unreachable (nothing listens on port 1)."""
    platform = make_platform(tmp_path, "redis://127.0.0.1:1/0")
    yield platform
    platform.close()


def add_member(
    uow: UnitOfWork, tier: str, open_board: bool = False, status: str = "active"
) -> uuid.UUID:
    tier_info = tiers.find_tier(tier)
    assert tier_info is not None
    user_id = users.insert(
        uow,
        users.NewUser(
            email=f"{uuid.uuid4().hex}@example.com",
            password_hash=None,
            date_of_birth=date(1990, 1, 1),
            state_of_residence="CA",
            terms_version="v1",
            rules_version="v1",
            status=status,
            email_verified_at=NOW,
        ),
        NOW,
    )
    profile_repo.save(
        uow,
        user_id,
        profile_repo.Profile(
            display_name=f"M {user_id.hex[-16:]}",
            biological_sex=tier_info.sex,
            fitness_level=tier_info.fitness_level,
            age_bracket=tier_info.age_bracket,
            tier_code=tier,
            open_leaderboard=open_board,
            completed_at=NOW - timedelta(days=60),
        ),
        NOW,
    )
    return user_id


def add_days(uow: UnitOfWork, user_id: uuid.UUID, days: list[Day]) -> None:
    uow.executemany(
        "INSERT INTO daily_points (user_id, program_day, steps_points, total_paid, active_day,"
        " first_reached_at, updated_at) VALUES (:u, :d, :p, :p, :a, :r, :r)",
        [
            {"u": ids.to_db(user_id), "d": d.day, "p": d.points, "a": d.active, "r": d.reached_at}
            for d in days
        ],
    )
    leaderboard_totals.recount(uow, user_id, [d.day for d in days])


def insert(db: Database, members: list[Member]) -> None:
    with db.unit_of_work() as uow:
        uow.execute("DELETE FROM daily_points")
        uow.execute("DELETE FROM user_profiles")
        uow.execute("DELETE FROM users")
        for member in members:
            member.user_id = add_member(uow, member.tier, member.open)
            add_days(uow, member.user_id, member.days)


def expected(members: list[Member], win: rules.Window, scope: str) -> list[uuid.UUID]:
    standings = []
    for m in members:
        if not (m.open if scope == tiers.OPEN else m.tier == scope):
            continue
        days = [d for d in m.days if win.contains(d.day)]
        paying = [d.reached_at for d in days if d.points > 0]
        standings.append(
            rules.Standing(
                m.user_id,
                sum(d.points for d in days),
                max(paying) if paying else None,
                sum(d.active for d in days),
            )
        )
    return reference(standings, win)


day_strategy = st.builds(
    Day,
    day=st.sampled_from(
        [
            date(2026, 2, 27),
            date(2026, 3, 2),
            date(2026, 3, 9),
            date(2026, 3, 13),
            date(2026, 3, 14),
        ]
    ),
    points=st.sampled_from([0, 10, 100, 440, 1000]),
    active=st.booleans(),
    reached_at=st.sampled_from(
        [
            T0,
            T0 + timedelta(microseconds=500_000),
            T0 + timedelta(seconds=1),
            T0 + timedelta(minutes=30),
            T0 + timedelta(hours=2),
            # outside some windows: clamped to their first / last tick
            T0 - timedelta(days=20),
            datetime(2025, 12, 31, 23, 30, tzinfo=UTC),
            T0 + timedelta(days=3),
        ]
    ),
)
member_strategy = st.builds(
    Member,
    user_id=st.just(uuid.UUID(int=0)),
    tier=st.sampled_from(TIERS),
    open=st.booleans(),
    days=st.lists(day_strategy, max_size=4, unique_by=lambda d: d.day),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(members=st.lists(member_strategy, min_size=1, max_size=14))
def test_redis_and_the_sql_fallback_give_the_reference_order(
    platform: Platform, no_redis: Platform, redis_url: str, members: list[Member]
) -> None:
    redis.Redis.from_url(redis_url).flushdb()
    insert(platform.db, members)
    caller = Caller(members[0].user_id, "user")
    for win in rules.windows(NOW):
        for scope in (*TIERS, tiers.OPEN):
            want = expected(members, win, scope)
            with platform.db.unit_of_work(readonly=True) as uow:
                leaderboard_boards.rebuild_board(platform.cache, uow, win, scope)
                in_sql = [
                    r.standing.user_id
                    for r in repo.page(uow, win, scope=scope, offset=0, limit=100)
                ]
            key = leaderboard_boards.board_key(win, scope)
            in_redis = [
                rules.user_of(name)
                for name, _ in platform.cache.zrevrange(key, 0, -1)
                if name != rules.SENTINEL
            ]
            assert in_redis == want
            assert in_sql == want
            fast = leaderboards.get_board(
                platform, caller, period=win.period, tier=scope, page=1, limit=100
            )
            slow = leaderboards.get_board(
                no_redis, caller, period=win.period, tier=scope, page=1, limit=100
            )
            assert fast == slow
            assert [r.user_id for r in fast.rankings] == want


def seed(db: Database, count: int = 30) -> list[uuid.UUID]:
    members = []
    with db.unit_of_work() as uow:
        for n in range(count):
            user_id = add_member(uow, TIERS[n % 2], open_board=n % 3 == 0)
            add_days(
                uow,
                user_id,
                [
                    Day(date(2026, 3, 13), (n * 37) % 400, n % 2 == 0, T0 - timedelta(hours=30)),
                    Day(
                        date(2026, 3, 14), (n * 53) % 300, n % 3 == 0, T0 + timedelta(seconds=n % 4)
                    ),
                ],
            )
            members.append(user_id)
    return members


def test_pages_ranks_and_neighbours_agree_between_redis_and_sql(
    platform: Platform, no_redis: Platform
) -> None:
    members = seed(platform.db, 60)
    me = Caller(members[4], "user")
    for period in rules.PERIODS:
        for page in (1, 2, 3):
            fast = leaderboards.get_board(
                platform, me, period=period, tier=None, page=page, limit=7
            )
            assert fast == leaderboards.get_board(
                no_redis, me, period=period, tier=None, page=page, limit=7
            )
        mine = leaderboards.get_my_position(platform, me, period, None)
        assert mine == leaderboards.get_my_position(no_redis, me, period, None)
        assert mine.total_users_in_tier == 30 and mine.tier_code == TIERS[0]
        ranks = [r.rank for r in mine.rankings]
        assert ranks == list(range(ranks[0], ranks[0] + len(ranks)))
        assert mine.user_rank in ranks and len(ranks) <= 21


def test_flushing_redis_then_reading_rebuilds_the_board(platform: Platform, redis_url: str) -> None:
    members = seed(platform.db)
    me = Caller(members[0], "user")
    before = leaderboards.get_board(platform, me, period="weekly", tier=None, page=1, limit=100)
    win = rules.window("weekly", NOW)
    key = leaderboard_boards.board_key(win, TIERS[0])
    assert leaderboard_boards.is_built(platform.cache, key)
    redis.Redis.from_url(redis_url).flushdb()
    assert not leaderboard_boards.is_built(platform.cache, key)
    assert (
        leaderboards.get_board(platform, me, period="weekly", tier=None, page=1, limit=100)
        == before
    )
    assert leaderboard_boards.is_built(platform.cache, key)


def test_a_reader_finding_the_board_being_rebuilt_is_answered_from_sql(platform: Platform) -> None:
    members = seed(platform.db)
    me = Caller(members[0], "user")
    win = rules.window("daily", NOW)
    key = leaderboard_boards.board_key(win, TIERS[0])
    platform.cache.incr(f"{key}:rebuilding", 1, ttl_seconds=60)
    view = leaderboards.get_board(platform, me, period="daily", tier=None, page=1, limit=100)
    assert not leaderboard_boards.is_built(platform.cache, key)
    assert view.total_users_in_tier == 15 and view.user_rank is not None


def test_the_refresh_job_builds_every_board_and_drops_banned_members(platform: Platform) -> None:
    members = seed(platform.db)
    summary = leaderboard_boards.refresh(platform)
    assert (summary["boards"], summary["members"]) == (4 * 31, 30)
    for win in rules.windows(NOW):
        for scope in leaderboard_boards.scopes():
            key = leaderboard_boards.board_key(win, scope)
            assert leaderboard_boards.is_built(platform.cache, key)
    with platform.db.unit_of_work() as uow:
        user = users.get(uow, members[0])
        assert user is not None
        users.change_status(uow, user, to_status="banned", reason="test", changed_by=None, now=NOW)
    leaderboard_boards.refresh(platform)
    key = leaderboard_boards.board_key(rules.window("alltime", NOW), TIERS[0])
    assert platform.cache.zcard(key) == 15  # 14 members and the sentinel
    assert platform.cache.zrevrank(key, rules.member(members[0])) is None
    open_key = leaderboard_boards.board_key(rules.window("alltime", NOW), tiers.OPEN)
    assert platform.cache.zcard(open_key) == 10 - 1 + 1  # n % 3 == 0, minus the banned one


def steps(day: date, count: int, external_id: str) -> Activity:
    start = datetime(day.year, day.month, day.day, 13, tzinfo=UTC)
    return Activity(
        activity_type="steps",
        start_time=start,
        end_time=start + timedelta(hours=1),
        duration_minutes=60,
        intensity=None,
        metrics={"steps": count},
        source="fitbit",
        external_id=external_id,
    )


def test_an_ingest_moves_the_member_on_the_built_boards(platform: Platform) -> None:
    members = seed(platform.db)
    leaderboard_boards.refresh(platform)
    me = members[0]  # 0 points today, last on its boards
    caller = Caller(me, "user")
    assert leaderboards.get_board(platform, caller, period="daily", tier=None).user_rank == 15
    result = ingest.ingest(platform, me, [steps(date(2026, 3, 14), 25_000, "day-14")])
    assert result.points_awarded == 300  # 200 for steps (capped at 20,000) + 100 goal bonus
    leaderboard_boards.apply_ingest(platform, me, result)  # idempotent when ingest did it too
    win = rules.window("daily", NOW)
    key = leaderboard_boards.board_key(win, TIERS[0])
    score = platform.cache.zscore(key, rules.member(me))
    assert score is not None and rules.points_of(score, win) == 300
    board = leaderboards.get_board(platform, caller, period="daily", tier=None)
    assert board.user_rank == 1 and board.rankings[0].points_earned == 300
    with platform.db.unit_of_work(readonly=True) as uow:
        assert repo.rank_of(uow, win, TIERS[0], me) == 1


def test_a_ban_and_a_profile_change_move_the_member_on_the_boards_at_once(
    platform: Platform,
) -> None:
    """No waiting for the next rebuild: the services resync the member after they commit."""
    members = seed(platform.db)
    leaderboard_boards.refresh(platform)
    banned, moved = members[0], members[3]  # members[3]: TIERS[1] and OPEN
    with platform.db.unit_of_work() as uow:
        admin_id = add_member(uow, TIERS[0])
        uow.execute(
            "UPDATE users SET role = 'admin' WHERE user_id = :id", {"id": ids.to_db(admin_id)}
        )
    admin_users.change_status(
        platform, Caller(admin_id, "admin"), banned, status="banned", reason="cheating"
    )
    profiles.update_profile(
        platform,
        Caller(moved, "user"),
        ProfileUpdate(
            display_name="Moved Member", biological_sex="male", fitness_level="intermediate"
        ),
    )
    for win in rules.windows(NOW):

        def on(scope: str, member: uuid.UUID, win: rules.Window = win) -> bool:
            key = leaderboard_boards.board_key(win, scope)
            return platform.cache.zrevrank(key, rules.member(member)) is not None

        assert not any(on(scope, banned) for scope in leaderboard_boards.scopes())
        assert not on(TIERS[1], moved) and not on(tiers.OPEN, moved)
        assert on("M-30-39-INT", moved)  # 36 years old, male, intermediate
        with platform.db.unit_of_work(readonly=True) as uow:
            assert repo.rank_of(uow, win, "M-30-39-INT", moved) == 1


def test_boards_about_to_start_are_built_ahead_with_everyone_at_zero(
    database: Database, tmp_path: Path, redis_url: str
) -> None:
    """Sunday 23:55 ET: the refresh builds Monday's day and week too, so the first reader
    after midnight finds them built (no rebuild on a member's request)."""
    members = seed(database)
    sunday_night = datetime(2026, 3, 16, 3, 55, tzinfo=UTC)  # 23:55 EDT on the 15th
    settings = Settings(
        home=tmp_path, database_url=sqlite_url(tmp_path / "test.db"), redis_url=redis_url
    )
    late = Platform(settings, clock=lambda: sunday_night)
    try:
        summary = leaderboard_boards.refresh(late)
        ahead = leaderboard_boards.upcoming_windows(sunday_night)
        assert {(win.period, win.key) for win in ahead} == {
            ("daily", "2026-03-16"),
            ("weekly", "2026-03-16"),
        }
        assert summary["boards"] == (4 + 2) * 31
        for win in ahead:
            key = leaderboard_boards.board_key(win, TIERS[0])
            board = late.cache.zrevrange(key, 0, -1)
            assert len(board) == 15 + 1  # the tier's members and the sentinel
            assert all(
                rules.points_of(score, win) == 0 for name, score in board if name != rules.SENTINEL
            )
        monday = datetime(2026, 3, 16, 4, 1, tzinfo=UTC)
        on_monday = Platform(settings, clock=lambda: monday)
        try:
            view = leaderboards.get_board(
                on_monday, Caller(members[0], "user"), period="weekly", tier=None
            )
            assert view.user_rank is not None and view.rankings[0].points_earned == 0
        finally:
            on_monday.close()
    finally:
        late.close()


def names_in_redis(platform: Platform, members: list[uuid.UUID]) -> list[str | None]:
    return platform.cache.hmget(leaderboard_boards.names_key(), [m.hex for m in members])


def display_name(platform: Platform, member: uuid.UUID) -> str:
    with platform.db.unit_of_work(readonly=True) as uow:
        found = repo.member_scope(uow, member)
    assert found is not None and found.display_name is not None
    return found.display_name


def test_the_refresh_writes_every_members_name_beside_the_boards(
    platform: Platform, redis_url: str
) -> None:
    members = seed(platform.db)
    leaderboard_boards.refresh(platform)
    assert names_in_redis(platform, members) == [display_name(platform, m) for m in members]
    client = redis.Redis.from_url(redis_url)
    assert 0 < client.ttl(leaderboard_boards.names_key()) <= leaderboard_boards.BOARD_TTL_SECONDS
    assert list(client.scan_iter("*:staging:*")) == []  # every staged key was swapped in


def test_a_page_takes_its_names_from_redis_and_the_database_for_any_it_lacks(
    platform: Platform, no_redis: Platform, redis_url: str
) -> None:
    members = seed(platform.db)
    leaderboard_boards.refresh(platform)
    me = Caller(members[0], "user")

    def page(on: Platform) -> list[str]:
        view = leaderboards.get_board(on, me, period="weekly", tier=None, page=1, limit=100)
        return [r.display_name for r in view.rankings]

    from_sql = page(no_redis)
    assert page(platform) == from_sql and len(from_sql) == 15
    client = redis.Redis.from_url(redis_url)
    client.hset(leaderboard_boards.names_key(), members[0].hex, "Only In Redis")
    assert "Only In Redis" in page(platform)  # the names hash is what the page shows
    client.hdel(leaderboard_boards.names_key(), members[0].hex, members[2].hex)
    assert page(platform) == from_sql  # the two it lacks come from the database
    client.delete(leaderboard_boards.names_key())
    assert page(platform) == from_sql
    mine = leaderboards.get_my_position(platform, me, "weekly", None)
    assert mine == leaderboards.get_my_position(no_redis, me, "weekly", None)


def test_a_rename_shows_on_the_boards_at_once(platform: Platform, no_redis: Platform) -> None:
    members = seed(platform.db)
    leaderboard_boards.refresh(platform)
    renamed = members[2]  # TIERS[0] (female, intermediate, born 1990), not on OPEN
    caller = Caller(renamed, "user")
    before = leaderboards.get_board(platform, caller, period="daily", tier=None, limit=100)
    assert display_name(platform, renamed) in [r.display_name for r in before.rankings]
    profiles.update_profile(
        platform,
        caller,
        ProfileUpdate(
            display_name="Renamed Member", biological_sex="female", fitness_level="intermediate"
        ),
    )
    assert names_in_redis(platform, [renamed]) == ["Renamed Member"]
    for period in rules.PERIODS:
        after = leaderboards.get_board(platform, caller, period=period, tier=None, limit=100)
        assert after == leaderboards.get_board(
            no_redis, caller, period=period, tier=None, limit=100
        )
        assert "Renamed Member" in [r.display_name for r in after.rankings]


def test_banned_and_deleted_members_leave_the_names_and_a_reinstated_one_returns(
    platform: Platform,
) -> None:
    members = seed(platform.db)
    leaderboard_boards.refresh(platform)
    banned, deleted = members[0], members[1]
    with platform.db.unit_of_work() as uow:
        admin_id = add_member(uow, TIERS[0])
        uow.execute(
            "UPDATE users SET role = 'admin' WHERE user_id = :id", {"id": ids.to_db(admin_id)}
        )
    admin = Caller(admin_id, "admin")
    name = display_name(platform, banned)
    admin_users.change_status(platform, admin, banned, status="banned", reason="cheating")
    privacy.delete_account(platform, Caller(deleted, "user"))
    assert names_in_redis(platform, [banned, deleted]) == [None, None]
    admin_users.change_status(platform, admin, banned, status="active", reason="appeal upheld")
    assert names_in_redis(platform, [banned, deleted]) == [name, None]


@pytest.mark.parametrize("page_rows", [7, 10, 1000])
def test_builds_read_the_members_a_page_at_a_time(
    platform: Platform, no_redis: Platform, monkeypatch: pytest.MonkeyPatch, page_rows: int
) -> None:
    """Short pages, pages that end exactly with the last member, one page for all: the
    same boards (the refresh's and a reader's rebuild), equal to the SQL fallback's."""
    members = seed(platform.db)
    monkeypatch.setattr(leaderboard_boards, "PAGE_ROWS", page_rows)
    summary = leaderboard_boards.refresh(platform)
    assert (summary["boards"], summary["members"]) == (4 * 31, 30)
    me = Caller(members[0], "user")  # TIERS[0] and OPEN

    def boards(on: Platform) -> list[leaderboards.LeaderboardView]:
        return [
            leaderboards.get_board(on, me, period=period, tier=scope, limit=100)
            for period in rules.PERIODS
            for scope in (*TIERS, tiers.OPEN)
        ]

    from_sql = boards(no_redis)
    assert boards(platform) == from_sql
    assert names_in_redis(platform, members) == [display_name(platform, m) for m in members]
    for win in rules.windows(NOW):
        with platform.db.unit_of_work(readonly=True) as uow:
            built = leaderboard_boards.rebuild_board(platform.cache, uow, win, TIERS[1])
        assert built == 15
    assert boards(platform) == from_sql


def test_a_member_who_joined_since_the_last_rebuild_is_put_on_the_page(
    platform: Platform, no_redis: Platform
) -> None:
    seed(platform.db)
    leaderboard_boards.refresh(platform)
    with platform.db.unit_of_work() as uow:
        newcomer = add_member(uow, TIERS[0])
        add_days(uow, newcomer, [Day(date(2026, 3, 14), 1000, True, T0)])
    me = Caller(newcomer, "user")
    view = leaderboards.get_board(platform, me, period="daily", tier=None, limit=5)
    assert (view.user_rank, view.total_users_in_tier) == (1, 16)
    assert view.rankings[0].user_id == newcomer and len(view.rankings) == 5
    assert view == leaderboards.get_board(no_redis, me, period="daily", tier=None, limit=5)
