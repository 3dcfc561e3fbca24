"""POST /auth/register, /auth/verify-email and /auth/resend-verification over real HTTP."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest

from fittrack.clock import program_day
from fittrack.db import ids
from fittrack.local.server import LocalPlatform
from tests.fixtures.auth import (
    FakeClock,
    emailed_token,
    emails_to,
    register,
    registration,
    unique_email,
)

REGISTER = "/api/v1/auth/register"


def users_with_email(local_platform: LocalPlatform, email: str) -> list[dict[str, Any]]:
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        return uow.query(
            "SELECT user_id, status, email_verified_at, terms_version, terms_accepted_at,"
            " sweepstakes_rules_version, sweepstakes_rules_accepted_at, password_hash"
            " FROM users WHERE email_normalized = :e",
            {"e": email.lower()},
        )


def test_register_creates_a_pending_account_and_emails_a_link(
    api: Any, local_platform: LocalPlatform
) -> None:
    email = unique_email()
    response = api.post(REGISTER, json=registration(email))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["email"] == email and body["status"] == "pending"
    assert "password" not in response.text.lower()
    [row] = users_with_email(local_platform, email)
    assert str(ids.from_db(row["user_id"])) == body["userId"]
    assert row["terms_version"] and row["terms_accepted_at"] is not None
    assert row["sweepstakes_rules_version"] and row["sweepstakes_rules_accepted_at"] is not None
    assert row["password_hash"].startswith("$argon2id$")
    [mail] = emails_to(api, email)
    link = next(line for line in mail["bodyText"].splitlines() if "?token=" in line)
    assert link.startswith(local_platform.platform.settings.public_base_url + "/verify-email?")
    assert link.rsplit("?token=", 1)[1] == emailed_token(api, email, "verify_email")


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("email", "not-an-email", "invalid_email"),
        ("password", "short1!A", "weak_password"),
        ("password", "alllowercase-and-1", "weak_password"),
        ("password", "NoDigitsHere-at-all", "weak_password"),
        ("password", "NoSymbols1234567", "weak_password"),
        ("dateOfBirth", "1990-02-30", "invalid_date"),
        ("dateOfBirth", "1899-12-31", "invalid_date"),
        ("dateOfBirth", "2099-01-01", "in_future"),
        ("stateOfResidence", "NY", "excluded_state"),
        ("stateOfResidence", "FL", "excluded_state"),
        ("stateOfResidence", "RI", "excluded_state"),
        ("stateOfResidence", "ZZ", "invalid_state"),
        ("acceptedTerms", False, "consent_required"),
        ("acceptedSweepstakesRules", False, "consent_required"),
    ],
)
def test_each_bad_field_is_a_field_error_and_creates_nobody(
    api: Any, local_platform: LocalPlatform, field: str, value: Any, code: str
) -> None:
    body = registration(unique_email("bad"))
    body[field] = value
    response = api.post(REGISTER, json=body)
    assert response.status_code == 400, response.text
    problem = response.json()
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [(field, code)]
    assert users_with_email(local_platform, body["email"]) == []
    assert "short1!A" not in response.text


def test_missing_consent_fields_count_as_not_accepted(api: Any) -> None:
    body = registration()
    del body["acceptedTerms"], body["acceptedSweepstakesRules"]
    response = api.post(REGISTER, json=body)
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"acceptedTerms", "acceptedSweepstakesRules"}


def test_under_18_is_refused_until_the_18th_birthday(
    api: Any, local_platform: LocalPlatform, fake_clock: FakeClock
) -> None:
    today = program_day(fake_clock())
    turns_18_tomorrow = (today + timedelta(days=1)).replace(year=today.year - 18)
    email = unique_email()
    response = api.post(
        REGISTER, json=registration(email, dateOfBirth=turns_18_tomorrow.isoformat())
    )
    assert response.status_code == 400
    assert [e["code"] for e in response.json()["errors"]] == ["under_age"]
    assert users_with_email(local_platform, email) == []
    fake_clock.advance(timedelta(days=1))
    response = api.post(
        REGISTER, json=registration(email, dateOfBirth=turns_18_tomorrow.isoformat())
    )
    assert response.status_code == 201, response.text


def test_duplicate_email_is_a_conflict_whatever_the_case(
    api: Any, local_platform: LocalPlatform
) -> None:
    email = unique_email()
    register(api, email)
    response = api.post(REGISTER, json=registration("  " + email.upper()))
    assert response.status_code == 409
    assert response.json()["status"] == 409
    assert len(users_with_email(local_platform, email)) == 1


def test_parallel_registrations_of_one_email_make_exactly_one_account(
    api: Any, local_platform: LocalPlatform
) -> None:
    import requests

    email = unique_email("race")
    barrier = threading.Barrier(8)
    statuses: list[int] = []

    def attempt(n: int) -> None:
        body = registration(email.upper() if n % 2 else email)
        barrier.wait()
        statuses.append(requests.post(api.base + REGISTER, json=body, timeout=30).status_code)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201] + [409] * 7
    assert len(users_with_email(local_platform, email)) == 1


def test_verify_email_activates_the_account_once(api: Any, local_platform: LocalPlatform) -> None:
    email = unique_email()
    user_id = register(api, email)["userId"]
    token = emailed_token(api, email, "verify_email")
    response = api.post("/api/v1/auth/verify-email", json={"token": token})
    assert response.status_code == 200, response.text
    assert response.json() == {"userId": user_id, "status": "active", "emailVerified": True}
    [row] = users_with_email(local_platform, email)
    assert row["status"] == "active" and row["email_verified_at"] is not None
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        change = uow.query_one(
            "SELECT from_status, to_status, reason, changed_by"
            " FROM user_status_changes WHERE user_id = :id",
            {"id": row["user_id"]},
        )
    assert change is not None and (change["from_status"], change["to_status"]) == (
        "pending",
        "active",
    )
    again = api.post("/api/v1/auth/verify-email", json={"token": token})
    assert again.status_code == 409  # well formed, but used: a conflict with the records
    assert again.json()["errors"][0] == {
        "field": "token",
        "message": "This link is invalid, used or expired.",
        "code": "invalid_token",
    }


def test_verification_link_expires_after_24_hours(api: Any, fake_clock: FakeClock) -> None:
    email = unique_email()
    register(api, email)
    token = emailed_token(api, email, "verify_email")
    fake_clock.advance(timedelta(hours=24, seconds=1))
    assert api.post("/api/v1/auth/verify-email", json={"token": token}).status_code == 409


def test_unknown_verification_token_is_refused(api: Any) -> None:
    response = api.post("/api/v1/auth/verify-email", json={"token": "nope"})
    assert response.status_code == 409
    assert response.json()["type"].endswith("/field-conflict")


def test_resend_verification_answers_the_same_either_way(api: Any) -> None:
    email = unique_email()
    register(api, email)
    known = api.post("/api/v1/auth/resend-verification", json={"email": email})
    unknown = api.post("/api/v1/auth/resend-verification", json={"email": unique_email()})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert len(emails_to(api, email)) == 2
    token = emailed_token(api, email, "verify_email")
    assert api.post("/api/v1/auth/verify-email", json={"token": token}).status_code == 200
    api.post("/api/v1/auth/resend-verification", json={"email": email})
    assert len(emails_to(api, email)) == 2  # verified: nothing more is sent
