"""Admin MFA over real HTTP: TOTP enrolment, step-up (RFC 9470), single use, lockout,
and the 401 challenge on every route the registry declares `step_up=True`."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest

from fittrack.http.registry import FunctionSpec, load_all
from fittrack.local.server import LocalPlatform
from fittrack.repositories import mfa as authenticators
from tests.api.conftest import Client
from tests.fixtures.auth import FakeClock
from tests.fixtures.members import MemberFactory
from tests.fixtures.mfa import code_at

MFA = "/api/v1/auth/mfa"
STEP_UP_ROUTES = sorted((s for s in load_all() if s.step_up), key=lambda s: s.name)


def _claims(token: str) -> dict[str, Any]:
    return dict(jwt.decode(token, options={"verify_signature": False}))


def _post(api: Client, path: str, token: str, body: Any = None) -> Any:
    return api.post(path, json=body, headers={"Authorization": f"Bearer {token}"})


def _field_conflict(response: Any) -> None:
    assert response.status_code == 409, response.text
    assert response.json()["errors"][0]["field"] == "code"


def _challenged(response: Any) -> None:
    assert response.status_code == 401, response.text
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith("Bearer ")
    assert 'error="insufficient_user_authentication"' in challenge
    assert 'max_age="900"' in challenge
    assert response.headers["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"].endswith("/insufficient-user-authentication")
    assert problem["status"] == 401 and problem["maxAgeSeconds"] == 900


def test_an_admin_enrols_confirms_and_steps_up(
    api: Client, fake_clock: FakeClock, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin", enrolled=False)
    _challenged(_post(api, f"/api/v1/admin/users/{admin.user_id}/adjust-points", admin.token))
    nothing_yet = _post(api, f"{MFA}/confirm", admin.token, {"code": "123456"})
    assert nothing_yet.status_code == 409 and nothing_yet.json()["type"].endswith(
        "/mfa-not-enrolled"
    )

    enrolled = _post(api, f"{MFA}/enroll", admin.token)
    assert enrolled.status_code == 201, enrolled.text
    secret = enrolled.json()["secret"]
    uri = urlsplit(enrolled.json()["otpauthUri"])
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert parse_qs(uri.query)["secret"] == [secret] and parse_qs(uri.query)["issuer"] == [
        "FitTrack"
    ]
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        stored = authenticators.find(uow, admin.user_id)
    assert stored is not None and not stored.is_active
    assert secret.encode() not in stored.secret_enc  # sealed at rest

    step_up_early = _post(
        api, f"{MFA}/verify", admin.token, {"code": code_at(secret, fake_clock.now)}
    )
    assert step_up_early.status_code == 409 and step_up_early.json()["type"].endswith(
        "/mfa-not-enrolled"
    )
    wrong = f"{(int(code_at(secret, fake_clock.now)) + 1) % 1_000_000:06d}"
    _field_conflict(_post(api, f"{MFA}/confirm", admin.token, {"code": wrong}))
    confirmed = _post(api, f"{MFA}/confirm", admin.token, {"code": code_at(secret, fake_clock.now)})
    assert confirmed.status_code == 200, confirmed.text
    again = _post(api, f"{MFA}/enroll", admin.token)
    assert again.status_code == 409 and again.json()["type"].endswith("/mfa-already-enrolled")

    # The code that confirmed is spent: the same time step cannot step up.
    _field_conflict(
        _post(api, f"{MFA}/verify", admin.token, {"code": code_at(secret, fake_clock.now)})
    )
    fake_clock.advance(timedelta(seconds=30))
    code = code_at(secret, fake_clock.now)
    stepped = _post(api, f"{MFA}/verify", admin.token, {"code": code})
    assert stepped.status_code == 200, stepped.text
    body = stepped.json()
    claims, before = _claims(body["accessToken"]), _claims(admin.token)
    assert "otp" in claims["amr"] and body["amr"] == claims["amr"]
    assert claims["auth_time"] == int(fake_clock.now.timestamp())
    assert (claims["sid"], claims["sub"]) == (before["sid"], before["sub"])
    assert "amr" not in before and "auth_time" not in before
    _field_conflict(_post(api, f"{MFA}/verify", admin.token, {"code": code}))  # replayed

    adjusted = _post(
        api,
        f"/api/v1/admin/users/{admin.user_id}/adjust-points",
        body["accessToken"],
        {"amount": 10, "reason": "step-up works"},
    )
    assert adjusted.status_code == 201, adjusted.text


def test_mfa_routes_are_for_admins_and_codes_are_six_digits(
    api: Client, member_factory: MemberFactory
) -> None:
    member = member_factory()
    admin = member_factory(role="admin")
    for route in ("enroll", "confirm", "verify"):
        assert api.post(f"{MFA}/{route}", json={"code": "123456"}).status_code == 401
        assert _post(api, f"{MFA}/{route}", member.token, {"code": "123456"}).status_code == 403
    for bad in ("12345", "1234567", "12345a", ""):
        response = _post(api, f"{MFA}/verify", admin.token, {"code": bad})
        assert response.status_code == 400, (bad, response.text)


def test_wrong_codes_lock_further_attempts(
    api: Client, fake_clock: FakeClock, member_factory: MemberFactory
) -> None:
    admin = member_factory(role="admin", stepped_up=False)
    assert admin.totp_secret is not None
    right = code_at(admin.totp_secret, fake_clock.now)
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"
    for _ in range(4):
        _field_conflict(_post(api, f"{MFA}/verify", admin.token, {"code": wrong}))
    fifth = _post(api, f"{MFA}/verify", admin.token, {"code": wrong})
    assert fifth.status_code == 429, fifth.text
    assert int(fifth.headers["Retry-After"]) == 15 * 60
    refused = _post(api, f"{MFA}/verify", admin.token, {"code": right})  # even the right one
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) == 15 * 60
    fake_clock.advance(timedelta(minutes=15, seconds=1))
    later = code_at(admin.totp_secret, fake_clock.now)
    assert _post(api, f"{MFA}/verify", admin.token, {"code": later}).status_code == 200


def test_a_good_code_resets_the_wrong_code_count(
    api: Client, fake_clock: FakeClock, member_factory: MemberFactory
) -> None:
    admin = member_factory(role="admin", stepped_up=False)
    assert admin.totp_secret is not None
    for _ in range(4):
        _field_conflict(_post(api, f"{MFA}/verify", admin.token, {"code": "000000"}))
    good = _post(
        api, f"{MFA}/verify", admin.token, {"code": code_at(admin.totp_secret, fake_clock.now)}
    )
    assert good.status_code == 200, good.text
    _field_conflict(_post(api, f"{MFA}/verify", admin.token, {"code": "000000"}))


def test_the_step_up_routes_are_the_sensitive_admin_actions() -> None:
    assert [s.name for s in STEP_UP_ROUTES] == [
        "admin_drawings.cancel",
        "admin_drawings.execute",
        "admin_fulfillment.redraw",
        "admin_points.adjust",
        "admin_review.resolve",
        "admin_users.set_status",
    ]


def _concrete(spec: FunctionSpec) -> str:
    assert spec.full_path is not None
    return re.sub(r"\{[A-Za-z]+\}", lambda _: str(uuid.uuid4()), spec.full_path)


@pytest.mark.parametrize("spec", STEP_UP_ROUTES, ids=lambda s: s.name)
def test_every_step_up_route_challenges_a_token_without_a_recent_otp(
    api: Client, member_factory: MemberFactory, spec: FunctionSpec
) -> None:
    assert spec.method is not None
    admin = member_factory(role="admin", stepped_up=False)
    headers = {"Authorization": f"Bearer {admin.token}"}
    _challenged(api.request(spec.method, _concrete(spec), json={}, headers=headers))
    member = member_factory()
    member_answer = api.request(spec.method, _concrete(spec), json={}, headers=member.headers)
    assert member_answer.status_code == 403  # the role is checked first
    assert "WWW-Authenticate" not in member_answer.headers


@pytest.mark.parametrize("spec", STEP_UP_ROUTES, ids=lambda s: s.name)
def test_the_contract_declares_the_step_up(spec: FunctionSpec) -> None:
    from fittrack.http import contract
    from fittrack.http.registry import production_functions

    assert spec.method is not None and spec.full_path is not None
    document = contract.openapi_document(production_functions())
    operation = document["paths"][spec.full_path][spec.method.lower()]
    assert operation["x-fittrack-step-up"] == {"amr": "otp", "maxAgeSeconds": 900}
    assert "insufficient_user_authentication" in operation["responses"]["401"]["description"]


def test_a_step_up_older_than_15_minutes_is_refused(
    api: Client, fake_clock: FakeClock, member_factory: MemberFactory
) -> None:
    admin = member_factory(role="admin")
    member = member_factory()
    path = f"/api/v1/admin/users/{member.user_id}/adjust-points"
    body = {"amount": 5, "reason": "within the window"}
    fake_clock.advance(timedelta(minutes=15))
    assert _post(api, path, admin.token, body).status_code == 201
    fake_clock.advance(timedelta(seconds=1))
    _challenged(_post(api, path, admin.token, body))
    assert admin.totp_secret is not None
    renewed = _post(
        api, f"{MFA}/verify", admin.token, {"code": code_at(admin.totp_secret, fake_clock.now)}
    )
    assert renewed.status_code == 200, renewed.text
    assert _post(api, path, renewed.json()["accessToken"], body).status_code == 201


def test_a_stepped_up_token_ends_with_its_session(
    api: Client, fake_clock: FakeClock, member_factory: MemberFactory
) -> None:
    admin = member_factory(role="admin")
    assert api.post("/api/v1/auth/logout", headers=admin.headers).status_code in (200, 204)
    response = _post(api, f"/api/v1/admin/users/{admin.user_id}/adjust-points", admin.token, {})
    assert response.status_code == 401, response.text
    assert response.json()["type"].endswith("/unauthorized")  # the session, not the step-up


def test_deleting_the_account_removes_its_authenticator(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    admin = member_factory(role="admin")
    assert api.request("DELETE", "/api/v1/users/me", headers=admin.headers).status_code == 204
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        assert authenticators.find(uow, admin.user_id) is None
