"""Contract tests: each provider adapter against its simulator, over real HTTP.

OAuth (consent page, PKCE code exchange, refresh without rotation, revocation), the data
shapes the adapters read, and every failure switch of the simulators.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
import requests

from fittrack import config
from fittrack.adapters import providers as registry
from fittrack.adapters.providers.base import (
    AccessTokenRefused,
    GrantRevoked,
    ProviderGone,
    ProviderMaybeGone,
    RateLimited,
    TokenSet,
    TrackerProvider,
    Transient,
)
from fittrack.domain.sync import fetch_window
from fittrack.local.server import LocalPlatform
from fittrack.local.simulators import sim_data
from tests.fixtures.trackers import consent, control, quiet_platform

PROVIDERS = ("fitbit", "google_fit")
NO_BUDGET = lambda: None  # noqa: E731


@pytest.fixture
def local(fittrack_home: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalPlatform]:
    monkeypatch.setenv("FITTRACK_TRACKER_HTTP_TIMEOUT", "1")
    config.reset()
    platform = quiet_platform()
    yield platform
    platform.shutdown()


def adapter(local: LocalPlatform, name: str) -> TrackerProvider:
    return registry.get_provider(name, local.platform.settings, local.platform.secrets)


def linked(local: LocalPlatform, name: str, user: str = "ana@example.com") -> TokenSet:
    provider, verifier = adapter(local, name), secrets.token_urlsafe(48)
    query = consent(provider.authorization_url("st-1", verifier), user=user)
    assert query["state"] == "st-1"
    return provider.exchange_code(query["code"], verifier)


@pytest.mark.parametrize("name", PROVIDERS)
def test_consent_page_is_the_authorization_url(local: LocalPlatform, name: str) -> None:
    url = adapter(local, name).authorization_url("state-x", secrets.token_urlsafe(48))
    assert url.startswith(f"{local.url}/_sim/{name}/oauth/authorize?")
    assert "code_challenge_method=S256" in url and "access_type=offline" in url
    page = requests.get(url, timeout=10)
    assert page.status_code == 200 and "decision" in page.text
    assert consent(url, decision="deny") == {"error": "access_denied", "state": "state-x"}


@pytest.mark.parametrize("name", PROVIDERS)
def test_code_exchange_needs_the_pkce_verifier(local: LocalPlatform, name: str) -> None:
    provider = adapter(local, name)
    query = consent(provider.authorization_url("s", secrets.token_urlsafe(48)))
    with pytest.raises(GrantRevoked):
        provider.exchange_code(query["code"], secrets.token_urlsafe(48))
    tokens = linked(local, name)
    assert tokens.refresh_token and tokens.expires_in and tokens.expires_in > 0
    assert tokens.access_token not in repr(tokens) and tokens.refresh_token not in repr(tokens)


@pytest.mark.parametrize("name", PROVIDERS)
def test_refresh_keeps_the_refresh_token_as_google_does(local: LocalPlatform, name: str) -> None:
    provider, first = adapter(local, name), linked(local, name)
    assert first.refresh_token is not None
    second = provider.refresh(first.refresh_token)
    assert second.refresh_token == first.refresh_token  # Google sends none: ours is kept
    assert second.access_token != first.access_token
    third = provider.refresh(first.refresh_token)  # still valid until revoked
    assert third.access_token not in (first.access_token, second.access_token)


@pytest.mark.parametrize("name", PROVIDERS)
def test_fetch_normalises_the_simulated_days(local: LocalPlatform, name: str) -> None:
    provider, tokens = adapter(local, name), linked(local, name)
    now = local.platform.clock()
    found = list(provider.fetch_since(tokens.access_token, fetch_window(None, now), NO_BUDGET))
    assert {a.source for a in found} == {name}
    assert {a.activity_type for a in found} >= {"steps", "active_minutes"}
    days = fetch_window(None, now).days
    assert len(days) == 7
    past = days[:-1]  # today's totals are still growing while we compare
    steps = {a.external_id: a.metrics["steps"] for a in found if a.activity_type == "steps"}
    share = 1.0 if name == "fitbit" else 0.97  # the simulated phone counts a little less
    assert {f"steps:{day}": steps[f"steps:{day}"] for day in past} == {
        f"steps:{day}": sum(
            int(hour[1] * share) for hour in sim_data.hourly_so_far("ana@example.com", day, now)
        )
        for day in past
    }
    assert all(
        a.intensity in ("light", "moderate", "vigorous")
        for a in found
        if a.activity_type == "active_minutes"
    )
    workouts = [
        a
        for a in found
        if a.activity_type == "workout" and a.start_time.astimezone(sim_data.USER_TZ).date() in past
    ]
    expected_workouts = sum(len(sim_data.workouts_so_far("ana@example.com", d, now)) for d in past)
    assert len(workouts) == expected_workouts
    assert len({a.external_id for a in found}) == len(found)


def test_google_fit_minutes_split_by_heart_points(local: LocalPlatform) -> None:
    tokens, now = linked(local, "google_fit"), local.platform.clock()
    window = fetch_window(None, now)
    found = adapter(local, "google_fit").fetch_since(tokens.access_token, window, NO_BUDGET)
    day = window.days[0]
    _, minutes = sim_data.totals_so_far("ana@example.com", day, now)
    got = {
        a.intensity: a.duration_minutes
        for a in found
        if a.activity_type == "active_minutes" and a.external_id.split(":")[1] == str(day)
    }
    assert got == {k: v for k, v in minutes.items() if v > 0}


@pytest.mark.parametrize("name", PROVIDERS)
def test_switches(local: LocalPlatform, name: str) -> None:
    provider, tokens = adapter(local, name), linked(local, name)
    window = fetch_window(None, local.platform.clock())
    fetch = lambda: provider.fetch_since(tokens.access_token, window, NO_BUDGET)  # noqa: E731
    control(local, name, "rate_limit", retryAfter=42)
    with pytest.raises(RateLimited) as limited:
        fetch()
    assert limited.value.retry_after == 42
    control(local, name, "server_error")
    with pytest.raises(Transient):
        fetch()
    control(local, name, "timeout", delaySeconds=2)
    with pytest.raises(Transient, match="in time"):
        fetch()
    control(local, name, "gone")
    with pytest.raises(ProviderGone):
        fetch()
    control(local, name, "revoked")
    with pytest.raises(AccessTokenRefused):
        fetch()
    assert tokens.refresh_token is not None
    with pytest.raises(GrantRevoked):
        provider.refresh(tokens.refresh_token)
    control(local, name, "none")
    assert fetch()


@pytest.mark.parametrize("status", [403, 404])
def test_google_fit_service_disabled_or_bare_not_found_may_be_gone(
    local: LocalPlatform, status: int
) -> None:
    """Not gone at once: retired only when it persists (test_provider_retirement.py)."""
    provider, tokens = adapter(local, "google_fit"), linked(local, "google_fit")
    control(local, "google_fit", "gone", status=status)
    with pytest.raises(ProviderMaybeGone):
        provider.fetch_since(
            tokens.access_token, fetch_window(None, local.platform.clock()), NO_BUDGET
        )


@pytest.mark.parametrize("name", PROVIDERS)
def test_revoked_tokens_stop_working(local: LocalPlatform, name: str) -> None:
    provider, tokens = adapter(local, name), linked(local, name)
    assert tokens.refresh_token is not None
    provider.revoke(tokens.refresh_token)
    with pytest.raises(AccessTokenRefused):
        provider.fetch_since(
            tokens.access_token, fetch_window(None, local.platform.clock()), NO_BUDGET
        )


def test_fitbit_identity_names_the_member(local: LocalPlatform) -> None:
    tokens = linked(local, "fitbit", user="bo@example.com")
    found = adapter(local, "fitbit").external_user_id(tokens.access_token)
    assert found == sim_data.user_key("bo@example.com")


@pytest.mark.parametrize("name", PROVIDERS)
def test_the_budget_is_taken_before_every_request(local: LocalPlatform, name: str) -> None:
    provider, tokens = adapter(local, name), linked(local, name)
    taken: list[int] = []

    def budget() -> None:
        taken.append(1)
        if len(taken) > 1:
            raise RateLimited("quota", 7.0)

    with pytest.raises(RateLimited):
        provider.fetch_since(
            tokens.access_token, fetch_window(None, local.platform.clock()), budget
        )
    assert len(taken) == 2
