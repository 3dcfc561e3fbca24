"""The local queue worker: delivers batches to queue-triggered functions.

Like OCI Connector Hub with the QueueSource plugin: a batch of messages goes to
the function as a JSON array; on success the batch is deleted, on failure its
messages become visible again after a delay (delivery is at least once).
"""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING

from fittrack import log
from fittrack.http.registry import FunctionSpec
from fittrack.local import invoke

if TYPE_CHECKING:
    from fittrack.adapters.queue import Queue

logger = log.get_logger("fittrack.worker")
RETRY_DELAY_SECONDS = 30


def deliver_batch(queue: Queue, spec: FunctionSpec, batch_size: int = 10) -> int:
    """Deliver one batch to the function; return how many messages it carried."""
    assert spec.queue is not None
    messages = queue.receive(
        spec.queue, max_messages=batch_size, visibility_timeout_seconds=spec.timeout_seconds * 2
    )
    if not messages:
        return 0
    body = json.dumps(
        [
            {"messageId": m.message_id, "deliveryCount": m.delivery_count, "body": m.body}
            for m in messages
        ]
    ).encode()
    result = invoke.invoke(spec.name, invoke.invoke_headers(spec.timeout_seconds), body)
    for message in messages:
        if result.status == 200:
            queue.delete(spec.queue, message.receipt)
        else:
            queue.release(spec.queue, message.receipt, delay_seconds=RETRY_DELAY_SECONDS)
    if result.status != 200:
        logger.error("queue batch failed", extra={"function": spec.name, "status": result.status})
    return len(messages)


class Worker(threading.Thread):
    def __init__(
        self,
        queue: Queue,
        specs: list[FunctionSpec],
        stop: threading.Event,
        idle_seconds: float = 1.0,
    ) -> None:
        super().__init__(name="fittrack-worker", daemon=True)
        self.queue = queue
        self.specs = [spec for spec in specs if spec.queue]
        self.stop = stop
        self.idle_seconds = idle_seconds

    def run(self) -> None:
        while not self.stop.is_set():
            delivered = 0
            for spec in self.specs:
                try:
                    delivered += deliver_batch(self.queue, spec)
                except Exception:
                    logger.exception("queue delivery crashed", extra={"function": spec.name})
            if not delivered:
                self.stop.wait(self.idle_seconds)
