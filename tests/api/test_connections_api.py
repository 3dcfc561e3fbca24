"""Tracker connection endpoints over real HTTP: link, state rules, unlink, primary,
forced-sync limit (the Google Health webhook: tests/api/test_health_webhooks.py)."""

from __future__ import annotations

from datetime import timedelta

from fittrack.local.server import LocalPlatform
from tests.api.conftest import Client
from tests.fixtures.auth import FakeClock
from tests.fixtures.members import MemberFactory
from tests.fixtures.trackers import consent, eventually, link_over_http


def _connections(api: Client, headers: dict[str, str]) -> dict:
    answer = api.get("/api/v1/connections", headers=headers)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_linking_through_the_consent_page(api: Client, member_factory: MemberFactory) -> None:
    member = member_factory()
    started = api.post("/api/v1/connections/fitbit/initiate", headers=member.headers)
    assert started.status_code == 200
    url, state = started.json()["authorizationUrl"], started.json()["state"]
    assert "/_sim/fitbit/oauth/authorize?" in url and f"state={state}" in url
    assert "code_challenge_method=S256" in url
    page = api.session.get(url, timeout=10)
    assert page.status_code == 200 and "Allow" in page.text
    query = consent(url)
    linked = api.post(
        "/api/v1/connections/fitbit/callback",
        headers=member.headers,
        json={"code": query["code"], "state": query["state"]},
    )
    assert linked.status_code == 201, linked.text
    body = linked.json()
    assert (body["provider"], body["status"], body["isPrimary"]) == ("fitbit", "active", True)
    assert "token" not in linked.text.lower()
    listed = _connections(api, member.headers)
    assert [c["provider"] for c in listed["connections"]] == ["fitbit"]
    assert [p["provider"] for p in listed["available"]] == ["google_fit"]
    eventually(lambda: _connections(api, member.headers)["connections"][0]["lastSyncAt"])
    assert "token" not in api.get("/api/v1/connections", headers=member.headers).text.lower()


def test_state_is_single_use_bound_to_the_member_and_expires(
    api: Client, member_factory: MemberFactory, fake_clock: FakeClock
) -> None:
    ana, bo = member_factory(), member_factory()
    started = api.post("/api/v1/connections/fitbit/initiate", headers=ana.headers).json()
    query = consent(started["authorizationUrl"])
    stolen = api.post(
        "/api/v1/connections/fitbit/callback",
        headers=bo.headers,
        json={"code": query["code"], "state": query["state"]},
    )
    assert stolen.status_code == 409
    assert stolen.json()["type"].endswith("/invalid-oauth-state")
    mine = api.post(
        "/api/v1/connections/fitbit/callback",
        headers=ana.headers,
        json={"code": query["code"], "state": query["state"]},
    )
    assert mine.status_code == 201  # another member's attempt did not burn it
    again = api.post(
        "/api/v1/connections/fitbit/callback",
        headers=ana.headers,
        json={"code": query["code"], "state": query["state"]},
    )
    assert again.status_code == 409  # single use
    late = api.post("/api/v1/connections/google_fit/initiate", headers=ana.headers).json()
    late_query = consent(late["authorizationUrl"])
    fake_clock.advance(timedelta(minutes=11))
    expired = api.post(
        "/api/v1/connections/google_fit/callback",
        headers=ana.headers,
        json={"code": late_query["code"], "state": late_query["state"]},
    )
    assert expired.status_code == 409 and "expired" in expired.json()["detail"]


def test_unknown_provider_denied_consent_and_anonymous_calls(
    api: Client, member_factory: MemberFactory
) -> None:
    member = member_factory()
    assert (
        api.post("/api/v1/connections/garmin/initiate", headers=member.headers).status_code == 404
    )
    assert api.post("/api/v1/connections/fitbit/initiate").status_code == 401
    started = api.post("/api/v1/connections/fitbit/initiate", headers=member.headers).json()
    assert consent(started["authorizationUrl"], decision="deny")["error"] == "access_denied"
    assert _connections(api, member.headers)["connections"] == []


def test_unlink_revokes_at_the_provider_and_keeps_activities(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    member = member_factory()
    link_over_http(api, member.headers, "fitbit")

    def count() -> int:
        page = api.get("/api/v1/activities?limit=100", headers=member.headers)
        return int(page.json()["pagination"]["totalItems"])

    stored = eventually(count)
    simulator = local_platform.trackers["fitbit"]  # type: ignore[index]
    assert simulator._refresh
    gone = api.request("DELETE", "/api/v1/connections/fitbit", headers=member.headers)
    assert gone.status_code == 204
    assert not simulator._refresh and not simulator._access  # revoked at the provider
    [view] = _connections(api, member.headers)["connections"]
    assert (view["status"], view["isPrimary"]) == ("revoked", False)
    assert count() == stored
    again = api.request("DELETE", "/api/v1/connections/fitbit", headers=member.headers)
    assert again.status_code == 404


def test_primary_tracker_can_be_changed(api: Client, member_factory: MemberFactory) -> None:
    member = member_factory()
    link_over_http(api, member.headers, "fitbit")
    second = link_over_http(api, member.headers, "google_fit", sim_user="other@example.com")
    assert second["isPrimary"] is False
    made = api.request("PUT", "/api/v1/connections/google_fit/primary", headers=member.headers)
    assert made.status_code == 200 and made.json()["isPrimary"] is True
    primary = {
        c["provider"]: c["isPrimary"] for c in _connections(api, member.headers)["connections"]
    }
    assert primary == {"fitbit": False, "google_fit": True}
    missing = api.request(
        "PUT", "/api/v1/connections/fitbit/primary", headers=member_factory().headers
    )
    assert missing.status_code == 404


def test_forced_sync_once_per_five_minutes_per_provider(
    api: Client, member_factory: MemberFactory, fake_clock: FakeClock
) -> None:
    member = member_factory()
    link_over_http(api, member.headers, "fitbit")
    link_over_http(api, member.headers, "google_fit")
    first = api.post("/api/v1/connections/fitbit/sync", headers=member.headers)
    assert first.status_code == 202 and first.json()["queued"] is True
    second = api.post("/api/v1/connections/fitbit/sync", headers=member.headers)
    assert second.status_code == 429
    assert second.json()["type"].endswith("/rate-limited")
    assert 0 < int(second.headers["Retry-After"]) <= 300
    other = api.post("/api/v1/connections/google_fit/sync", headers=member.headers)
    assert other.status_code == 202  # per provider
    fake_clock.advance(timedelta(minutes=5, seconds=1))
    assert api.post("/api/v1/connections/fitbit/sync", headers=member.headers).status_code == 202
