"""The sync pipeline on a real SQLite file and the simulators: link, queue, consume,
idempotency under redelivery and racing workers, tokens at rest and their refresh."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest

from fittrack.domain.sync import SYNC_INTERVAL
from fittrack.local.server import LocalPlatform
from fittrack.repositories import connections, sync_runs
from fittrack.services import sync, tracker_tokens
from tests.fixtures.trackers import (
    activity_count,
    control,
    drain,
    link,
    new_member,
    points,
    quiet_platform,
)


@pytest.fixture
def local(fittrack_home: object) -> Iterator[LocalPlatform]:
    platform = quiet_platform()
    yield platform
    platform.shutdown()


def _connection(
    local: LocalPlatform, user_id: uuid.UUID, provider: str = "fitbit"
) -> connections.Connection:
    with local.platform.db.unit_of_work(readonly=True) as uow:
        found = connections.find(uow, user_id, provider)
    assert found is not None
    return found


def _pending(local: LocalPlatform) -> list[dict]:
    messages = local.platform.queue.receive(sync.QUEUE, max_messages=50)
    for m in messages:
        local.platform.queue.release(sync.QUEUE, m.receipt)
    return [m.body for m in messages]


def test_linking_queues_a_first_sync_that_pays(local: LocalPlatform) -> None:
    platform = local.platform
    member = new_member(platform)
    link(platform, member, "fitbit")
    assert [m["trigger"] for m in _pending(local)] == ["initial"]
    assert drain(platform) == {"synced": 1}
    conn = _connection(local, member)
    assert conn.status == "active" and conn.is_primary and conn.sync_status == "succeeded"
    assert conn.last_sync_at and conn.sync_cursor == conn.last_sync_at
    assert conn.next_sync_at == conn.last_sync_at + SYNC_INTERVAL
    assert conn.external_user_id  # the Google Health user id, for webhooks
    assert activity_count(platform, member, "fitbit") > 7 and points(platform, member) > 0
    with platform.db.unit_of_work(readonly=True) as uow:
        runs = sync_runs.recent(uow, conn.connection_id)
    assert [(r.trigger_type, r.status) for r in runs] == [("initial", "succeeded")]
    assert runs[0].points_awarded == points(platform, member)


def test_tokens_are_encrypted_at_rest(local: LocalPlatform) -> None:
    platform = local.platform
    member = new_member(platform)
    link(platform, member, "fitbit")
    conn = _connection(local, member)
    simulator = local.trackers["fitbit"]  # type: ignore[index]
    live = set(simulator._access) | set(simulator._refresh)
    assert conn.access_token_enc and conn.refresh_token_enc
    assert not any(
        token.encode() in conn.access_token_enc + conn.refresh_token_enc for token in live
    )
    box = tracker_tokens.cipher(platform)
    assert conn.access_token_enc[0] == 1  # the key id leads the blob
    assert tracker_tokens.unseal(box, conn.connection_id, "access", conn.access_token_enc) in live
    with pytest.raises(Exception, match="cannot be decrypted"):
        tracker_tokens.unseal(box, uuid.uuid4(), "access", conn.access_token_enc)


def test_queue_due_picks_only_due_active_connections(local: LocalPlatform) -> None:
    platform = local.platform
    members = [new_member(platform) for _ in range(3)]
    for member in members:
        link(platform, member, "fitbit")
    drain(platform)
    assert sync.queue_due(platform) == {"queued": 0}  # all synced a moment ago
    due, broken = _connection(local, members[0]), _connection(local, members[1])
    past = platform.clock() - timedelta(minutes=1)
    with platform.db.unit_of_work() as uow:
        for conn, status in ((due, "active"), (broken, "error")):
            uow.execute(
                "UPDATE tracker_connections SET next_sync_at = :p, status = :s"
                " WHERE connection_id = :id",
                {"p": past, "s": status, "id": conn.connection_id.bytes},
            )
    assert sync.queue_due(platform) == {"queued": 1}
    assert [m["connectionId"] for m in _pending(local)] == [str(due.connection_id)]
    assert sync.queue_due(platform) == {"queued": 0}  # queued: not due for 15 minutes
    assert drain(platform) == {"synced": 1}


def test_queue_due_pages_through_every_due_connection_within_its_budget(
    local: LocalPlatform,
) -> None:
    platform = local.platform
    members = [new_member(platform) for _ in range(5)]
    for member in members:
        link(platform, member, "fitbit")
    drain(platform)
    past = platform.clock() - timedelta(minutes=1)
    with platform.db.unit_of_work() as uow:
        uow.execute("UPDATE tracker_connections SET next_sync_at = :p", {"p": past})
    assert sync.queue_due(platform, page_size=2, budget_seconds=0) == {"queued": 0}  # spent
    assert sync.queue_due(platform, page_size=2) == {"queued": 5}  # three pages
    queued = sorted(m["connectionId"] for m in _pending(local))
    assert queued == sorted(str(_connection(local, m).connection_id) for m in members)
    assert sync.queue_due(platform, page_size=2) == {"queued": 0}
    assert drain(platform) == {"synced": 5}


def test_a_message_delivered_three_times_pays_once(local: LocalPlatform) -> None:
    platform = local.platform
    member = new_member(platform)
    link(platform, member, "fitbit")
    [message] = _pending(local)
    results = [
        sync.consume(platform, [{"messageId": "m1", "deliveryCount": n, "body": message}])
        for n in (1, 2, 3)
    ]
    assert results == [{"synced": 1}, {"skipped": 1}, {"skipped": 1}]
    paid = points(platform, member)
    assert paid > 0
    # Even a sync that does run again (a fresh message) finds nothing left to pay.
    sync.enqueue(
        platform,
        _connection(local, member).connection_id,
        user_id=member,
        provider="fitbit",
        trigger="forced",
        now=platform.clock(),
    )
    assert drain(platform)["synced"] >= 1
    assert points(platform, member) == paid


def test_two_workers_racing_on_one_connection_pay_once(local: LocalPlatform) -> None:
    platform = local.platform
    racer, control_member = new_member(platform), new_member(platform)
    link(platform, racer, "fitbit")
    [taken] = platform.queue.receive(sync.QUEUE)  # held back: the racers deliver it
    platform.queue.delete(sync.QUEUE, taken.receipt)
    message = taken.body
    link(platform, control_member, "fitbit")  # the same simulated user, synced alone
    drain(platform)
    barrier, outcomes = threading.Barrier(2), []

    def worker() -> None:
        barrier.wait()
        outcomes.append(
            sync.consume(platform, [{"messageId": "m", "deliveryCount": 1, "body": message}])
        )

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    kinds = sorted(kind for outcome in outcomes for kind in outcome)
    assert kinds in (["locked", "synced"], ["skipped", "synced"], ["synced", "synced"])
    assert points(platform, racer) == points(platform, control_member) > 0
    with platform.db.unit_of_work(readonly=True) as uow:
        keys = uow.query(
            "SELECT idempotency_key FROM point_ledger WHERE user_id = :u", {"u": racer.bytes}
        )
    assert len(keys) == len({row["idempotency_key"] for row in keys})


def test_tokens_are_refreshed_before_they_expire(local: LocalPlatform) -> None:
    platform = local.platform
    control(local, "fitbit", "none", tokenTtlSeconds=300)  # inside the refresh margin
    member = new_member(platform)
    link(platform, member, "fitbit")
    linked = _connection(local, member)
    simulator = local.trackers["fitbit"]  # type: ignore[index]
    old_refresh = tracker_tokens.unseal(
        tracker_tokens.cipher(platform), linked.connection_id, "refresh", linked.refresh_token_enc
    )
    assert drain(platform) == {"synced": 1}
    refreshed = _connection(local, member)
    assert refreshed.access_token_enc != linked.access_token_enc
    assert refreshed.token_expires_at and linked.token_expires_at
    assert refreshed.token_expires_at >= linked.token_expires_at
    new_refresh = tracker_tokens.unseal(
        tracker_tokens.cipher(platform),
        refreshed.connection_id,
        "refresh",
        refreshed.refresh_token_enc,
    )
    # Google does not rotate refresh tokens: the stored one is kept and still valid.
    assert new_refresh == old_refresh and new_refresh in simulator._refresh


def test_a_refused_access_token_is_refreshed_once(local: LocalPlatform) -> None:
    platform = local.platform
    member = new_member(platform)
    link(platform, member, "google_fit")
    control(local, "google_fit", "none", expireTokens=True)
    assert drain(platform) == {"synced": 1}
    assert _connection(local, member, "google_fit").status == "active"
