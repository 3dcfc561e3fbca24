"""Drill: Redis killed in the middle of a member load, then back empty (FLUSHALL).

The API keeps answering (the one 5xx is the documented readiness 503 naming the cache),
leaderboard pages come from SQL with the same rankings, rate limiting fails open while
Redis is away and limits again once it is back, and the boards are rebuilt from the
database with everything earned meanwhile."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import pytest

from fittrack.clock import program_day
from fittrack.local.server import LocalPlatform
from tests.api.activity_feed import activity, feed, fix_minutes, worked_day
from tests.api.conftest import Client
from tests.faults.load import Load, failures, member_mix, statuses
from tests.faults.processes import RedisServer
from tests.faults.world import funded, open_drawing
from tests.fixtures.members import Member, MemberFactory, run_job

pytestmark = pytest.mark.slow
SLOW_SECONDS = 3.0  # no request waits long on a dead cache (its timeouts are 1 s)


def _earn(api: Client, member: Member, day: date, parts: int) -> None:
    """The first `parts` items of a worked day, so members earn different totals."""
    feed(api, member.user_id, fix_minutes(worked_day(day))[:parts])


def _ranking(api: Client, member: Member) -> list[tuple[str, int]]:
    page = api.get("/api/v1/leaderboards/daily?limit=100", headers=member.headers)
    assert page.status_code == 200, page.text
    return [(r["userId"], r["pointsEarned"]) for r in page.json()["rankings"]]


def _boards(redis_server: RedisServer) -> list[str]:
    return sorted(redis_server.client().scan_iter("lb:v1:daily:*"))


def test_redis_killed_mid_load_then_flushed(
    api: Client,
    local_platform: LocalPlatform,
    member_factory: MemberFactory,
    redis_server: RedisServer,
) -> None:
    platform = local_platform.platform
    today = program_day(platform.clock())
    members = [funded(platform, member_factory, 10_000) for _ in range(5)]
    drawing_id = open_drawing(platform, cost=10)
    for parts, member in enumerate(members, start=1):
        _earn(api, member, today, parts)
    run_job("leaderboards.refresh")
    assert _boards(redis_server)
    board = _ranking(api, members[0])
    assert [points for _, points in board] == sorted((p for _, p in board), reverse=True)
    load = Load(local_platform.url, members, member_mix(drawing_id), 6)

    load.phase = "up"
    load.start()
    load.wait_for("up", 60)
    redis_server.kill()
    load.phase = "down"
    load.wait_for("down", 120)
    from_sql = _ranking(api, members[0])
    ready = api.get("/api/v1/health/ready")
    late = members[0]
    feed(api, late.user_id, [activity("workout", today, 5, 45, "late-run", calories=400)])
    earned_while_down = _ranking(api, members[0])
    redis_server.start()  # same port, empty: as after FLUSHALL
    redis_server.client().flushall()
    load.phase = "back"
    load.wait_for("back", 60)
    samples = load.stop()

    print("\nanswers by phase:", {p: dict(statuses(samples, p)) for p in ("up", "down", "back")})
    assert not failures(samples, allowed=lambda s: False), statuses(samples)
    assert max(s.seconds for s in samples if s.phase == "down") < SLOW_SECONDS
    assert from_sql == board  # the same page, now from SQL
    assert ready.status_code == 503 and "cache" in ready.json()["detail"]
    late_points = dict(earned_while_down)[str(late.user_id)]
    assert late_points > dict(board)[str(late.user_id)]  # the SQL page shows it at once
    rebuilt = _ranking(api, members[0])
    assert rebuilt == earned_while_down  # rebuilt from the database: nothing lost
    assert _boards(redis_server)  # and kept in Redis again
    assert api.get("/api/v1/health/ready").status_code == 200


def _burst(api: Client, member: Member, count: int) -> list[int]:
    return [
        api.get("/api/v1/points/balance", headers=member.headers).status_code for _ in range(count)
    ]


@pytest.mark.parametrize(
    "platform_env",
    [{"FITTRACK_RATE_LIMITS": "anonymous=100000,member=20,admin=100000"}],
    indirect=True,
)
def test_rate_limiting_fails_open_while_redis_is_away(
    api: Client,
    member_factory: MemberFactory,
    redis_server: RedisServer,
    caplog: Any,
) -> None:
    limited, spared, later = member_factory(), member_factory(), member_factory()
    assert _burst(api, limited, 25).count(429) == 5  # limited while Redis counts

    redis_server.kill()
    with caplog.at_level(logging.WARNING, logger="fittrack"):
        away = _burst(api, spared, 25)
    assert away == [200] * 25  # fails open: the database still enforces every rule
    assert any("failing open" in r.getMessage() for r in caplog.records)

    redis_server.start()
    assert _burst(api, later, 25).count(429) == 5  # and limits again once it is back
