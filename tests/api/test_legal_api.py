"""GET /legal/{kind} and /legal/{kind}/{version} over real HTTP: public, the versions
registration records, markdown packaged with the code."""

from __future__ import annotations

import pytest

from fittrack.domain.constants import SWEEPSTAKES_RULES_VERSION, TERMS_VERSION
from fittrack.local.server import LocalPlatform
from tests.api.conftest import Client
from tests.fixtures.auth import register, unique_email

KINDS = ("terms", "privacy", "sweepstakes-rules")


@pytest.mark.parametrize("kind", KINDS)
def test_the_current_version_is_public_markdown(api: Client, kind: str) -> None:
    answer = api.get(f"/api/v1/legal/{kind}")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["kind"] == kind and body["format"] == "markdown" and body["current"] is True
    assert body["version"] == body["currentVersion"] and body["version"] in body["versions"]
    assert body["text"].startswith("# ") and body["title"] == body["text"][2:].splitlines()[0]
    same = api.get(f"/api/v1/legal/{kind}/{body['version']}")
    assert same.status_code == 200 and same.json() == body


def test_the_versions_are_the_ones_registration_records(
    api: Client, local_platform: LocalPlatform
) -> None:
    terms = api.get("/api/v1/legal/terms").json()
    rules = api.get("/api/v1/legal/sweepstakes-rules").json()
    assert (terms["version"], rules["version"]) == (TERMS_VERSION, SWEEPSTAKES_RULES_VERSION)
    assert "NO PURCHASE NECESSARY" in rules["text"]

    email = unique_email("legal")
    register(api, email)
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        accepted = uow.query_one(
            "SELECT terms_version, sweepstakes_rules_version FROM users"
            " WHERE email_normalized = :e",
            {"e": email.lower()},
        )
    assert accepted == {
        "terms_version": terms["version"],
        "sweepstakes_rules_version": rules["version"],
    }


def test_unknown_kinds_and_versions_are_404(api: Client) -> None:
    for path in ("/legal/cookies", "/legal/terms/1999-01", "/legal/terms/..%2F..%2Fpyproject"):
        answer = api.get("/api/v1" + path)
        assert answer.status_code == 404, (path, answer.text)
        assert answer.headers["Content-Type"].startswith("application/problem+json")
