"""Refresh rotation and reuse, log out, log out everywhere, list and revoke sessions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fittrack.domain.sessions import REUSE_GRACE, REUSE_GRACE_SUCCESSORS
from fittrack.local.server import LocalPlatform
from tests.fixtures.auth import FakeClock, bearer, login, signed_up

REFRESH = "/api/v1/auth/refresh"
SESSIONS = "/api/v1/auth/sessions"


def refresh(api: Any, token: str) -> Any:
    return api.post(REFRESH, json={"refreshToken": token})


def test_refresh_rotates_and_the_old_token_dies(api: Any) -> None:
    email = signed_up(api)
    first = login(api, email)
    response = refresh(api, first["refreshToken"])
    assert response.status_code == 200, response.text
    second = response.json()
    assert second["refreshToken"] != first["refreshToken"]
    assert second["user"]["email"] == email
    assert api.get(SESSIONS, headers=bearer(second)).status_code == 200
    third = refresh(api, second["refreshToken"])
    assert third.status_code == 200


def test_reusing_a_rotated_token_revokes_the_whole_family(
    api: Any, local_platform: LocalPlatform, fake_clock: FakeClock
) -> None:
    email = signed_up(api)
    first = login(api, email, device_id="phone")
    other_device = login(api, email, device_id="laptop")
    second = refresh(api, first["refreshToken"]).json()
    fake_clock.advance(REUSE_GRACE + timedelta(seconds=1))
    reused = refresh(api, first["refreshToken"])
    assert reused.status_code == 401
    assert reused.headers["Content-Type"].startswith("application/problem+json")
    # The thief's copy and the rightful owner's newer token are both dead now.
    assert refresh(api, second["refreshToken"]).status_code == 401
    assert api.get(SESSIONS, headers=bearer(second)).status_code == 401
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        live = uow.scalar("SELECT COUNT(*) FROM refresh_tokens WHERE revoked_at IS NULL")
    assert live == 1  # only the other device's family survives
    assert refresh(api, other_device["refreshToken"]).status_code == 200


def test_a_retry_of_a_lost_refresh_response_keeps_the_member_signed_in(api: Any) -> None:
    """A reload over an in-flight refresh presents the old token again: its answer was lost."""
    first = login(api, signed_up(api))
    lost = refresh(api, first["refreshToken"]).json()  # the client never saw this answer
    retried = refresh(api, first["refreshToken"])
    assert retried.status_code == 200, retried.text
    kept = retried.json()
    assert kept["refreshToken"] not in (first["refreshToken"], lost["refreshToken"])
    assert api.get(SESSIONS, headers=bearer(kept)).status_code == 200
    renewed = refresh(api, kept["refreshToken"])
    assert renewed.status_code == 200
    # Using one successor retired the lost one: presenting it now is reuse, and ends the session.
    assert refresh(api, lost["refreshToken"]).status_code == 401
    assert refresh(api, renewed.json()["refreshToken"]).status_code == 401


def test_a_rotated_token_is_reuse_once_a_successor_was_used(api: Any) -> None:
    first = login(api, signed_up(api))
    second = refresh(api, first["refreshToken"]).json()
    third = refresh(api, second["refreshToken"]).json()  # the owner moved on: no answer was lost
    assert refresh(api, first["refreshToken"]).status_code == 401
    assert refresh(api, third["refreshToken"]).status_code == 401


def test_the_retry_grace_is_short_and_bounded(api: Any, fake_clock: FakeClock) -> None:
    first = login(api, signed_up(api))
    for _ in range(REUSE_GRACE_SUCCESSORS):
        assert refresh(api, first["refreshToken"]).status_code == 200
    assert refresh(api, first["refreshToken"]).status_code == 401  # bounded: now it is reuse

    late = login(api, signed_up(api))
    pending = refresh(api, late["refreshToken"]).json()
    fake_clock.advance(REUSE_GRACE + timedelta(seconds=1))
    assert refresh(api, late["refreshToken"]).status_code == 401
    assert refresh(api, pending["refreshToken"]).status_code == 401


def test_unknown_and_expired_refresh_tokens_are_refused(api: Any, fake_clock: FakeClock) -> None:
    assert refresh(api, "not-a-token").status_code == 401
    tokens = login(api, signed_up(api))
    fake_clock.advance(timedelta(days=30, seconds=1))
    assert refresh(api, tokens["refreshToken"]).status_code == 401


def test_refresh_reflects_the_current_account(api: Any, local_platform: LocalPlatform) -> None:
    email = signed_up(api, verified=False)
    tokens = login(api, email)
    assert tokens["user"]["status"] == "pending"
    with local_platform.platform.db.unit_of_work() as uow:
        uow.execute(
            "UPDATE users SET status = 'active', point_balance = 40 WHERE email_normalized = :e",
            {"e": email},
        )
    renewed = refresh(api, tokens["refreshToken"]).json()
    assert (renewed["user"]["status"], renewed["user"]["pointBalance"]) == ("active", 40)
    with local_platform.platform.db.unit_of_work() as uow:
        uow.execute("UPDATE users SET status = 'banned' WHERE email_normalized = :e", {"e": email})
    assert refresh(api, renewed["refreshToken"]).status_code == 403


def test_logout_ends_the_session(api: Any) -> None:
    tokens = login(api, signed_up(api))
    response = api.post("/api/v1/auth/logout", headers=bearer(tokens))
    assert response.status_code == 204 and response.content == b""
    assert refresh(api, tokens["refreshToken"]).status_code == 401
    # The access token died with its session: every member route now refuses it...
    assert api.get(SESSIONS, headers=bearer(tokens)).status_code == 401
    # ...but logging out again is not an error (docs/auth.md): still 204.
    assert api.post("/api/v1/auth/logout", headers=bearer(tokens)).status_code == 204


def test_logout_needs_a_token(api: Any) -> None:
    assert api.post("/api/v1/auth/logout").status_code == 401
    assert api.get(SESSIONS).status_code == 401


def test_logout_all_ends_every_session(api: Any) -> None:
    email = signed_up(api)
    devices = [login(api, email, device_id=f"device-{n}") for n in range(3)]
    response = api.post("/api/v1/auth/logout-all", headers=bearer(devices[0]))
    assert response.status_code == 200 and response.json() == {"revoked": 3}
    for tokens in devices:
        assert refresh(api, tokens["refreshToken"]).status_code == 401
        assert api.get(SESSIONS, headers=bearer(tokens)).status_code == 401
    assert api.post("/api/v1/auth/logout-all", headers=bearer(devices[1])).status_code == 401


def test_sessions_list_marks_the_current_one(api: Any) -> None:
    email = signed_up(api)
    phone = login(api, email, device_id="phone")
    api.session.headers["User-Agent"] = "FitTrack-Test/1.0"
    laptop = login(api, email, device_id="laptop")
    response = api.get(SESSIONS, headers={**bearer(laptop), "X-Forwarded-For": "203.0.113.9"})
    assert response.status_code == 200
    listed = {s["deviceId"]: s for s in response.json()["sessions"]}
    assert set(listed) == {"phone", "laptop"}
    assert listed["laptop"]["current"] is True and listed["phone"]["current"] is False
    assert listed["laptop"]["userAgent"] == "FitTrack-Test/1.0"
    assert set(listed["phone"]) == {
        "sessionId",
        "deviceId",
        "userAgent",
        "ipAddress",
        "createdAt",
        "lastSeenAt",
        "current",
    }
    from_phone = api.get(SESSIONS, headers=bearer(phone)).json()["sessions"]
    assert [s["deviceId"] for s in from_phone if s["current"]] == ["phone"]


def test_revoke_one_of_my_sessions(api: Any) -> None:
    email = signed_up(api)
    phone = login(api, email, device_id="phone")
    laptop = login(api, email, device_id="laptop")
    listed = api.get(SESSIONS, headers=bearer(laptop)).json()["sessions"]
    phone_id = next(s["sessionId"] for s in listed if s["deviceId"] == "phone")
    response = api.request("DELETE", f"{SESSIONS}/{phone_id}", headers=bearer(laptop))
    assert response.status_code == 204
    assert refresh(api, phone["refreshToken"]).status_code == 401
    assert api.get(SESSIONS, headers=bearer(phone)).status_code == 401
    remaining = api.get(SESSIONS, headers=bearer(laptop)).json()["sessions"]
    assert [s["deviceId"] for s in remaining] == ["laptop"]
    again = api.request("DELETE", f"{SESSIONS}/{phone_id}", headers=bearer(laptop))
    assert again.status_code == 404


def test_someone_elses_session_is_not_found(api: Any) -> None:
    alice = login(api, signed_up(api))
    bob = login(api, signed_up(api))
    bobs_id = api.get(SESSIONS, headers=bearer(bob)).json()["sessions"][0]["sessionId"]
    response = api.request("DELETE", f"{SESSIONS}/{bobs_id}", headers=bearer(alice))
    assert response.status_code == 404
    assert response.json()["status"] == 404
    assert refresh(api, bob["refreshToken"]).status_code == 200
    assert api.request("DELETE", f"{SESSIONS}/not-a-uuid", headers=bearer(alice)).status_code == 404
