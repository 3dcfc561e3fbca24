"""End to end over HTTP: register, link Fitbit through the simulator's consent page,
run the 15-minute tick, see activities and points; unlink keeps the data; Google Fit's
shutdown retires its connection, keeps its data and says so."""

from __future__ import annotations

from datetime import timedelta

import requests

from fittrack.local.server import LocalPlatform
from tests.api.conftest import Client
from tests.fixtures.auth import FakeClock, bearer, login, signed_up
from tests.fixtures.members import run_job
from tests.fixtures.trackers import eventually, link_over_http


def _registered(api: Client) -> dict[str, str]:
    email = signed_up(api)
    headers = bearer(login(api, email))
    profile = api.request(
        "PUT",
        "/api/v1/users/me/profile",
        headers=headers,
        json={
            "displayName": f"Walker {email[7:13]}",
            "biologicalSex": "male",
            "fitnessLevel": "beginner",
        },
    )
    assert profile.status_code == 200, profile.text
    return headers


def _connection(api: Client, headers: dict[str, str], provider: str) -> dict:
    listed = api.get("/api/v1/connections", headers=headers).json()["connections"]
    return next(c for c in listed if c["provider"] == provider)


def _activities(api: Client, headers: dict[str, str], source: str | None = None) -> list[dict]:
    found = api.get("/api/v1/activities?limit=100&includeDuplicates=true", headers=headers).json()[
        "activities"
    ]
    return [a for a in found if source is None or a["source"] == source]


def _balance(api: Client, headers: dict[str, str]) -> int:
    return int(api.get("/api/v1/points/balance", headers=headers).json()["balance"])


def test_member_links_fitbit_and_earns(
    api: Client, local_platform: LocalPlatform, fake_clock: FakeClock
) -> None:
    headers = _registered(api)
    link_over_http(api, headers, "fitbit")
    first = eventually(lambda: _connection(api, headers, "fitbit")["lastSyncAt"])
    assert eventually(lambda: _activities(api, headers, "fitbit"))
    earned = eventually(lambda: _balance(api, headers))
    assert earned > 0
    kinds = {a["activityType"] for a in _activities(api, headers)}
    assert {"steps", "active_minutes"} <= kinds

    fake_clock.advance(timedelta(minutes=16))  # the next 15-minute tick finds it due
    assert run_job("sync.enqueue_due") == {"queued": 1}
    later = eventually(
        lambda: (
            _connection(api, headers, "fitbit")["lastSyncAt"] != first
            and _connection(api, headers, "fitbit")
        )
    )
    assert later["syncStatus"] == "succeeded" and later["status"] == "active"
    assert _balance(api, headers) >= earned  # re-reading the same data pays nothing twice

    kept = len(_activities(api, headers))
    unlinked = api.request("DELETE", "/api/v1/connections/fitbit", headers=headers)
    assert unlinked.status_code == 204
    assert _connection(api, headers, "fitbit")["status"] == "revoked"
    assert len(_activities(api, headers)) == kept
    assert _balance(api, headers) >= earned
    fake_clock.advance(timedelta(minutes=16))
    assert run_job("sync.enqueue_due") == {"queued": 0}  # unlinked: never synced again


def test_google_fit_shutdown_retires_the_connection(
    api: Client, local_platform: LocalPlatform
) -> None:
    headers = _registered(api)
    link_over_http(api, headers, "google_fit", sim_user="phone@example.com")
    eventually(lambda: _connection(api, headers, "google_fit")["lastSyncAt"])
    stored = eventually(lambda: _activities(api, headers, "google_fit"))
    answer = requests.post(
        f"{local_platform.url}/_sim/google_fit/control", json={"fault": "gone"}, timeout=10
    )
    assert answer.status_code == 200
    forced = api.post("/api/v1/connections/google_fit/sync", headers=headers)
    assert forced.status_code == 202
    retired = eventually(
        lambda: (
            _connection(api, headers, "google_fit")["status"] == "retired"
            and _connection(api, headers, "google_fit")
        )
    )
    assert retired["action"] == "link_fitbit" and retired["retiredAt"]
    assert "Fitbit" in retired["lastError"]
    assert len(_activities(api, headers, "google_fit")) == len(stored)
    notices = api.get("/api/v1/notifications", headers=headers)
    if notices.status_code == 200:  # the notifications feature is there
        assert any(n["kind"] == "tracker_retired" for n in notices.json()["items"])
    available = api.get("/api/v1/connections", headers=headers).json()["available"]
    assert "fitbit" in [p["provider"] for p in available]
    again = api.post("/api/v1/connections/google_fit/sync", headers=headers)
    assert again.status_code == 409
