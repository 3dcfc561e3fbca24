"""Drill: every fault the tracker simulators can inject, for each provider, one member each.

Each member syncs once, the simulator then fails the way the fault says for that member's
next sync (delivered through fdk to sync.consume, as the queue worker does), and the
fault is cleared. During the fault nothing is paid and nothing stored is lost; after it,
the member who can sync again is paid exactly what a member who never met a fault is
paid for the same data (the platform's clock, and so the simulated data, moves only when
the drill moves it); a revoked grant asks for a reconnect, which brings the sync back; a
provider that is gone retires the connection and keeps its data.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from fittrack.http.registry import load_function
from fittrack.local import worker
from fittrack.local.server import LocalPlatform
from fittrack.platform import Platform
from fittrack.repositories import connections
from fittrack.services import sync
from tests.faults.invariants import assert_consistent
from tests.fixtures.auth import FakeClock
from tests.fixtures.trackers import activity_count, control, drain, link, new_member, points


@dataclass(frozen=True)
class Fault:
    name: str
    options: dict[str, Any] = field(default_factory=dict)
    status: str = "active"  # the connection's status after the failed sync
    sync_status: str | None = "retrying"
    recovers: Callable[[Platform, uuid.UUID, str], None] | None = None


def _relink(platform: Platform, member: uuid.UUID, provider: str) -> None:
    link(platform, member, provider)  # what the member does when told to reconnect


FAULTS = [
    Fault("rate_limit"),
    Fault("rate_limit", {"retryAfter": 90}),
    Fault("server_error"),
    Fault("timeout", {"delaySeconds": 2}),  # beyond the 1 s client timeout set below
    Fault("revoked", status="error", sync_status=None, recovers=_relink),
    Fault("gone", {"status": 410}, status="retired", sync_status=None),
    Fault("gone", {"status": 403}),  # SERVICE_DISABLED: retires only when it persists
    Fault("gone", {"status": 404}),
    Fault("none", {"expireTokens": True}, sync_status="succeeded"),  # refreshed, then read
]


@pytest.fixture
def platform_env() -> dict[str, str]:
    return {"FITTRACK_TRACKER_HTTP_TIMEOUT": "1"}


def _connection(platform: Platform, member: uuid.UUID, provider: str) -> connections.Connection:
    with platform.db.unit_of_work(readonly=True) as uow:
        found = connections.find(uow, member, provider)
    assert found is not None
    return found


def _sync(platform: Platform, members: list[uuid.UUID], provider: str) -> None:
    """Queue a scheduled sync for each and deliver them through fdk, as the worker does."""
    for member in members:
        conn = _connection(platform, member, provider)
        sync.enqueue(
            platform,
            conn.connection_id,
            user_id=member,
            provider=provider,
            trigger="scheduled",
            now=platform.clock(),
        )
    consume = load_function("sync.consume")
    while worker.deliver_batch(platform.queue, consume):
        pass


@pytest.mark.parametrize("provider", ["fitbit", "google_fit"])
def test_every_simulator_fault_leaves_sync_consistent_and_recoverable(
    local_platform: LocalPlatform, fake_clock: FakeClock, provider: str
) -> None:
    platform = local_platform.platform
    steady = new_member(platform)
    members = [new_member(platform) for _ in FAULTS]
    for member in [steady, *members]:
        link(platform, member, provider)
    assert drain(platform) == {"synced": len(members) + 1}
    fake_clock.now += timedelta(hours=1)  # the day's totals have grown at the provider

    for fault, member in zip(FAULTS, members, strict=True):
        paid, stored = points(platform, member), activity_count(platform, member)
        control(local_platform, provider, fault.name, **fault.options)
        _sync(platform, [member], provider)
        control(local_platform, provider, "none")
        conn = _connection(platform, member, provider)
        what = f"{provider} {fault.name} {fault.options}"
        assert conn.status == fault.status, (what, conn.status, conn.last_error)
        if fault.sync_status:
            assert conn.sync_status == fault.sync_status, (what, conn.sync_status)
        if fault.sync_status != "succeeded":
            assert points(platform, member) == paid, what  # nothing paid for a failure
            assert activity_count(platform, member) == stored, what  # nothing lost
        assert_consistent(platform.db)

    fake_clock.now += timedelta(minutes=5)  # past every back-off and Retry-After
    for fault, member in zip(FAULTS, members, strict=True):
        if fault.recovers:
            fault.recovers(platform, member, provider)
    drain(platform)  # the reconnects' first syncs
    _sync(
        platform,
        [steady, *[m for f, m in zip(FAULTS, members, strict=True) if f.status != "retired"]],
        provider,
    )
    expected = points(platform, steady)
    for fault, member in zip(FAULTS, members, strict=True):
        conn = _connection(platform, member, provider)
        what = f"{provider} {fault.name} {fault.options}"
        if fault.status == "retired":
            assert conn.status == "retired" and activity_count(platform, member) > 0, what
            assert points(platform, member) < expected, what  # the last hour never arrived
        else:
            assert (conn.status, conn.sync_status) == ("active", "succeeded"), what
            assert points(platform, member) == expected, what
    assert_consistent(platform.db)
