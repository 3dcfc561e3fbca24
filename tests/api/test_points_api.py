"""Points over real HTTP: balance, transactions, today's progress against the caps,
streak, and the admin adjustment (audited, never below zero)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from fittrack.db import ids
from fittrack.local.server import LocalPlatform
from tests.api.activity_feed import NOON, TODAY, activity, feed, fix_minutes, worked_day
from tests.api.conftest import Client
from tests.fixtures.auth import FakeClock
from tests.fixtures.members import MemberFactory


@pytest.fixture
def clock(fake_clock: FakeClock) -> FakeClock:
    fake_clock.now = NOON
    return fake_clock


def test_balance_and_transactions(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    me = member_factory()
    assert api.get("/api/v1/points/balance", headers=me.headers).json()["balance"] == 0
    feed(api, me.user_id, fix_minutes(worked_day()))
    feed(api, me.user_id, [activity("steps", TODAY, 0, 11 * 60, f"steps-{TODAY}", steps=25_000)])
    balance = api.get("/api/v1/points/balance", headers=me.headers).json()
    assert (
        balance["balance"],
        balance["lifetimePoints"],
        balance["pointsToday"],
        balance["dailyCap"],
    ) == (520, 520, 520, 1000)
    ledger = api.get("/api/v1/points/transactions", headers=me.headers).json()
    assert ledger["pagination"] == {"page": 1, "limit": 20, "totalItems": 2, "totalPages": 1}
    assert sorted(
        (t["entryType"], t["amount"], t["balanceAfter"]) for t in ledger["transactions"]
    ) == [("earn", 80, 520), ("earn", 440, 440)]
    assert ledger["transactions"][0]["referenceType"] == "daily_points"
    paged = api.get(
        "/api/v1/points/transactions", headers=me.headers, params={"limit": 1, "page": 2}
    ).json()
    assert len(paged["transactions"]) == 1 and paged["pagination"]["totalPages"] == 2
    later = api.get(
        "/api/v1/points/transactions",
        headers=me.headers,
        params={"startDate": str(TODAY + timedelta(days=1))},
    ).json()
    assert later["transactions"] == [] and later["pagination"]["totalItems"] == 0
    today = api.get(
        "/api/v1/points/transactions",
        headers=me.headers,
        params={"startDate": str(TODAY), "endDate": str(TODAY), "type": "earn"},
    ).json()
    assert today["pagination"]["totalItems"] == 2
    assert (
        api.get("/api/v1/points/transactions", headers=me.headers, params={"limit": 0}).status_code
        == 400
    )
    assert api.get("/api/v1/points/balance").status_code == 401


def test_daily_progress_by_source_against_each_cap(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    me = member_factory()
    feed(api, me.user_id, fix_minutes(worked_day()))
    body = api.get("/api/v1/points/daily", headers=me.headers).json()
    assert (
        body["programDay"],
        body["dayValue"],
        body["pointsPaid"],
        body["remaining"],
        body["dailyCap"],
        body["activeDay"],
    ) == (str(TODAY), 440, 440, 560, 1000, True)
    assert body["steps"] == {
        "steps": 12_345,
        "countedSteps": 12_345,
        "stepsCap": 20_000,
        "points": 120,
        "cap": 200,
        "remaining": 80,
    }
    assert (
        body["activeMinutes"]["moderateMinutes"],
        body["activeMinutes"]["vigorousMinutes"],
        body["activeMinutes"]["points"],
        body["activeMinutes"]["vigorousPoints"],
    ) == (30, 20, 120, 60)
    assert (
        body["workouts"]["bonuses"],
        body["workouts"]["points"],
        body["workouts"]["remaining"],
    ) == (2, 100, 50)
    assert body["stepGoal"] == {"goal": 10_000, "reached": True, "points": 100, "cap": 100}
    assert body["streak"]["points"] == 0 and body["streak"]["cap"] == 250
    other_day = api.get(
        "/api/v1/points/daily", headers=me.headers, params={"date": str(TODAY - timedelta(days=3))}
    ).json()
    assert other_day["dayValue"] == 0 and other_day["steps"]["steps"] == 0


def test_streak_after_seven_active_days(
    api: Client, clock: FakeClock, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    me = member_factory()
    with local_platform.platform.db.unit_of_work() as uow:
        uow.execute(
            "UPDATE user_profiles SET completed_at = :at WHERE user_id = :id",
            {"at": NOON - timedelta(days=30), "id": ids.to_db(me.user_id)},
        )
    week = [
        activity("active_minutes", TODAY - timedelta(days=n), 6, 45, f"light-{n}", "light")
        for n in range(7)
    ]
    result = feed(api, me.user_id, week)
    assert result["pointsAwarded"] == 7 * 45 + 250
    streak = api.get("/api/v1/points/streak", headers=me.headers).json()
    assert (
        streak["currentStreak"],
        streak["activeToday"],
        streak["activeMinutesToday"],
        streak["daysToNextBonus"],
        streak["longestStreak"],
        streak["lastBonusDay"],
        streak["bonusPoints"],
        streak["activeMinutesNeeded"],
    ) == (7, True, 45, 7, 7, str(TODAY), 250, 30)
    daily = api.get("/api/v1/points/daily", headers=me.headers).json()
    assert daily["streak"] == {"streakDays": 7, "earnedToday": True, "points": 250, "cap": 250}


def test_admin_adjusts_points_audited_and_never_below_zero(
    api: Client, clock: FakeClock, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin, me = member_factory(role="admin"), member_factory()
    path = f"/api/v1/admin/users/{me.user_id}/adjust-points"
    added = api.post(path, headers=admin.headers, json={"amount": 150, "reason": "goodwill"})
    assert added.status_code == 201, added.text
    body = added.json()
    assert (
        body["balance"],
        body["amount"],
        body["entry"]["entryType"],
        body["entry"]["referenceType"],
    ) == (150, 150, "adjust", "admin_action")
    too_much = api.post(path, headers=admin.headers, json={"amount": -151, "reason": "oops"})
    assert too_much.status_code == 400
    assert too_much.json()["type"].endswith("/insufficient-points")
    assert (
        api.post(path, headers=admin.headers, json={"amount": -150, "reason": "reversal"}).json()[
            "balance"
        ]
        == 0
    )
    assert (
        api.post(path, headers=me.headers, json={"amount": 5, "reason": "self-service"}).status_code
        == 403
    )
    assert (
        api.post(path, headers=admin.headers, json={"amount": 0, "reason": "nothing"}).status_code
        == 400
    )
    assert (
        api.post(
            f"/api/v1/admin/users/{uuid.uuid4()}/adjust-points",
            headers=admin.headers,
            json={"amount": 5, "reason": "nobody"},
        ).status_code
        == 404
    )
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        actions = uow.query(
            "SELECT admin_id, action, reason FROM admin_actions"
            " WHERE target_user_id = :id ORDER BY created_at",
            {"id": ids.to_db(me.user_id)},
        )
        audits = uow.query(
            "SELECT action, actor_id FROM audit_log WHERE entity_type = 'point_ledger'"
        )
        entries = uow.query(
            "SELECT amount, created_by FROM point_ledger WHERE user_id = :id",
            {"id": ids.to_db(me.user_id)},
        )
    assert [(ids.from_db(a["admin_id"]), a["action"], a["reason"]) for a in actions] == [
        (admin.user_id, "adjust_points", "goodwill"),
        (admin.user_id, "adjust_points", "reversal"),
    ]
    assert [(a["action"], ids.from_db(a["actor_id"])) for a in audits] == [
        ("points.adjusted", admin.user_id)
    ] * 2
    assert sorted(e["amount"] for e in entries) == [-150, 150]
    assert {ids.from_db(e["created_by"]) for e in entries} == {admin.user_id}
    ledger = api.get("/api/v1/points/transactions", headers=me.headers).json()
    assert sum(t["amount"] for t in ledger["transactions"]) == 0


@pytest.mark.parametrize("path", ["/api/v1/points/transactions", "/api/v1/activities"])
def test_a_range_that_ends_before_it_starts_is_the_declared_refusal(
    api: Client, member_factory: MemberFactory, path: str
) -> None:
    me = member_factory()
    answer = api.get(
        path,
        headers=me.headers,
        params={"startDate": str(TODAY), "endDate": str(TODAY - timedelta(days=1))},
    )
    assert answer.status_code == 400
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    assert [(e["field"], e["code"]) for e in answer.json()["errors"]] == [
        ("endDate", "before_start")
    ]
    same_day = {"startDate": str(TODAY), "endDate": str(TODAY)}
    assert api.get(path, headers=me.headers, params=same_day).status_code == 200
