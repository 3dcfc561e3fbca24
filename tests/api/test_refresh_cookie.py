"""The refresh token as an httpOnly cookie (X-FitTrack-Token-Transport: cookie), over HTTP.

requests keeps Secure cookies off plain http, so each test reads Set-Cookie and sends
the Cookie header itself, exactly as written.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from typing import Any

import pytest

from fittrack.local.server import LocalPlatform
from tests.api.test_social_login import SOCIAL, provider_leg
from tests.api.test_social_login import simulated_providers as simulated_providers
from tests.fixtures.auth import PASSWORD, bearer, signed_up

LOGIN = "/api/v1/auth/login"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"
SESSIONS = "/api/v1/auth/sessions"
COOKIE_MODE = {"X-FitTrack-Token-Transport": "cookie"}
CSRF = {"X-CSRF-Token": "1"}
THIRTY_DAYS = 30 * 24 * 3600


def cookie_login(api: Any, email: str) -> Any:
    body = {"email": email, "password": PASSWORD, "deviceId": "browser"}
    response = api.post(LOGIN, json=body, headers=COOKIE_MODE)
    assert response.status_code == 200, response.text
    return response


def refresh_cookie(response: Any) -> str:
    jar: SimpleCookie = SimpleCookie()
    jar.load(response.headers["Set-Cookie"])
    return jar["ft_refresh"].value


def cookie_refresh(api: Any, token: str, headers: dict[str, str] | None = None) -> Any:
    sent = {
        **COOKIE_MODE,
        "Cookie": f"ft_refresh={token}",
        **(headers if headers is not None else CSRF),
    }
    return api.post(REFRESH, json={}, headers=sent)


def live_refresh_tokens(local_platform: LocalPlatform) -> int:
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        return int(uow.scalar("SELECT COUNT(*) FROM refresh_tokens WHERE revoked_at IS NULL"))


def test_login_sets_the_cookie_with_every_attribute_and_no_token_in_the_body(api: Any) -> None:
    response = cookie_login(api, signed_up(api))
    token = refresh_cookie(response)
    assert response.headers["Set-Cookie"] == (
        f"ft_refresh={token}; Max-Age={THIRTY_DAYS}; Path=/api/v1/auth; "
        "HttpOnly; Secure; SameSite=Strict"
    )
    jar: SimpleCookie = SimpleCookie()
    jar.load(response.headers["Set-Cookie"])
    morsel = jar["ft_refresh"]
    assert (morsel["httponly"], morsel["secure"], morsel["samesite"]) == (True, True, "Strict")
    assert (morsel["path"], morsel["max-age"]) == ("/api/v1/auth", str(THIRTY_DAYS))
    body = response.json()
    assert "refreshToken" not in body
    assert body["accessToken"] and body["user"]["email"]
    assert api.get(SESSIONS, headers=bearer(body)).status_code == 200


def test_refresh_by_cookie_rotates_the_cookie(api: Any) -> None:
    first = refresh_cookie(cookie_login(api, signed_up(api)))
    response = cookie_refresh(api, first)
    assert response.status_code == 200, response.text
    assert "refreshToken" not in response.json()
    second = refresh_cookie(response)
    assert second != first
    assert response.headers["Set-Cookie"].endswith(
        f"; Max-Age={THIRTY_DAYS}; Path=/api/v1/auth; HttpOnly; Secure; SameSite=Strict"
    )
    assert cookie_refresh(api, second).status_code == 200


def test_missing_or_wrong_csrf_is_403_and_consumes_nothing(
    api: Any, local_platform: LocalPlatform
) -> None:
    token = refresh_cookie(cookie_login(api, signed_up(api)))
    before = live_refresh_tokens(local_platform)
    for headers in ({}, {"X-CSRF-Token": "0"}, {"X-CSRF-Token": ""}):
        refused = cookie_refresh(api, token, headers)
        assert refused.status_code == 403, headers
        assert refused.headers["Content-Type"].startswith("application/problem+json")
        assert refused.json()["status"] == 403
        assert "Set-Cookie" not in refused.headers
    assert live_refresh_tokens(local_platform) == before
    assert cookie_refresh(api, token).status_code == 200  # the old token was not rotated


def test_refresh_without_a_token_anywhere_is_401(api: Any) -> None:
    response = api.post(REFRESH, json={}, headers={**COOKIE_MODE, **CSRF})
    assert response.status_code == 401
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert "ft_refresh" in response.json()["detail"]


def test_logout_clears_the_cookie_and_needs_csrf_with_it(api: Any) -> None:
    response = cookie_login(api, signed_up(api))
    token, access = refresh_cookie(response), bearer(response.json())
    with_cookie = {**COOKIE_MODE, **access, "Cookie": f"ft_refresh={token}"}
    assert api.post(LOGOUT, headers=with_cookie).status_code == 403
    assert api.get(SESSIONS, headers=access).status_code == 200  # still signed in
    out = api.post(LOGOUT, headers={**with_cookie, **CSRF})
    assert out.status_code == 204
    assert out.headers["Set-Cookie"] == (
        "ft_refresh=; Max-Age=0; Path=/api/v1/auth; HttpOnly; Secure; SameSite=Strict"
    )
    assert cookie_refresh(api, token).status_code == 401


def test_a_reused_cookie_revokes_its_family(api: Any) -> None:
    first = refresh_cookie(cookie_login(api, signed_up(api)))
    second = refresh_cookie(cookie_refresh(api, first))
    third = refresh_cookie(cookie_refresh(api, second))
    assert cookie_refresh(api, first).status_code == 401
    assert cookie_refresh(api, third).status_code == 401


def test_a_reload_over_an_in_flight_refresh_stays_signed_in(api: Any) -> None:
    """The browser dropped the refresh answer (a reload): its cookie still holds the old token."""
    first = refresh_cookie(cookie_login(api, signed_up(api)))
    cookie_refresh(api, first)  # answered, but the Set-Cookie never reached the cookie jar
    again = cookie_refresh(api, first)
    assert again.status_code == 200, again.text
    assert cookie_refresh(api, refresh_cookie(again)).status_code == 200


def test_json_mode_is_unchanged(api: Any) -> None:
    email = signed_up(api)
    body = {"email": email, "password": PASSWORD, "deviceId": "cli"}
    response = api.post(LOGIN, json=body)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    token = response.json()["refreshToken"]
    renewed = api.post(REFRESH, json={"refreshToken": token})
    assert renewed.status_code == 200
    assert "Set-Cookie" not in renewed.headers
    assert renewed.json()["refreshToken"] != token


@pytest.mark.usefixtures("simulated_providers")
def test_social_sign_in_sets_the_cookie_too(api: Any) -> None:
    code, state = provider_leg(api, "google", "cookie.member@example.com|sub=g-cookie")
    body = {"code": code, "state": state, "deviceId": "browser"}
    response = api.post(f"{SOCIAL}/google/callback", json=body, headers=COOKIE_MODE)
    assert response.status_code == 200, response.text
    assert "refreshToken" not in response.json()
    token = refresh_cookie(response)
    assert response.headers["Set-Cookie"] == (
        f"ft_refresh={token}; Max-Age={THIRTY_DAYS}; Path=/api/v1/auth; "
        "HttpOnly; Secure; SameSite=Strict"
    )
    assert cookie_refresh(api, token).status_code == 200


def test_an_unknown_transport_or_a_wrong_csrf_header_is_refused_up_front(api: Any) -> None:
    email = signed_up(api)
    body = {"email": email, "password": PASSWORD, "deviceId": "browser"}
    unknown = api.post(LOGIN, json=body, headers={"X-FitTrack-Token-Transport": "Cookie"})
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["field"] == "X-FitTrack-Token-Transport"
    tokens = api.post(LOGIN, json=body).json()
    wrong_csrf = {"X-CSRF-Token": "yes"}
    refused = api.post(REFRESH, json={"refreshToken": tokens["refreshToken"]}, headers=wrong_csrf)
    assert refused.status_code == 403
    assert api.post(REFRESH, json={"refreshToken": tokens["refreshToken"]}).status_code == 200
