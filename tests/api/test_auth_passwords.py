"""Forgot / reset password and PUT /users/me/password over real HTTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.fixtures.auth import (
    PASSWORD,
    FakeClock,
    bearer,
    emailed_token,
    emails_to,
    login,
    signed_up,
    unique_email,
)

FORGOT = "/api/v1/auth/forgot-password"
RESET = "/api/v1/auth/reset-password"
CHANGE = "/users/me/password"
NEW_PASSWORD = "Brand-New-Passw0rd?"


def change(api: Any, tokens: dict[str, Any], current: str, new: str) -> Any:
    return api.request(
        "PUT",
        "/api/v1" + CHANGE,
        headers=bearer(tokens),
        json={"currentPassword": current, "newPassword": new},
    )


def test_forgot_password_answers_the_same_either_way(api: Any) -> None:
    email = signed_up(api)
    known = api.post(FORGOT, json={"email": email})
    unknown = api.post(FORGOT, json={"email": unique_email("nobody")})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    [mail] = [m for m in emails_to(api, email) if m["template"] == "reset_password"]
    link = next(line for line in mail["bodyText"].splitlines() if "?token=" in line)
    assert "/reset-password?token=" in link


def test_reset_password_is_single_use_and_ends_every_session(api: Any) -> None:
    email = signed_up(api)
    phone = login(api, email, device_id="phone")
    laptop = login(api, email, device_id="laptop")
    api.post(FORGOT, json={"email": email})
    token = emailed_token(api, email, "reset_password")
    response = api.post(RESET, json={"token": token, "password": NEW_PASSWORD})
    assert response.status_code == 204, response.text
    for tokens in (phone, laptop):
        assert (
            api.post(
                "/api/v1/auth/refresh", json={"refreshToken": tokens["refreshToken"]}
            ).status_code
            == 401
        )
    assert (
        api.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD}).status_code
        == 401
    )
    login(api, email, NEW_PASSWORD)
    again = api.post(RESET, json={"token": token, "password": "Another-Passw0rd!"})
    assert again.status_code == 409  # a used token: well formed, refused by the records
    assert again.json()["errors"][0]["field"] == "token"


def test_reset_applies_the_password_policy(api: Any) -> None:
    email = signed_up(api)
    api.post(FORGOT, json={"email": email})
    token = emailed_token(api, email, "reset_password")
    weak = api.post(RESET, json={"token": token, "password": "weakpassword"})
    assert weak.status_code == 400
    assert [(e["field"], e["code"]) for e in weak.json()["errors"]] == [
        ("password", "weak_password")
    ]
    # The token was not spent by the refused attempt.
    assert api.post(RESET, json={"token": token, "password": NEW_PASSWORD}).status_code == 204


def test_reset_token_expires_after_an_hour(api: Any, fake_clock: FakeClock) -> None:
    email = signed_up(api)
    api.post(FORGOT, json={"email": email})
    token = emailed_token(api, email, "reset_password")
    fake_clock.advance(timedelta(hours=1, seconds=1))
    assert api.post(RESET, json={"token": token, "password": NEW_PASSWORD}).status_code == 409


def test_a_newer_reset_email_replaces_the_older_one(api: Any) -> None:
    email = signed_up(api)
    api.post(FORGOT, json={"email": email})
    older = emailed_token(api, email, "reset_password")
    api.post(FORGOT, json={"email": email})
    newer = emailed_token(api, email, "reset_password")
    assert older != newer
    assert api.post(RESET, json={"token": older, "password": NEW_PASSWORD}).status_code == 409
    assert api.post(RESET, json={"token": newer, "password": NEW_PASSWORD}).status_code == 204


def test_reset_lifts_a_lockout(api: Any) -> None:
    email = signed_up(api)
    for _ in range(5):
        api.post("/api/v1/auth/login", json={"email": email, "password": "Wrong-passw0rd!"})
    api.post(FORGOT, json={"email": email})
    token = emailed_token(api, email, "reset_password")
    assert api.post(RESET, json={"token": token, "password": NEW_PASSWORD}).status_code == 204
    login(api, email, NEW_PASSWORD)


def test_change_password_keeps_this_session_and_ends_the_others(api: Any) -> None:
    email = signed_up(api)
    here = login(api, email, device_id="here")
    elsewhere = login(api, email, device_id="elsewhere")
    response = change(api, here, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 204, response.text
    assert api.get("/api/v1/auth/sessions", headers=bearer(here)).status_code == 200
    assert (
        api.post(
            "/api/v1/auth/refresh", json={"refreshToken": elsewhere["refreshToken"]}
        ).status_code
        == 401
    )
    assert (
        api.post("/api/v1/auth/refresh", json={"refreshToken": here["refreshToken"]}).status_code
        == 200
    )
    login(api, email, NEW_PASSWORD)


def test_change_password_with_a_wrong_current_password(api: Any) -> None:
    email = signed_up(api)
    tokens = login(api, email)
    response = change(api, tokens, "Not-my-passw0rd!", NEW_PASSWORD)
    assert response.status_code == 409  # well formed, but not the account's password
    assert [e["field"] for e in response.json()["errors"]] == ["currentPassword"]
    assert "Not-my-passw0rd" not in response.text
    login(api, email)


def test_a_wrong_current_password_and_a_weak_new_one_are_both_named(api: Any) -> None:
    tokens = login(api, signed_up(api))
    response = change(api, tokens, "Not-my-passw0rd!", "tooweak")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["currentPassword", "newPassword"]


def test_change_password_applies_the_policy(api: Any) -> None:
    tokens = login(api, signed_up(api))
    response = change(api, tokens, PASSWORD, "tooweak")
    assert response.status_code == 400
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
        ("newPassword", "weak_password")
    ]


def test_a_locked_account_still_gets_a_400_for_a_weak_new_password(api: Any) -> None:
    """Bad input is a 400 whatever the account's state; the lock answers well-formed tries."""
    tokens = login(api, signed_up(api))
    for _ in range(5):  # the 5th wrong current password locks the account
        change(api, tokens, "Not-my-passw0rd!", NEW_PASSWORD)
    assert change(api, tokens, PASSWORD, NEW_PASSWORD).status_code == 423
    weak = change(api, tokens, PASSWORD, "tooweak")
    assert weak.status_code == 400
    assert [e["field"] for e in weak.json()["errors"]] == ["newPassword"]


def test_change_password_needs_a_live_session(api: Any) -> None:
    assert api.request("PUT", "/api/v1" + CHANGE, json={}).status_code == 401
    tokens = login(api, signed_up(api))
    api.post("/api/v1/auth/logout", headers=bearer(tokens))
    assert change(api, tokens, PASSWORD, NEW_PASSWORD).status_code == 401
