"""Leaderboards over real HTTP: members made with member_factory, points fed through
the local /_dev/activities route (the ingestion service)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from fittrack.db import ids
from fittrack.local.server import LocalPlatform
from tests.api.activity_feed import NOON, TODAY, activity, feed
from tests.api.conftest import Client
from tests.fixtures.auth import FakeClock
from tests.fixtures.members import Member, MemberFactory, run_job

TIER = "F-30-39-INT"  # member_factory's default: female, intermediate, born 1990


@pytest.fixture
def clock(fake_clock: FakeClock) -> FakeClock:
    fake_clock.now = NOON  # Wednesday 2026-03-18, 12:00 in New York
    return fake_clock


def steps(api: Client, member: Member, count: int, day: date = TODAY) -> None:
    """A steps record for `day` (10 points per 1,000, +100 from 10,000)."""
    feed(api, member.user_id, [activity("steps", day, 0, 10 * 60, f"steps-{day}", steps=count)])


def backdate_profile(local: LocalPlatform, member: Member, days: int) -> None:
    """Members earn from the day their profile was completed: let this one earn earlier."""
    with local.platform.db.unit_of_work() as uow:
        uow.execute(
            "UPDATE user_profiles SET completed_at = :at WHERE user_id = :id",
            {"at": NOON - timedelta(days=days), "id": ids.to_db(member.user_id)},
        )


def board(api: Client, member: Member, period: str = "daily", **params: Any) -> Any:
    answer = api.get(f"/api/v1/leaderboards/{period}", headers=member.headers, params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_board_ranks_my_tier_by_points_earned_in_the_period(
    api: Client, clock: FakeClock, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    ann, bo, cy = (member_factory(display_name=name) for name in ("Ann", "Bo", "Cy"))
    backdate_profile(local_platform, cy, 3)
    member_factory(display_name="Dee", fitness_level="advanced")  # another tier
    steps(api, ann, 4_000)  # 40
    steps(api, bo, 12_000)  # 220
    steps(api, cy, 7_000, TODAY - timedelta(days=1))  # yesterday: not on today's board
    today = board(api, ann)
    assert {
        k: today[k]
        for k in ("period", "tierCode", "tierName", "totalUsersInTier", "resetTime", "userRank")
    } == {
        "period": "daily",
        "tierCode": TIER,
        "tierName": "Women 30-39, Intermediate",
        "totalUsersInTier": 3,
        "resetTime": "2026-03-19T04:00:00Z",
        "userRank": 2,
    }
    assert [(r["rank"], r["displayName"], r["pointsEarned"]) for r in today["rankings"]] == [
        (1, "Bo", 220),
        (2, "Ann", 40),
        (3, "Cy", 0),
    ]
    assert today["rankings"][0]["userId"] == str(bo.user_id)
    assert today["pagination"] == {"page": 1, "limit": 20, "totalItems": 3, "totalPages": 1}
    week = board(api, cy, "weekly")
    assert [r["displayName"] for r in week["rankings"]] == ["Bo", "Cy", "Ann"]
    assert (week["userRank"], week["resetTime"]) == (2, "2026-03-23T04:00:00Z")
    assert board(api, cy, "alltime")["resetTime"] is None
    assert board(api, cy, "monthly")["resetTime"] == "2026-04-01T04:00:00Z"


def test_ties_go_to_whoever_reached_the_total_first(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    first, second = member_factory(display_name="Early"), member_factory(display_name="Late")
    steps(api, first, 5_000)
    clock.advance(timedelta(minutes=5))
    steps(api, second, 5_000)
    assert [r["displayName"] for r in board(api, second)["rankings"]] == ["Early", "Late"]


def test_an_ingest_moves_me_on_a_board_that_is_already_built(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    me, rival = member_factory(), member_factory()
    steps(api, rival, 9_000)
    assert board(api, me)["userRank"] == 2  # the board is built now
    steps(api, me, 15_000)
    after = board(api, me)
    assert after["userRank"] == 1 and after["rankings"][0]["pointsEarned"] == 250


def test_pages_and_my_position_with_ten_neighbours_either_side(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    members = [member_factory() for _ in range(30)]
    for n, member in enumerate(members):  # member n earns 10 * (n + 1): light minutes
        feed(
            api,
            member.user_id,
            [activity("active_minutes", TODAY, 8, 10 * (n + 1), f"light-{n}", "light")],
        )
    me = members[14]  # 15th best of 30 → rank 16
    page = board(api, me, limit=7, page=3)
    assert [r["rank"] for r in page["rankings"]] == list(range(15, 22))
    assert page["pagination"] == {"page": 3, "limit": 7, "totalItems": 30, "totalPages": 5}
    mine = api.get("/api/v1/leaderboards/daily/me", headers=me.headers).json()
    assert (mine["userRank"], mine["pointsEarned"], mine["totalUsersInTier"]) == (16, 150, 30)
    assert [r["rank"] for r in mine["rankings"]] == list(range(6, 27))
    top = api.get("/api/v1/leaderboards/daily/me", headers=members[-1].headers).json()
    assert [r["rank"] for r in top["rankings"]] == list(range(1, 12))


def test_the_open_board_ranks_everyone_who_opted_in(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    woman = member_factory(open_leaderboard=True)
    man = member_factory(biological_sex="male", fitness_level="advanced", open_leaderboard=True)
    shy = member_factory()
    steps(api, woman, 3_000)
    steps(api, man, 6_000)
    steps(api, shy, 20_000)
    open_board = board(api, shy, tier="open")
    assert (open_board["tierCode"], open_board["totalUsersInTier"]) == ("OPEN", 2)
    assert [r["userId"] for r in open_board["rankings"]] == [str(man.user_id), str(woman.user_id)]
    assert open_board["userRank"] is None  # shy did not opt in
    assert board(api, woman, tier="OPEN")["userRank"] == 2
    not_in = api.get("/api/v1/leaderboards/daily/me", headers=shy.headers, params={"tier": "OPEN"})
    assert not_in.status_code == 404 and "opt in" in not_in.json()["detail"]
    other_tier = board(api, shy, tier="M-30-39-ADV")
    assert other_tier["userRank"] is None and other_tier["totalUsersInTier"] == 1


def test_the_refresh_job_rebuilds_the_boards(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    me = member_factory()
    steps(api, me, 2_000)
    result = run_job("leaderboards.refresh")
    assert (result["boards"], result["members"]) == (124, 1)
    assert board(api, me)["rankings"][0]["pointsEarned"] == 20


def test_bad_requests_are_problems(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    me = member_factory()
    no_tier = member_factory(profile=False)
    yearly = api.get("/api/v1/leaderboards/yearly", headers=me.headers)
    assert yearly.status_code == 400 and yearly.json()["type"].endswith("/unknown-period")
    assert yearly.headers["Content-Type"] == "application/problem+json"
    unknown = api.get("/api/v1/leaderboards/daily", headers=me.headers, params={"tier": "X-1"})
    assert unknown.status_code == 404 and unknown.json()["type"].endswith("/unknown-tier")
    too_many = api.get("/api/v1/leaderboards/daily", headers=me.headers, params={"limit": 101})
    assert too_many.status_code == 400
    incomplete = api.get("/api/v1/leaderboards/weekly", headers=no_tier.headers)
    assert incomplete.status_code == 409 and "Complete your profile" in incomplete.json()["detail"]
    assert board(api, no_tier, tier=TIER)["userRank"] is None  # other boards stay readable
    assert api.get("/api/v1/leaderboards/daily").status_code == 401


def test_a_deleted_account_leaves_the_cached_boards_at_once(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    ann, bo = member_factory(display_name="Ann"), member_factory(display_name="Bo")
    steps(api, ann, 4_000)
    steps(api, bo, 12_000)
    for period in ("daily", "weekly", "monthly", "alltime"):
        assert board(api, ann, period)["totalUsersInTier"] == 2  # built and cached
    assert api.request("DELETE", "/api/v1/users/me", headers=bo.headers).status_code == 204
    for period in ("daily", "weekly", "monthly", "alltime"):
        after = board(api, ann, period)
        assert [r["displayName"] for r in after["rankings"]] == ["Ann"], period
        assert (after["totalUsersInTier"], after["userRank"]) == (1, 1)
