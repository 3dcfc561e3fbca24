"""DbQueue on a real SQLite database, with a clock the tests move by hand."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from fittrack.adapters.queue import DbQueue, Message

START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def queue(database: Any, clock: Clock) -> DbQueue:
    return DbQueue(database, max_deliveries=3, clock=clock)


def test_send_receive_delete(queue: DbQueue) -> None:
    message_id = queue.send("sync-jobs", {"connectionId": "c1", "n": [1, 2]})
    [message] = queue.receive("sync-jobs")
    assert message.message_id == message_id
    assert message.body == {"connectionId": "c1", "n": [1, 2]}
    assert message.delivery_count == 1
    queue.delete("sync-jobs", message.receipt)
    assert queue.receive("sync-jobs") == []


def test_queues_are_separate_and_fifo(queue: DbQueue, clock: Clock) -> None:
    for n in range(3):
        queue.send("a", {"n": n})
        clock.advance(1)
    queue.send("b", {"n": 99})
    assert [m.body["n"] for m in queue.receive("a", max_messages=2)] == [0, 1]
    assert [m.body["n"] for m in queue.receive("a")] == [2]
    assert [m.body["n"] for m in queue.receive("b")] == [99]


def test_delayed_send_is_invisible_until_due(queue: DbQueue, clock: Clock) -> None:
    queue.send("q", {"later": True}, delay_seconds=60)
    assert queue.receive("q") == []
    clock.advance(60)
    assert [m.body for m in queue.receive("q")] == [{"later": True}]


def test_visibility_timeout_redelivers_after_expiry(queue: DbQueue, clock: Clock) -> None:
    queue.send("q", {"job": 1})
    [first] = queue.receive("q", visibility_timeout_seconds=30)
    clock.advance(29)
    assert queue.receive("q") == []
    clock.advance(1)
    [second] = queue.receive("q")
    assert second.message_id == first.message_id
    assert second.delivery_count == 2
    assert second.receipt != first.receipt


def test_stale_receipt_cannot_delete_a_redelivered_message(queue: DbQueue, clock: Clock) -> None:
    queue.send("q", {"job": 1})
    [first] = queue.receive("q", visibility_timeout_seconds=10)
    clock.advance(10)
    [second] = queue.receive("q", visibility_timeout_seconds=10)
    queue.delete("q", first.receipt)  # the slow first consumer finishes late
    clock.advance(10)
    [third] = queue.receive("q")
    assert third.message_id == first.message_id
    queue.delete("q", third.receipt)
    queue.delete("q", second.receipt)
    clock.advance(60)
    assert queue.receive("q") == []


def test_release_makes_message_visible_again(queue: DbQueue, clock: Clock) -> None:
    queue.send("q", {"job": 1})
    [first] = queue.receive("q", visibility_timeout_seconds=300)
    queue.release("q", first.receipt, delay_seconds=5)
    assert queue.receive("q") == []
    clock.advance(5)
    [again] = queue.receive("q")
    assert again.delivery_count == 2
    queue.delete("q", first.receipt)  # released receipts are stale too
    clock.advance(300)
    assert [m.message_id for m in queue.receive("q")] == [first.message_id]


def test_dead_letter_after_max_deliveries(queue: DbQueue, clock: Clock) -> None:
    message_id = queue.send("q", {"poison": True})
    queue.send("q", {"fine": True})
    counts = []
    for _ in range(3):
        for message in queue.receive("q"):
            if message.body.get("poison"):
                counts.append(message.delivery_count)  # the consumer keeps failing on it
            else:
                queue.delete("q", message.receipt)
        clock.advance(31)
    assert counts == [1, 2, 3]
    assert queue.receive("q") == []
    [dead] = queue.dead_letters("q")
    assert dead["message_id"] == message_id
    assert dead["body"] == {"poison": True}
    assert dead["delivery_count"] == 3
    assert "3 deliveries" in dead["last_error"]
    assert queue.dead_letters("other") == []


def test_dead_letters_do_not_starve_the_batch(queue: DbQueue, clock: Clock) -> None:
    for n in range(3):
        queue.send("q", {"n": n})
    for _ in range(3):
        queue.receive("q")
        clock.advance(31)
    queue.send("q", {"n": "fresh"})
    assert [m.body for m in queue.receive("q", max_messages=1)] == [{"n": "fresh"}]
    assert len(queue.dead_letters("q")) == 3


def test_concurrent_consumers_never_share_an_invisible_message(database: Any) -> None:
    queue = DbQueue(database)  # real clock: messages stay invisible for 5 minutes
    sent = {queue.send("q", {"n": n}) for n in range(60)}
    got: list[Message] = []
    lock = threading.Lock()
    barrier = threading.Barrier(6)

    def consume() -> None:
        barrier.wait()
        while batch := queue.receive("q", max_messages=4, visibility_timeout_seconds=300):
            with lock:
                got.extend(batch)

    threads = [threading.Thread(target=consume) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = Counter(m.message_id for m in got)
    assert set(ids) == sent
    assert max(ids.values()) == 1
