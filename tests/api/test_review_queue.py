"""The anti-gaming review queue over real HTTP: the nightly job raises flags, admins
clear or ban (audited), members are refused."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from fittrack.db import ids
from fittrack.local import invoke
from fittrack.local.server import LocalPlatform
from fittrack.repositories import devices
from fittrack.services import review
from tests.api.activity_feed import NOON, TODAY, activity, feed
from tests.api.conftest import Client
from tests.fixtures.auth import FakeClock
from tests.fixtures.members import Member, MemberFactory

QUEUE = "/api/v1/admin/review-queue"


@pytest.fixture
def clock(fake_clock: FakeClock) -> FakeClock:
    fake_clock.now = NOON
    return fake_clock


def detect(day: str | None = None) -> dict[str, Any]:
    """The nightly job, invoked through fdk like the scheduler does."""
    body = json.dumps({"day": day} if day else {}).encode()
    result = invoke.invoke("review.detect_anomalies", invoke.invoke_headers(60), body)
    assert result.status == 200, result.body
    return dict(json.loads(result.body)["result"])


def rows(local: LocalPlatform, sql: str, **params: Any) -> list[dict[str, Any]]:
    with local.platform.db.unit_of_work(readonly=True) as uow:
        return uow.query(sql, {k: ids.to_db(v) for k, v in params.items()})


def flagged(local: LocalPlatform, member: Member) -> bool:
    with local.platform.db.unit_of_work(readonly=True) as uow:
        return review.is_flagged(uow, member.user_id)


def test_only_admins_reach_the_queue(
    api: Client, clock: FakeClock, member_factory: MemberFactory
) -> None:
    member = member_factory()
    assert api.get(QUEUE).status_code == 401
    refused = api.get(QUEUE, headers=member.headers)
    assert refused.status_code == 403 and refused.json()["title"] == "Forbidden"
    resolve = api.post(
        f"{QUEUE}/00000000-0000-0000-0000-000000000000/resolve",
        headers=member.headers,
        json={"decision": "clear", "note": "mine"},
    )
    assert resolve.status_code == 403


def test_a_points_outlier_is_flagged_and_cleared_with_an_audit_trail(
    api: Client, clock: FakeClock, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin", profile=False)
    crowd = [member_factory() for _ in range(12)]
    for n, member in enumerate(crowd):  # 40..60 points each
        feed(
            api, member.user_id, [activity("steps", TODAY, 0, 600, f"s{n}", steps=4_000 + n * 200)]
        )
    cheat = member_factory(display_name="Speedy")
    feed(
        api,
        cheat.user_id,
        [
            activity("steps", TODAY, 0, 600, "s-cheat", steps=30_000),
            activity("active_minutes", TODAY, 1, 300, "v-cheat", "vigorous"),
        ],
    )
    assert detect(str(TODAY)) == {
        "day": str(TODAY),
        "anomalies": 1,
        "sharedDevices": 0,
        "complete": True,
    }
    assert flagged(local_platform, cheat) and not flagged(local_platform, crowd[0])

    queue = api.get(QUEUE, headers=admin.headers).json()
    assert queue["pagination"] == {"page": 1, "limit": 20, "totalItems": 1, "totalPages": 1}
    item = queue["items"][0]
    assert (item["userId"], item["displayName"], item["reason"], item["status"]) == (
        str(cheat.user_id),
        "Speedy",
        "anomaly",
        "open",
    )
    assert item["details"]["points"] == 1000 and item["details"]["tierMembers"] == 13
    assert item["details"]["points"] > item["details"]["threshold"]

    bad = api.post(
        f"{QUEUE}/{item['flagId']}/resolve",
        headers=admin.headers,
        json={"decision": "maybe", "note": "?"},
    )
    assert bad.status_code == 400
    cleared = api.post(
        f"{QUEUE}/{item['flagId']}/resolve",
        headers=admin.headers,
        json={"decision": "clear", "note": "marathon day, checked the GPS"},
    )
    assert cleared.status_code == 200, cleared.text
    assert (cleared.json()["status"], cleared.json()["resolvedBy"]) == (
        "cleared",
        str(admin.user_id),
    )
    assert not flagged(local_platform, cheat)
    again = api.post(
        f"{QUEUE}/{item['flagId']}/resolve",
        headers=admin.headers,
        json={"decision": "ban", "note": "changed my mind"},
    )
    assert again.status_code == 409
    action = rows(
        local_platform,
        "SELECT action, reason, admin_id FROM admin_actions WHERE target_user_id = :u",
        u=cheat.user_id,
    )
    assert [(a["action"], a["reason"]) for a in action] == [
        ("review.clear", "marathon day, checked the GPS")
    ]
    audit = rows(
        local_platform, "SELECT action, actor_id FROM audit_log WHERE entity_type = 'review_flag'"
    )
    assert [(a["action"], ids.from_db(a["actor_id"])) for a in audit] == [
        ("review_flag.cleared", admin.user_id)
    ]
    assert detect(str(TODAY))["anomalies"] == 0  # a cleared finding is not raised again
    assert api.get(QUEUE, headers=admin.headers).json()["items"] == []
    everything = api.get(QUEUE, headers=admin.headers, params={"status": "all"}).json()
    assert [i["status"] for i in everything["items"]] == ["cleared"]


def test_a_device_shared_by_three_accounts_is_flagged_and_a_ban_is_audited(
    api: Client, clock: FakeClock, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin", profile=False)
    trio = [member_factory() for _ in range(3)]
    loner = member_factory()
    with local_platform.platform.db.unit_of_work() as uow:
        for member in trio:
            devices.record_device(uow, member.user_id, "tablet-1", NOON)
        devices.record_device(uow, trio[0].user_id, "tablet-1", NOON + timedelta(hours=1))
        devices.record_device(uow, loner.user_id, "phone-9", NOON)
    assert detect()["sharedDevices"] == 3
    assert all(flagged(local_platform, m) for m in trio) and not flagged(local_platform, loner)
    page = api.get(QUEUE, headers=admin.headers, params={"limit": 2}).json()
    assert page["pagination"]["totalPages"] == 2 and len(page["items"]) == 2
    assert {i["details"]["deviceId"] for i in page["items"]} == {"tablet-1"}
    target = page["items"][0]
    banned = api.post(
        f"{QUEUE}/{target['flagId']}/resolve",
        headers=admin.headers,
        json={"decision": "ban", "note": "one person, three accounts"},
    )
    assert banned.status_code == 200 and banned.json()["status"] == "banned"
    status = rows(local_platform, "SELECT status FROM users WHERE user_id = :u", u=target["userId"])
    assert status == [{"status": "banned"}]
    history = rows(
        local_platform,
        "SELECT from_status, to_status, changed_by FROM user_status_changes WHERE user_id = :u",
        u=target["userId"],
    )
    assert [(h["from_status"], h["to_status"], ids.from_db(h["changed_by"])) for h in history] == [
        ("active", "banned", admin.user_id)
    ]
    audit = {a["action"] for a in rows(local_platform, "SELECT action FROM audit_log")}
    assert audit == {"review_flag.banned", "user.banned"}
    assert detect()["sharedDevices"] == 0  # nothing new: two still open, one resolved
    left = api.get(QUEUE, headers=admin.headers).json()
    assert left["pagination"]["totalItems"] == 2
    missing = api.post(
        f"{QUEUE}/not-a-flag/resolve",
        headers=admin.headers,
        json={"decision": "clear", "note": "x"},
    )
    assert missing.status_code == 404


def shared_by_three(local: LocalPlatform, member_factory: MemberFactory, device: str) -> None:
    members = [member_factory() for _ in range(3)]
    with local.platform.db.unit_of_work() as uow:
        for member in members:
            devices.record_device(uow, member.user_id, device, NOON)


def test_detection_runs_in_pages_and_resumes_where_a_run_stopped(
    api: Client, clock: FakeClock, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    platform = local_platform.platform
    for device in ("tablet-1", "tablet-2", "tablet-3"):
        shared_by_three(local_platform, member_factory, device)
    yesterday = TODAY - timedelta(days=1)
    # A run that stopped after its first page of devices left this behind.
    platform.cache.set_json(
        f"review:detect:{yesterday}", {"tiersDone": [], "deviceAfter": "tablet-1"}
    )
    resumed = review.detect_anomalies(platform, device_page=1)
    assert resumed == {
        "day": str(yesterday),
        "anomalies": 0,
        "sharedDevices": 6,
        "complete": True,
    }
    flagged_devices = rows(
        local_platform, "SELECT DISTINCT device_id FROM devices WHERE flagged_at IS NOT NULL"
    )
    assert sorted(r["device_id"] for r in flagged_devices) == ["tablet-2", "tablet-3"]
    # The day is done: the next scheduled run does nothing, naming the day redoes it.
    shared_by_three(local_platform, member_factory, "tablet-4")
    assert detect()["sharedDevices"] == 0
    assert detect(str(yesterday))["sharedDevices"] == 6  # tablet-1 and tablet-4


def test_detection_that_runs_out_of_time_reports_itself_incomplete(
    api: Client, clock: FakeClock, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    shared_by_three(local_platform, member_factory, "tablet-1")
    stopped = review.detect_anomalies(local_platform.platform, time_budget_seconds=0)
    assert (stopped["sharedDevices"], stopped["complete"]) == (0, False)
    assert detect() == {
        "day": str(TODAY - timedelta(days=1)),
        "anomalies": 0,
        "sharedDevices": 3,
        "complete": True,
    }
