"""POST /auth/login over real HTTP: credentials, lockout, statuses, rehashing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher

from fittrack.local.server import LocalPlatform
from tests.fixtures.auth import PASSWORD, FakeClock, bearer, login, signed_up, unique_email

LOGIN = "/api/v1/auth/login"


def set_user(local_platform: LocalPlatform, email: str, **columns: Any) -> None:
    assignments = ", ".join(f"{name} = :{name}" for name in columns)
    with local_platform.platform.db.unit_of_work() as uow:
        uow.execute(
            f"UPDATE users SET {assignments} WHERE email_normalized = :email",
            {**columns, "email": email.lower()},
        )


def user_row(local_platform: LocalPlatform, email: str) -> dict[str, Any]:
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        row = uow.query_one("SELECT * FROM users WHERE email_normalized = :e", {"e": email.lower()})
    assert row is not None
    return row


def without_ids(problem: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in problem.items() if k not in ("instance", "correlationId")}


def fail(api: Any, email: str) -> Any:
    return api.post(LOGIN, json={"email": email, "password": "Wrong-passw0rd!!"})


def test_login_returns_tokens_and_the_member(api: Any) -> None:
    email = signed_up(api)
    tokens = login(api, email.upper())
    assert tokens["tokenType"] == "Bearer" and tokens["expiresIn"] == 3600
    assert tokens["refreshToken"] and tokens["accessToken"].count(".") == 2
    assert tokens["user"]["email"] == email
    assert {k: tokens["user"][k] for k in ("role", "status", "pointBalance")} == {
        "role": "user",
        "status": "active",
        "pointBalance": 0,
    }
    sessions = api.get("/api/v1/auth/sessions", headers=bearer(tokens))
    assert sessions.status_code == 200


def test_wrong_password_and_unknown_email_get_the_same_answer(api: Any) -> None:
    email = signed_up(api)
    wrong = fail(api, email)
    unknown = fail(api, unique_email("nobody"))
    assert wrong.status_code == unknown.status_code == 401
    assert without_ids(wrong.json()) == without_ids(unknown.json())
    assert wrong.headers["Content-Type"] == unknown.headers["Content-Type"]
    assert "Wrong-passw0rd" not in wrong.text


def test_five_failures_lock_for_15_minutes_then_the_lock_doubles(
    api: Any, local_platform: LocalPlatform, fake_clock: FakeClock
) -> None:
    email = signed_up(api)
    for _ in range(4):
        assert fail(api, email).status_code == 401
    locked = fail(api, email)
    assert locked.status_code == 423
    assert locked.headers["Retry-After"] == str(15 * 60)
    assert locked.json()["status"] == 423
    # Refused even with the right password until the lock ends.
    fake_clock.advance(timedelta(minutes=14))
    right = api.post(LOGIN, json={"email": email, "password": PASSWORD})
    assert right.status_code == 423 and right.headers["Retry-After"] == "60"
    fake_clock.advance(timedelta(minutes=1, seconds=1))
    for _ in range(4):
        assert fail(api, email).status_code == 401
    second = fail(api, email)
    assert second.status_code == 423 and second.headers["Retry-After"] == str(30 * 60)
    fake_clock.advance(timedelta(minutes=30))
    login(api, email)
    row = user_row(local_platform, email)
    assert row["failed_login_count"] == 0 and row["locked_until"] is None


def test_success_resets_the_failure_count(api: Any, local_platform: LocalPlatform) -> None:
    email = signed_up(api)
    for _ in range(4):
        fail(api, email)
    assert user_row(local_platform, email)["failed_login_count"] == 4
    login(api, email)
    assert user_row(local_platform, email)["failed_login_count"] == 0
    for _ in range(4):
        assert fail(api, email).status_code == 401


def test_banned_members_cannot_sign_in(api: Any, local_platform: LocalPlatform) -> None:
    email = signed_up(api)
    set_user(local_platform, email, status="banned")
    response = api.post(LOGIN, json={"email": email, "password": PASSWORD})
    assert response.status_code == 403
    assert response.headers["Content-Type"].startswith("application/problem+json")
    # A wrong password does not reveal the ban.
    assert fail(api, email).status_code == 401


@pytest.mark.parametrize("status", ["pending", "suspended"])
def test_pending_and_suspended_members_may_sign_in(
    api: Any, local_platform: LocalPlatform, status: str
) -> None:
    email = signed_up(api, verified=status != "pending")
    set_user(local_platform, email, status=status)
    assert login(api, email)["user"]["status"] == status


def test_login_rehashes_a_password_hashed_with_old_parameters(
    api: Any, local_platform: LocalPlatform
) -> None:
    email = signed_up(api)
    # The parameters of an earlier release (OWASP's 19 MiB x 2 option).
    weak = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1).hash(PASSWORD)
    set_user(local_platform, email, password_hash=weak)
    login(api, email)
    rehashed = user_row(local_platform, email)["password_hash"]
    assert rehashed != weak and "m=7168,t=5,p=1" in rehashed
    login(api, email)


def test_one_active_session_per_device(api: Any) -> None:
    email = signed_up(api)
    first = login(api, email, device_id="phone-1")
    second = login(api, email, device_id="phone-1")
    other = login(api, email, device_id="laptop")
    listed = api.get("/api/v1/auth/sessions", headers=bearer(second)).json()["sessions"]
    assert sorted(s["deviceId"] for s in listed) == ["laptop", "phone-1"]
    # The replaced session is over: its refresh token and its access token stop working.
    refreshed = api.post("/api/v1/auth/refresh", json={"refreshToken": first["refreshToken"]})
    assert refreshed.status_code == 401
    assert api.get("/api/v1/auth/sessions", headers=bearer(first)).status_code == 401
    assert api.get("/api/v1/auth/sessions", headers=bearer(other)).status_code == 200


def test_login_validates_its_body(api: Any) -> None:
    response = api.post(LOGIN, json={"email": "someone@example.com"})
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["password"]


def test_a_named_device_is_remembered_for_the_shared_device_check(
    api: Any, local_platform: LocalPlatform
) -> None:
    email = signed_up(api)
    assert login(api, email, device_id="tablet-7")["accessToken"]
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        rows = uow.query(
            "SELECT device_id FROM device_sightings WHERE device_id = :d", {"d": "tablet-7"}
        )
    assert [r["device_id"] for r in rows] == ["tablet-7"]


@pytest.mark.parametrize("device_id", ["téléphone", "my phone", "x" * 129, ""])
def test_a_device_id_is_printable_ascii_up_to_128(
    api: Any, local_platform: LocalPlatform, device_id: str
) -> None:
    email = signed_up(api)
    response = api.post(LOGIN, json={"email": email, "password": PASSWORD, "deviceId": device_id})
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["deviceId"]
    assert user_row(local_platform, email)["last_login_at"] is None
    assert login(api, email, device_id="x" * 128)["accessToken"]
