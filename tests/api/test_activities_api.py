"""Activities over real HTTP: the local feed, list with filters and pages, one
activity (own only), and the today/week/month summary."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta

import pytest

from fittrack.http.registry import production_functions
from tests.api.activity_feed import NOON, TODAY, activity, feed, fix_minutes, worked_day
from tests.api.conftest import ROOT, Client
from tests.fixtures.auth import FakeClock
from tests.fixtures.members import MemberFactory


@pytest.fixture
def clock(fake_clock: FakeClock) -> FakeClock:
    fake_clock.now = NOON
    return fake_clock


def test_feeding_the_worked_example_pays_440_once(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    me = member_factory()
    first = feed(api, me.user_id, fix_minutes(worked_day()))
    assert (first["pointsAwarded"], first["stored"], first["balance"]) == (440, 5, 440)
    assert first["days"] == [
        {
            "programDay": str(TODAY),
            "pointsPaid": 440,
            "totalPaid": 440,
            "dayValue": 440,
            "activeDay": True,
        }
    ]
    again = feed(api, me.user_id, fix_minutes(worked_day()))
    assert again["pointsAwarded"] == 0 and again["unchanged"] == 5
    grown = activity("steps", TODAY, 0, 11 * 60, f"steps-{TODAY}", steps=25_000)
    assert feed(api, me.user_id, [grown])["pointsAwarded"] == 80


def test_list_filters_and_pages(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    me = member_factory()
    yesterday = TODAY - timedelta(days=1)
    feed(api, me.user_id, fix_minutes(worked_day()) + fix_minutes(worked_day(yesterday)))
    everything = api.get("/api/v1/activities", headers=me.headers).json()
    assert everything["pagination"] == {"page": 1, "limit": 20, "totalItems": 10, "totalPages": 1}
    starts = [a["startTime"] for a in everything["activities"]]
    assert starts == sorted(starts, reverse=True)
    workouts = api.get(
        "/api/v1/activities",
        headers=me.headers,
        params={"type": "workout", "startDate": str(TODAY), "endDate": str(TODAY)},
    ).json()
    assert {a["externalId"] for a in workouts["activities"]} == {f"run-{TODAY}", f"bike-{TODAY}"}
    page = api.get("/api/v1/activities", headers=me.headers, params={"page": 3, "limit": 4}).json()
    assert len(page["activities"]) == 2 and page["pagination"]["totalPages"] == 3
    one = page["activities"][0]
    assert set(one) >= {
        "activityId",
        "activityType",
        "startTime",
        "endTime",
        "durationMinutes",
        "intensity",
        "metrics",
        "source",
        "externalId",
        "programDay",
        "isDuplicate",
    }
    too_many = api.get("/api/v1/activities", headers=me.headers, params={"limit": 101})
    assert too_many.status_code == 400
    assert too_many.headers["Content-Type"] == "application/problem+json"
    backwards = api.get(
        "/api/v1/activities",
        headers=me.headers,
        params={"startDate": str(TODAY), "endDate": str(yesterday)},
    )
    assert backwards.status_code == 400


def test_one_activity_is_visible_to_its_owner_only(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    me, other = member_factory(), member_factory()
    feed(api, me.user_id, fix_minutes(worked_day()))
    activity_id = api.get("/api/v1/activities", headers=me.headers).json()["activities"][0][
        "activityId"
    ]
    mine = api.get(f"/api/v1/activities/{activity_id}", headers=me.headers)
    assert mine.status_code == 200 and mine.json()["activityId"] == activity_id
    for who, path in ((other, activity_id), (me, str(uuid.uuid4())), (me, "not-an-id")):
        missing = api.get(f"/api/v1/activities/{path}", headers=who.headers)
        assert missing.status_code == 404
        assert missing.json()["type"].endswith("/not-found")
    assert api.get(f"/api/v1/activities/{activity_id}").status_code == 401


def test_summary_today_week_month(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    me = member_factory()
    monday = date(2026, 3, 16)
    earlier = date(2026, 3, 2)
    feed(
        api,
        me.user_id,
        fix_minutes(worked_day())
        + fix_minutes(worked_day(monday))
        + fix_minutes(worked_day(earlier)),
    )
    body = api.get("/api/v1/activities/summary", headers=me.headers).json()
    assert body["today"] == {
        "startDate": str(TODAY),
        "endDate": str(TODAY),
        "steps": 12_345,
        "activeMinutes": 50,
        "workouts": 2,
        "pointsEarned": 440,
        "activeDays": 1,
    }
    # the member completed the profile today: earlier days are stored but did not earn
    assert (
        body["week"]["startDate"],
        body["week"]["steps"],
        body["week"]["workouts"],
        body["week"]["pointsEarned"],
    ) == (str(monday), 24_690, 4, 440)
    assert (body["month"]["startDate"], body["month"]["steps"], body["month"]["workouts"]) == (
        "2026-03-01",
        37_035,
        6,
    )
    assert (body["dailyCap"], body["pointsToday"], body["remainingToday"]) == (1000, 440, 560)
    assert body["streakDays"] == 1
    # points per program day: every day of the month so far, oldest first
    days = {d["programDay"]: d for d in body["days"]}
    assert list(days) == [str(date(2026, 3, 1) + timedelta(days=n)) for n in range(TODAY.day)]
    assert days[str(TODAY)] == {
        "programDay": str(TODAY),
        "steps": 12_345,
        "activeMinutes": 50,
        "workouts": 2,
        "pointsEarned": 440,
        "activeDay": True,
    }
    assert (days[str(monday)]["steps"], days[str(monday)]["pointsEarned"]) == (12_345, 0)
    assert days["2026-03-03"] == {
        "programDay": "2026-03-03",
        "steps": 0,
        "activeMinutes": 0,
        "workouts": 0,
        "pointsEarned": 0,
        "activeDay": False,
    }
    assert sum(d["pointsEarned"] for d in body["days"]) == body["month"]["pointsEarned"]


def test_the_feed_refuses_bad_input_and_is_local_only(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    me = member_factory()
    bad = activity("workout", TODAY, 7, 25, "w")
    bad["durationMinutes"] = 90
    refused = api.post(
        "/_dev/activities",
        json={
            "userId": str(me.user_id),
            "activities": [activity("steps", TODAY, 0, 60, "s", steps=900), bad],
        },
    )
    assert refused.status_code == 400, refused.text
    assert refused.json()["errors"][0]["field"] == "activities.1.durationMinutes"
    shape = api.post(
        "/_dev/activities",
        json={"userId": str(me.user_id), "activities": [{"activityType": "swim"}]},
    )
    assert shape.status_code == 400
    nobody = api.post("/_dev/activities", json={"userId": str(uuid.uuid4()), "activities": []})
    assert nobody.status_code == 404
    assert "dev.activities" not in {spec.name for spec in production_functions()}
    contract = json.loads((ROOT / "api-spec" / "functions.json").read_text())
    assert "dev.activities" not in {f["name"] for f in contract["functions"]}
