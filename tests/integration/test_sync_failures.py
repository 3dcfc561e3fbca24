"""Sync failures: back-off, Retry-After, dead-lettering, the Redis quota, reconnect and
retirement notices. Stored activities always stay."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest

from fittrack import config
from fittrack.adapters.providers.fitbit import FitbitProvider
from fittrack.adapters.providers.quota import TokenBucket
from fittrack.adapters.queue import DbQueue
from fittrack.domain.sync import BACKOFF_CAP, MAX_ATTEMPTS
from fittrack.http.registry import load_function
from fittrack.local.server import LocalPlatform
from fittrack.local.worker import deliver_batch
from fittrack.repositories import connections
from fittrack.services import connections as linking
from fittrack.services import sync
from tests.fixtures.trackers import (
    activity_count,
    control,
    drain,
    link,
    new_member,
    quiet_platform,
)


@pytest.fixture
def local(fittrack_home: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalPlatform]:
    monkeypatch.setenv("FITTRACK_TRACKER_HTTP_TIMEOUT", "1")
    config.reset()
    platform = quiet_platform()
    yield platform
    platform.shutdown()


def _synced_member(local: LocalPlatform, provider: str = "fitbit") -> uuid.UUID:
    member = new_member(local.platform)
    link(local.platform, member, provider)
    assert drain(local.platform) == {"synced": 1}
    return member


def _conn(
    local: LocalPlatform, member: uuid.UUID, provider: str = "fitbit"
) -> connections.Connection:
    with local.platform.db.unit_of_work(readonly=True) as uow:
        found = connections.find(uow, member, provider)
    assert found is not None
    return found


def _sync_now(local: LocalPlatform, member: uuid.UUID, provider: str = "fitbit") -> None:
    conn = _conn(local, member, provider)
    sync.enqueue(
        local.platform,
        conn.connection_id,
        user_id=member,
        provider=provider,
        trigger="scheduled",
        now=local.platform.clock(),
    )


@pytest.mark.parametrize("fault", ["server_error", "timeout"])
def test_transient_failures_back_off_with_jitter(local: LocalPlatform, fault: str) -> None:
    member = _synced_member(local)
    control(local, "fitbit", fault, delaySeconds=2)
    _sync_now(local, member)
    started = local.platform.clock()
    assert drain(local.platform) == {"retrying": 1}
    conn = _conn(local, member)
    assert (conn.status, conn.sync_status, conn.failure_count) == ("active", "retrying", 1)
    assert conn.backoff_until == conn.next_sync_at
    assert started + timedelta(seconds=29) <= conn.backoff_until <= started + timedelta(seconds=62)
    assert conn.last_error
    later = local.platform.queue.receive(sync.QUEUE)  # the delayed retry is not visible yet
    assert later == []


def test_rate_limits_honour_retry_after(local: LocalPlatform) -> None:
    member = _synced_member(local)
    control(local, "fitbit", "rate_limit", retryAfter=90)
    _sync_now(local, member)
    started = local.platform.clock()
    assert drain(local.platform) == {"retrying": 1}
    conn = _conn(local, member)
    assert conn.failure_count == 0  # flow control, not a failure
    assert conn.backoff_until is not None
    assert abs((conn.backoff_until - started).total_seconds() - 90) < 5
    control(local, "fitbit", "none")
    _sync_now(local, member)
    assert drain(local.platform) == {"deferred": 1}  # still waiting, nothing asked


def _gives_up_on_next_failure(local: LocalPlatform, conn: connections.Connection) -> None:
    with local.platform.db.unit_of_work() as uow:
        uow.execute(
            "UPDATE tracker_sync_state SET failure_count = :n WHERE connection_id = :id",
            {"n": MAX_ATTEMPTS - 1, "id": conn.connection_id.bytes},
        )


def _message_for(local: LocalPlatform, conn: connections.Connection) -> dict[str, object]:
    return sync.message(
        conn.connection_id,
        conn.user_id,
        provider=conn.provider,
        trigger="scheduled",
        queued_at=local.platform.clock(),
    )


def test_after_max_attempts_the_message_is_parked(local: LocalPlatform) -> None:
    platform = local.platform
    member = _synced_member(local)
    conn = _conn(local, member)
    _gives_up_on_next_failure(local, conn)
    control(local, "fitbit", "server_error")
    clock = [platform.clock()]
    queue = DbQueue(platform.db, max_deliveries=3, clock=lambda: clock[0])
    queue.send(sync.QUEUE, _message_for(local, conn))
    spec = load_function("sync.consume")
    assert deliver_batch(queue, spec) == 1
    clock[0] += timedelta(seconds=31)
    assert deliver_batch(queue, spec) == 0  # the batch succeeded: nothing comes back
    assert queue.dead_letters(sync.QUEUE) == []
    [parked] = platform.queue.receive(sync.PARKED_QUEUE)
    assert parked.body["body"]["connectionId"] == str(conn.connection_id)
    assert parked.body["reason"] == f"gave up after {MAX_ATTEMPTS} attempts"
    gave_up = _conn(local, member)
    assert (gave_up.sync_status, gave_up.failure_count) == ("failed", MAX_ATTEMPTS)
    assert gave_up.backoff_until is not None
    assert gave_up.backoff_until - platform.clock() > BACKOFF_CAP - timedelta(minutes=5)
    assert gave_up.status == "active"  # it tries again after the cap


def test_a_poison_message_never_takes_its_batch_mates_down(local: LocalPlatform) -> None:
    platform = local.platform
    poisoned = _conn(local, _synced_member(local))
    healthy = [_conn(local, _synced_member(local, "google_fit"), "google_fit") for _ in range(2)]
    _gives_up_on_next_failure(local, poisoned)
    control(local, "fitbit", "server_error")
    queue = DbQueue(platform.db, max_deliveries=2)
    queue.send(sync.QUEUE, _message_for(local, healthy[0]))
    queue.send(sync.QUEUE, _message_for(local, poisoned))
    queue.send(sync.QUEUE, {"not": "a sync job"})
    queue.send(sync.QUEUE, _message_for(local, healthy[1]))
    before = {c.connection_id: c.last_sync_at for c in healthy}
    assert deliver_batch(queue, load_function("sync.consume")) == 4
    assert queue.receive(sync.QUEUE) == [] and queue.dead_letters(sync.QUEUE) == []
    parked = sorted(m.body["reason"] for m in platform.queue.receive(sync.PARKED_QUEUE, 10))
    assert parked == [f"gave up after {MAX_ATTEMPTS} attempts", "unreadable"]
    for conn in healthy:
        synced = _conn(local, conn.user_id, "google_fit")
        assert synced.last_sync_at is not None and synced.last_sync_at != before[conn.connection_id]
        assert synced.failure_count == 0


def test_the_member_quota_is_a_shared_redis_token_bucket(redis_url: str) -> None:
    clock = [5000.0]
    first = TokenBucket(redis_url, clock=lambda: clock[0])
    second = TokenBucket(redis_url, clock=lambda: clock[0])  # another worker
    assert first.take("fitbit:u1", per_minute=4) == 0 and second.take("fitbit:u1", 4) == 0
    assert first.take("fitbit:u1", per_minute=4) == 0 and second.take("fitbit:u1", 4) == 0
    assert first.take("fitbit:u1", per_minute=4) == pytest.approx(15.0)
    clock[0] += 15
    assert second.take("fitbit:u1", per_minute=4) == 0


def test_a_spent_quota_defers_the_sync(
    local: LocalPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    member = _synced_member(local)
    monkeypatch.setattr(FitbitProvider, "requests_per_minute", 1)
    _sync_now(local, member)
    assert drain(local.platform) == {"retrying": 1}
    conn = _conn(local, member)
    assert conn.failure_count == 0 and conn.last_error and "quota" in conn.last_error


def _notices(local: LocalPlatform, member: uuid.UUID) -> list[dict]:
    with local.platform.db.unit_of_work(readonly=True) as uow:
        return uow.query(
            "SELECT kind, title, body, data FROM notifications WHERE user_id = :u",
            {"u": member.bytes},
        )


def test_a_revoked_grant_asks_the_member_to_reconnect(local: LocalPlatform) -> None:
    member = _synced_member(local)
    stored = activity_count(local.platform, member)
    control(local, "fitbit", "revoked")
    _sync_now(local, member)
    assert drain(local.platform) == {"error": 1}
    conn = _conn(local, member)
    assert (conn.status, conn.access_token_enc, conn.refresh_token_enc) == ("error", None, None)
    assert conn.last_error and "Reconnect" in conn.last_error
    [notice] = _notices(local, member)
    assert notice["kind"] == "tracker_error" and "Reconnect" in notice["title"]
    assert activity_count(local.platform, member) == stored
    assert sync.queue_due(local.platform) == {"queued": 0}
    view = linking.list_connections(local.platform, member).connections[0]
    assert (view.status, view.action) == ("error", "reconnect")
    control(local, "fitbit", "none")
    link(local.platform, member, "fitbit")  # reconnecting brings it back
    assert _conn(local, member).status == "active"
    assert drain(local.platform) == {"synced": 1}


# A 403 SERVICE_DISABLED or a bare 404 retires only when it persists:
# tests/integration/test_provider_retirement.py.
@pytest.mark.parametrize("status", [410])
def test_google_fit_shutdown_retires_the_connection(local: LocalPlatform, status: int) -> None:
    member = _synced_member(local, "google_fit")
    stored = activity_count(local.platform, member, "google_fit")
    control(local, "google_fit", "gone", status=status)
    _sync_now(local, member, "google_fit")
    assert drain(local.platform) == {"retired": 1}
    conn = _conn(local, member, "google_fit")
    assert conn.status == "retired" and conn.retired_at is not None
    [notice] = _notices(local, member)
    assert notice["kind"] == "tracker_retired" and "Fitbit" in notice["body"]
    data = notice["data"] if isinstance(notice["data"], dict) else json.loads(notice["data"])
    assert data == {"provider": "google_fit", "status": "retired"}
    assert activity_count(local.platform, member, "google_fit") == stored > 0
    view = linking.list_connections(local.platform, member)
    assert (view.connections[0].status, view.connections[0].action) == ("retired", "link_fitbit")
    assert {p.provider for p in view.available} == {"fitbit", "google_fit"}
