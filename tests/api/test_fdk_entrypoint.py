"""functions/main.py through fdk's own test fixtures, as API Gateway calls it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest
from fdk import fixtures

from fittrack.db import migrate
from fittrack.platform import get_platform, set_platform
from functions import main


@pytest.fixture(autouse=True)
def migrated() -> Iterator[None]:
    """The function's database has its tables (the tiers read their member counts)."""
    migrate(get_platform().db)
    yield
    set_platform(None)


def gateway_call(
    monkeypatch: pytest.MonkeyPatch,
    function: str,
    method: str,
    url: str,
    headers: dict[str, str] | None = None,
    content: bytes | None = None,
):
    monkeypatch.setenv("FITTRACK_FUNCTION", function)

    async def run():
        call = await fixtures.setup_fn_call(
            main.handler,
            request_url=url,
            method=method,
            headers=headers or {},
            content=content,
            gateway=True,
        )
        return await call

    return asyncio.run(run())


def test_health_through_fdk(monkeypatch: pytest.MonkeyPatch) -> None:
    body, status, headers = gateway_call(
        monkeypatch, "health.status", "GET", "/api/v1/health", headers={"X-Request-Id": "abc-123"}
    )
    assert status == 200
    assert headers["fn-http-status"] == "200"
    assert headers["content-type"] == "application/json"
    assert headers["fn-http-h-x-request-id"] == "abc-123"
    assert headers["fn-http-h-x-content-type-options"] == "nosniff"
    assert json.loads(body) == {"status": "ok", "version": "0.1.0"}


def test_unknown_tier_is_a_404_problem_through_fdk(monkeypatch: pytest.MonkeyPatch) -> None:
    body, _, headers = gateway_call(monkeypatch, "tiers.get", "GET", "/api/v1/tiers/X-1-NOPE")
    assert headers["fn-http-status"] == "404"
    assert headers["content-type"] == "application/problem+json"
    problem = json.loads(body)
    assert problem["status"] == 404 and problem["instance"] == "/api/v1/tiers/X-1-NOPE"


def test_known_tier_through_fdk(monkeypatch: pytest.MonkeyPatch) -> None:
    body, _, headers = gateway_call(monkeypatch, "tiers.get", "GET", "/api/v1/tiers/f-40-49-adv")
    assert headers["fn-http-status"] == "200"
    assert json.loads(body)["tierCode"] == "F-40-49-ADV"


def test_the_function_comes_from_the_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    body, _, headers = gateway_call(monkeypatch, "tiers.list", "GET", "/api/v1/tiers")
    assert headers["fn-http-status"] == "200"
    assert len(json.loads(body)["tiers"]) == 30
