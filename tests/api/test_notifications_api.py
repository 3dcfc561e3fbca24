"""Notifications over real HTTP, the fulfillment timeout job through fdk, and held wins
that follow the review queue."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fittrack.db import ids
from fittrack.local.server import LocalPlatform
from fittrack.repositories import review_flags
from fittrack.services import notifications
from tests.api.conftest import Client
from tests.api.fulfillment_world import win
from tests.fixtures.auth import FakeClock, emails_to
from tests.fixtures.members import Member, MemberFactory, run_job, session_token

NOTES = "/api/v1/notifications"


def _notify(local: LocalPlatform, who: Member, n: int) -> None:
    platform = local.platform
    with platform.db.unit_of_work() as uow:
        for i in range(n):
            notifications.notify(
                uow,
                user_id=who.user_id,
                kind="system",
                title=f"Note {i}",
                body="Hello",
                data={"i": i},
                email=False,
                now=platform.clock() + timedelta(seconds=i),
                dedupe_key=f"test:{who.user_id}:{i}",
            )


def _unread(api: Client, who: Member) -> int:
    return int(api.get(f"{NOTES}/unread-count", headers=who.headers).json()["unreadCount"])


def test_list_count_read_and_read_all(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    me, other = member_factory(), member_factory()
    _notify(local_platform, me, 3)
    _notify(local_platform, other, 1)
    page = api.get(NOTES, params={"limit": 2}, headers=me.headers).json()
    assert [n["title"] for n in page["items"]] == ["Note 2", "Note 1"]
    assert page["pagination"] == {"page": 1, "limit": 2, "totalItems": 3, "totalPages": 2}
    assert page["unreadCount"] == 3
    assert page["items"][0]["data"] == {"i": 2}

    first = page["items"][0]["notificationId"]
    read = api.request("PUT", f"{NOTES}/{first}/read", headers=me.headers)
    assert read.status_code == 200, read.text
    assert read.json()["read"] is True
    assert api.request("PUT", f"{NOTES}/{first}/read", headers=me.headers).status_code == 200
    assert _unread(api, me) == 2
    unread = api.get(NOTES, params={"unreadOnly": "true"}, headers=me.headers).json()
    assert [n["title"] for n in unread["items"]] == ["Note 1", "Note 0"]

    theirs = api.get(NOTES, headers=other.headers).json()["items"][0]["notificationId"]
    for bad in (theirs, "not-an-id", "00000000-0000-0000-0000-000000000000"):
        refused = api.request("PUT", f"{NOTES}/{bad}/read", headers=me.headers)
        assert refused.status_code == 404
        assert refused.headers["Content-Type"].startswith("application/problem+json")
    assert _unread(api, other) == 1

    done = api.request("PUT", f"{NOTES}/read-all", headers=me.headers).json()
    assert done == {"markedRead": 2, "unreadCount": 0}
    assert _unread(api, me) == 0
    assert _unread(api, other) == 1
    assert api.get(NOTES).status_code == 401
    assert api.get(NOTES, params={"limit": 101}, headers=me.headers).status_code == 400


def test_a_win_is_notified_in_app_and_by_email(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    winner = member_factory()
    win(local_platform, winner.user_id)
    items = api.get(NOTES, headers=winner.headers).json()["items"]
    assert [n["kind"] for n in items] == ["prize_won"]
    assert items[0]["data"]["fulfillmentId"]
    assert [e["template"] for e in emails_to(api, winner.email)] == ["prize_won"]


def test_the_daily_job_warns_at_7_days_and_forfeits_at_14(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform, fake_clock: FakeClock
) -> None:
    winner = member_factory()
    fid = win(local_platform, winner.user_id)["fulfillmentId"]
    fake_clock.advance(timedelta(days=7, minutes=1))
    assert run_job("fulfillment_jobs.timeouts") == {"warned": 1, "forfeited": 0}
    assert run_job("fulfillment_jobs.timeouts") == {"warned": 0, "forfeited": 0}
    fake_clock.advance(timedelta(days=7))
    assert run_job("fulfillment_jobs.timeouts") == {"warned": 0, "forfeited": 1}
    assert run_job("fulfillment_jobs.timeouts") == {"warned": 0, "forfeited": 0}
    token = session_token(local_platform.platform, winner.user_id)
    headers = {"Authorization": f"Bearer {token}"}  # the first one expired meanwhile
    kinds = [n["kind"] for n in api.get(NOTES, headers=headers).json()["items"]]
    assert kinds == ["prize_forfeited", "forfeit_warning", "prize_won"]
    templates = [e["template"] for e in emails_to(api, winner.email)]
    assert sorted(templates) == ["forfeit_warning", "prize_forfeited", "prize_won"]
    mine = api.get(f"/api/v1/users/me/prizes/{fid}", headers=headers).json()
    assert mine["status"] == "forfeited"


def _flag(local: LocalPlatform, who: Member) -> str:
    platform = local.platform
    with platform.db.unit_of_work() as uow:
        (flag_id,) = review_flags.insert_many(
            uow, [review_flags.NewFlag(who.user_id, "manual", {})], platform.clock()
        )
    return str(flag_id)


def _resolve(api: Client, admin: Member, flag_id: str, decision: str) -> Any:
    response = api.post(
        f"/api/v1/admin/review-queue/{flag_id}/resolve",
        json={"decision": decision, "note": "checked"},
        headers=admin.headers,
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_a_flagged_winner_is_held_until_the_review_clears(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin, winner = member_factory(role="admin"), member_factory()
    flag_id = _flag(local_platform, winner)
    fid = win(local_platform, winner.user_id, held=True)["fulfillmentId"]
    held = api.get(f"/api/v1/users/me/prizes/{fid}", headers=winner.headers).json()
    assert (held["status"], held["awaitingReview"], held["nextAction"]) == ("pending", True, None)
    assert api.get(NOTES, headers=winner.headers).json()["items"] == []
    _resolve(api, admin, flag_id, "clear")
    released = api.get(f"/api/v1/users/me/prizes/{fid}", headers=winner.headers).json()
    assert (released["status"], released["nextAction"]) == ("winner_notified", "confirm_address")
    assert [n["kind"] for n in api.get(NOTES, headers=winner.headers).json()["items"]] == [
        "prize_won"
    ]
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        status = uow.scalar(
            "SELECT status FROM drawing_winners WHERE user_id = :u",
            {"u": ids.to_db(winner.user_id)},
        )
    assert status == "awarded"
