"""A social sign-up completes its registration: DOB, residence, consents, once."""

from __future__ import annotations

from tests.api.conftest import Client
from tests.api.test_social_login import sign_in, simulated_providers  # noqa: F401

COMPLETE = "/api/v1/auth/complete-registration"
DETAILS = {
    "dateOfBirth": "1991-07-14",
    "stateOfResidence": "ca",
    "acceptedTerms": True,
    "acceptedSweepstakesRules": True,
}


def social_member(api: Client, hint: str) -> dict[str, str]:
    body = sign_in(api, hint).json()
    assert body["needsRegistrationDetails"] is True
    return {"Authorization": f"Bearer {body['accessToken']}"}


def test_completing_activates_a_provider_verified_account(api: Client) -> None:
    headers = social_member(api, "finish.me@gmail.com|sub=c-1")
    response = api.post(COMPLETE, json=DETAILS, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "active"
    again = sign_in(api, "finish.me@gmail.com|sub=c-1").json()
    assert again["needsRegistrationDetails"] is False and again["user"]["status"] == "active"


def test_an_unverified_social_email_stays_pending(api: Client) -> None:
    headers = social_member(api, "unsure@example.com|verified=false|sub=c-2")
    response = api.post(COMPLETE, json=DETAILS, headers=headers)
    assert response.status_code == 200 and response.json()["status"] == "pending"


def test_bad_details_are_field_errors_and_change_nothing(api: Client) -> None:
    headers = social_member(api, "young@example.com|sub=c-3")
    bad = {
        "dateOfBirth": "2015-01-01",
        "stateOfResidence": "NY",
        "acceptedTerms": False,
        "acceptedSweepstakesRules": False,
    }
    response = api.post(COMPLETE, json=bad, headers=headers)
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {
        "dateOfBirth",
        "stateOfResidence",
        "acceptedTerms",
        "acceptedSweepstakesRules",
    }
    assert api.post(COMPLETE, json=DETAILS, headers=headers).status_code == 200


def test_a_date_of_birth_never_changes(api: Client) -> None:
    headers = social_member(api, "once@example.com|sub=c-4")
    assert api.post(COMPLETE, json=DETAILS, headers=headers).status_code == 200
    changed = {**DETAILS, "dateOfBirth": "1970-01-01"}
    assert api.post(COMPLETE, json=changed, headers=headers).status_code == 409


def test_completing_needs_a_signed_in_member(api: Client) -> None:
    assert api.post(COMPLETE, json=DETAILS).status_code == 401
