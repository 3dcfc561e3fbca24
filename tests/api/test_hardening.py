"""Defects an outside test found, each kept fixed over real HTTP: every bad request is a
clean 4xx problem that changes nothing."""

from __future__ import annotations

import uuid

import jwt
import pytest

from fittrack.local.server import LocalPlatform
from fittrack.schemas.base import MAX_PAGE
from tests.api.conftest import Client
from tests.fixtures.auth import PASSWORD, bearer, login, registration, signed_up
from tests.fixtures.members import MemberFactory

PROBLEM = "application/problem+json"


def _problem(answer: object, status: int) -> dict:
    assert answer.status_code == status, answer.text  # type: ignore[attr-defined]
    assert answer.headers["Content-Type"].startswith(PROBLEM)  # type: ignore[attr-defined]
    return dict(answer.json())  # type: ignore[attr-defined]


# ---- 1. pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", [str(MAX_PAGE + 1), "9223372036854775807", "0", "-1"])
def test_a_page_out_of_range_is_a_400_problem(api: Client, page: str) -> None:
    problem = _problem(api.get("/api/v1/prizes", params={"page": page}), 400)
    assert any(e["field"].endswith("page") for e in problem["errors"])


def test_the_last_allowed_page_is_answered(api: Client) -> None:
    answer = api.get("/api/v1/prizes", params={"page": str(MAX_PAGE)})
    assert answer.status_code == 200 and answer.json()["items"] == []


# ---- 2. bodies that would break the parser ------------------------------------------------


def test_deeply_nested_json_is_a_400_problem(api: Client) -> None:
    body = "[" * 5000 + "]" * 5000
    answer = api.post("/api/v1/auth/login", data=body, headers={"Content-Type": "application/json"})
    problem = _problem(answer, 400)
    assert "deeper" in problem["errors"][0]["message"]


def test_a_huge_number_in_a_field_is_a_400_problem_naming_it(api: Client) -> None:
    body = '{"email": "a@example.com", "password": ' + "9" * 5000 + "}"
    answer = api.post("/api/v1/auth/login", data=body, headers={"Content-Type": "application/json"})
    problem = _problem(answer, 400)
    assert [e["field"] for e in problem["errors"]] == ["password"]


def test_a_huge_number_where_an_integer_is_read_is_a_400_problem(
    api: Client, member_factory: MemberFactory
) -> None:
    member = member_factory()
    body = '{"displayName": "Huge", "heightInches": ' + "7" * 5000 + "}"
    answer = api.request(
        "PUT",
        "/api/v1/users/me/profile",
        data=body,
        headers={**member.headers, "Content-Type": "application/json"},
    )
    problem = _problem(answer, 400)
    assert "heightInches" in [e["field"] for e in problem["errors"]]


def test_a_huge_number_in_an_ignored_field_is_ignored(api: Client) -> None:
    """Unknown fields are ignored, whatever they hold (the contract allows them)."""
    body = '{"email": "nobody@example.com", "note": -' + "9" * 5000 + "}"
    answer = api.post(
        "/api/v1/auth/forgot-password", data=body, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 202, answer.text


def test_strings_may_hold_brackets_and_digits(api: Client) -> None:
    """The shape check looks outside strings only: a password full of them is fine."""
    email = signed_up(api)
    answer = api.post("/api/v1/auth/login", json={"email": email, "password": "[" * 40 + "1" * 40})
    assert answer.status_code == 401  # wrong password, not a parse error


# ---- 3. an update with nothing to set ----------------------------------------------------


def test_an_empty_fulfillment_update_is_a_400_problem(
    api: Client, member_factory: MemberFactory
) -> None:
    admin = member_factory(role="admin")
    answer = api.request(
        "PUT", f"/api/v1/admin/fulfillments/{uuid.uuid4()}", json={}, headers=admin.headers
    )
    _problem(answer, 400)


# ---- 4. dates out of range ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/points/daily", {"date": "0001-01-01"}),
        ("/api/v1/points/transactions", {"endDate": "9999-12-31"}),
        ("/api/v1/points/transactions", {"startDate": "0"}),
        ("/api/v1/activities", {"startDate": "1969-12-31"}),
    ],
)
def test_dates_outside_the_programs_life_are_400_problems(
    api: Client, member_factory: MemberFactory, path: str, params: dict[str, str]
) -> None:
    member = member_factory()
    _problem(api.get(path, params=params, headers=member.headers), 400)


def test_a_birth_year_before_1900_is_refused(api: Client) -> None:
    answer = api.post("/api/v1/auth/register", json=registration(dateOfBirth="0001-01-01"))
    problem = _problem(answer, 400)
    assert [e["field"] for e in problem["errors"]] == ["dateOfBirth"]


def test_a_drawing_in_the_year_9999_is_refused(api: Client, member_factory: MemberFactory) -> None:
    admin = member_factory(role="admin")
    answer = api.post(
        "/api/v1/admin/drawings",
        headers=admin.headers,
        json={"type": "daily", "name": "Far away", "drawingTime": "9999-01-01T21:00:00Z"},
    )
    problem = _problem(answer, 400)
    assert [e["field"] for e in problem["errors"]] == ["drawingTime"]


# ---- 10. strict types ---------------------------------------------------------------------


@pytest.mark.parametrize("accepted", ["true", 1])
def test_consent_must_be_a_real_boolean(api: Client, accepted: object) -> None:
    answer = api.post("/api/v1/auth/register", json=registration(acceptedTerms=accepted))
    problem = _problem(answer, 400)
    assert any(e["field"] == "acceptedTerms" for e in problem["errors"])


# ---- 13. logging out twice ----------------------------------------------------------------


def test_a_second_logout_is_still_204(api: Client) -> None:
    tokens = login(api, signed_up(api))
    assert api.post("/api/v1/auth/logout", headers=bearer(tokens)).status_code == 204
    assert api.post("/api/v1/auth/logout", headers=bearer(tokens)).status_code == 204
    # ...while the ended session opens nothing else
    assert api.get("/api/v1/users/me", headers=bearer(tokens)).status_code == 401


# ---- 14. token checks ---------------------------------------------------------------------


def _forged(local_platform: LocalPlatform, **changes: object) -> dict[str, str]:
    tokens = local_platform.platform.tokens
    issued = tokens.issue_access(uuid.uuid4(), "user", "active", uuid.uuid4()).token
    claims = jwt.decode(issued, options={"verify_signature": False})
    claims.update(changes)
    for name in [k for k, v in changes.items() if v is None]:
        claims.pop(name)
    token = jwt.encode(claims, tokens._private_key, algorithm="RS256", headers={"kid": tokens.kid})
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    "changes",
    [{"sid": None}, {"sub": "not-a-uuid"}, {"nbf": 4_102_444_800}],
    ids=["no-session", "non-uuid-subject", "not-before-2100"],
)
def test_signed_tokens_that_break_a_rule_are_401_problems(
    api: Client, local_platform: LocalPlatform, changes: dict[str, object]
) -> None:
    headers = _forged(local_platform, **changes)
    _problem(api.get("/api/v1/users/me", headers=headers), 401)


# ---- 8. change-password guesses count like sign-in failures -------------------------------


def test_wrong_current_passwords_lock_the_account_like_sign_in(api: Client) -> None:
    email = signed_up(api)
    headers = bearer(login(api, email))
    body = {"currentPassword": "Wrong-password-1!", "newPassword": "Another-password-2!"}
    statuses = [
        api.request("PUT", "/api/v1/users/me/password", json=body, headers=headers).status_code
        for _ in range(5)
    ]
    assert statuses == [409, 409, 409, 409, 423]
    locked = api.request(
        "PUT",
        "/api/v1/users/me/password",
        headers=headers,
        json={**body, "currentPassword": PASSWORD},
    )
    assert _problem(locked, 423)["type"].endswith("/locked") and locked.headers["Retry-After"]
    signing_in = api.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert signing_in.status_code == 423


# ---- 9. lockout does not reveal which emails are registered -------------------------------


def _attempts(api: Client, email: str) -> list[tuple[int, str, list[str]]]:
    found = []
    for _ in range(6):
        answer = api.post(
            "/api/v1/auth/login", json={"email": email, "password": "Not-the-password-9!"}
        )
        doc = answer.json()
        found.append((answer.status_code, doc["title"] + "|" + doc["detail"], sorted(doc)))
    return found


def test_unknown_and_known_emails_lock_alike(api: Client) -> None:
    known = _attempts(api, signed_up(api))
    unknown = _attempts(api, f"nobody-{uuid.uuid4().hex[:8]}@example.com")
    assert [status for status, _, _ in known] == [401, 401, 401, 401, 423, 423]
    assert unknown == known


# ---- 10. bodies the contract requires, and characters nobody types ------------------------


def test_a_required_body_may_not_be_left_out(api: Client, member_factory: MemberFactory) -> None:
    admin = member_factory(role="admin")
    answer = api.request("PUT", f"/api/v1/admin/fulfillments/{uuid.uuid4()}", headers=admin.headers)
    problem = _problem(answer, 400)
    assert problem["errors"] == [
        {"field": "body", "message": "A JSON body is required.", "code": "missing"}
    ]


@pytest.mark.parametrize("name", ["Ac\u0000me", "Acme\u001b[31m", "Ac\u007fme"])
def test_control_characters_are_refused_in_admin_names(
    api: Client, member_factory: MemberFactory, name: str
) -> None:
    admin = member_factory(role="admin")
    answer = api.post("/api/v1/admin/sponsors", headers=admin.headers, json={"name": name})
    problem = _problem(answer, 400)
    assert [e["field"] for e in problem["errors"]] == ["name"]
    listed = api.get("/api/v1/admin/sponsors", headers=admin.headers).json()
    assert listed["pagination"]["totalItems"] == 0  # nothing stored
