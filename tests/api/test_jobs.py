"""Scheduled and queue-triggered functions, invoked through fdk like the platform does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fittrack.adapters.mail import EmailMessage, enqueue_email, list_outbox
from fittrack.adapters.queue import DbQueue
from fittrack.http.jobs import Job
from fittrack.http.registry import function, load_all, load_function
from fittrack.local import scheduler, worker
from fittrack.local.server import LocalPlatform

received: list[list[dict]] = []
failures = {"left": 0}


@function("jobtest.consume", queue="jobtest-queue", timeout=5)
def consume(job: Job) -> dict:
    if failures["left"] > 0:
        failures["left"] -= 1
        raise RuntimeError("transient failure")
    received.append(job.messages)
    return {"count": len(job.messages)}


def test_cron_matching_happens_in_new_york_time() -> None:
    specs = [load_function("mail.dispatch")]
    assert scheduler.due(specs, datetime(2026, 11, 25, 17, 0, tzinfo=UTC)) == specs
    hourly = [s for s in load_all() if s.schedule] + [consume_spec_with("0 21 * * *")]
    nine_pm_et = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 21:00 EST
    assert "jobtest.nightly" in {s.name for s in scheduler.due(hourly, nine_pm_et)}
    assert "jobtest.nightly" not in {
        s.name for s in scheduler.due(hourly, datetime(2026, 11, 25, 21, 0, tzinfo=UTC))
    }


def consume_spec_with(cron: str):
    @function("jobtest.nightly", schedule=cron)
    def nightly(job: Job) -> dict:
        return {}

    return load_function("jobtest.nightly")


def test_scheduled_mail_dispatch_sends_the_outbox(local_platform: LocalPlatform) -> None:
    db = local_platform.platform.db
    with db.unit_of_work() as uow:
        enqueue_email(uow, EmailMessage(to="bo@example.com", subject="Hi", text="Hello Bo"))
    assert scheduler.run_once(load_function("mail.dispatch"))
    assert [row["status"] for row in list_outbox(db)] == ["sent"]


def test_queue_batches_reach_the_function_and_are_acknowledged(
    local_platform: LocalPlatform,
) -> None:
    queue = local_platform.platform.queue
    spec = load_function("jobtest.consume")
    received.clear()
    for n in range(3):
        queue.send("jobtest-queue", {"n": n})
    assert worker.deliver_batch(queue, spec) == 3
    assert sorted(m["body"]["n"] for m in received[0]) == [0, 1, 2]
    assert worker.deliver_batch(queue, spec) == 0  # acknowledged: nothing comes back


def test_a_failed_batch_is_delivered_again_after_the_retry_delay(
    local_platform: LocalPlatform,
) -> None:
    now = [datetime(2026, 11, 25, 12, 0, tzinfo=UTC)]
    queue = DbQueue(local_platform.platform.db, clock=lambda: now[0])
    spec = load_function("jobtest.consume")
    received.clear()
    failures["left"] = 1
    queue.send("jobtest-queue", {"n": 7})
    assert worker.deliver_batch(queue, spec) == 1
    assert received == []
    assert worker.deliver_batch(queue, spec) == 0  # hidden until the retry delay passes
    now[0] += timedelta(seconds=worker.RETRY_DELAY_SECONDS + 1)
    assert worker.deliver_batch(queue, spec) == 1
    assert [[m["body"] for m in batch] for batch in received] == [[{"n": 7}]]
    assert received[0][0]["deliveryCount"] == 2
