"""JWKS at the root, rate limits with Retry-After, forged tokens over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import requests

from fittrack import config
from fittrack.local.server import LocalPlatform, start
from tests.api.conftest import ROOT, Client


@pytest.fixture
def strict_local(fittrack_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalPlatform]:
    monkeypatch.setenv("FITTRACK_RATE_LIMITS", "anonymous=3,member=5,admin=8")
    config.reset()
    local = start(ROOT, "127.0.0.1", port=0, seed=False)
    yield local
    local.shutdown()


@pytest.fixture
def strict_api(strict_local: LocalPlatform) -> Iterator[Client]:
    with requests.Session() as session:
        yield Client(strict_local.url, session)


def test_jwks_is_served_at_the_root(api: Client, local_platform: LocalPlatform) -> None:
    response = api.get("/.well-known/jwks.json")
    assert response.status_code == 200
    keys = response.json()["keys"]
    assert keys[0]["kid"] == local_platform.platform.tokens.kid and "d" not in keys[0]


def test_anonymous_callers_are_limited_per_ip_with_retry_after(strict_api: Client) -> None:
    statuses = [strict_api.get("/api/v1/tiers").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = strict_api.get("/api/v1/tiers")
    assert limited.status_code == 429
    # At most the rest of the window plus the time the accepted burst takes to weigh
    # one request less in the next (60 / 3 s).
    assert 1 <= int(limited.headers["Retry-After"]) <= 80
    assert limited.json()["type"].endswith("/rate-limited")
    # health checks are not counted against callers
    assert strict_api.get("/api/v1/health").status_code == 200


@pytest.mark.parametrize("header", ["Bearer not-a-jwt", "Bearer a.b.c", "Basic dXNlcjpwYXNz"])
def test_forged_tokens_get_a_401_problem(api: Client, header: str) -> None:
    response = api.get("/api/v1/auth/sessions", headers={"Authorization": header})
    if response.status_code == 404:
        pytest.fail("a member route is needed for this test: /api/v1/auth/sessions")
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("offset_seconds", [0, 27, 59])
def test_a_client_that_obeys_retry_after_gets_through(
    strict_local: LocalPlatform, strict_api: Client, offset_seconds: int
) -> None:
    """Hardening defect 5: 11 requests then the named wait must be enough."""
    start_at = strict_local.platform.clock().replace(second=0, microsecond=0)
    now = [start_at + timedelta(seconds=offset_seconds)]
    strict_local.platform.clock = lambda: now[0]
    strict_local.platform.__dict__.pop("rate_limiter", None)
    answers = [strict_api.get("/api/v1/tiers") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    wait = int(answers[-1].headers["Retry-After"])
    now[0] += timedelta(seconds=wait - 1)
    assert strict_api.get("/api/v1/tiers").status_code == 429
    now[0] += timedelta(seconds=1)
    assert strict_api.get("/api/v1/tiers").status_code == 200
