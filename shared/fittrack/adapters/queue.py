"""Work queues: OCI Queue in production, the local_queue table otherwise.

Delivery is at least once on both: a received message stays invisible for its
visibility timeout and comes back unless deleted with its current receipt.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from fittrack.clock import Clock, utc_now

if TYPE_CHECKING:
    from fittrack.config import Settings
    from fittrack.db import Database, UnitOfWork

# OCI Queue returns at most 20 messages per GetMessages call and takes at most 20 per
# PutMessages call.
OCI_MAX_MESSAGES = 20


@dataclass(frozen=True)
class Message:
    message_id: str
    body: dict[str, Any]
    receipt: str
    delivery_count: int


class Queue(Protocol):
    def send(self, queue_name: str, body: dict[str, Any], delay_seconds: int = 0) -> str: ...

    def send_many(self, queue_name: str, bodies: list[dict[str, Any]]) -> list[str]: ...

    def receive(
        self, queue_name: str, max_messages: int = 10, visibility_timeout_seconds: int = 30
    ) -> list[Message]: ...

    def delete(self, queue_name: str, receipt: str) -> None: ...

    def release(self, queue_name: str, receipt: str, delay_seconds: int = 0) -> None: ...


_CANDIDATES = """
SELECT message_id, body, delivery_count FROM local_queue
WHERE queue_name = :queue_name AND status = 'ready' AND visible_at <= :now
ORDER BY visible_at, created_at
"""

# Claiming is a conditional update: whoever changes the row first owns it, so two
# consumers can never both hold a message, on SQLite or on Oracle.
_CLAIM = """
UPDATE local_queue SET receipt = :receipt, visible_at = :visible_at,
       delivery_count = delivery_count + 1
WHERE message_id = :message_id AND status = 'ready' AND visible_at <= :now
  AND delivery_count = :delivery_count
"""

_BURY = """
UPDATE local_queue SET status = 'dead', receipt = NULL, last_error = :last_error
WHERE message_id = :message_id AND status = 'ready' AND visible_at <= :now
  AND delivery_count = :delivery_count
"""


class DbQueue:
    """The embedded queue over the local_queue table, with a dead-letter status."""

    def __init__(self, db: Database, max_deliveries: int = 5, clock: Clock = utc_now) -> None:
        self._db = db
        self._max_deliveries = max_deliveries
        self._clock = clock

    def send(self, queue_name: str, body: dict[str, Any], delay_seconds: int = 0) -> str:
        from fittrack.db import ids

        message_id = ids.new_id()
        now = self._clock()
        with self._db.unit_of_work() as uow:
            uow.execute(
                "INSERT INTO local_queue (message_id, queue_name, body, status, visible_at,"
                " delivery_count, receipt, last_error, created_at) VALUES (:message_id,"
                " :queue_name, :body, 'ready', :visible_at, 0, NULL, NULL, :created_at)",
                {
                    "message_id": ids.to_db(message_id),
                    "queue_name": queue_name,
                    "body": uow.dialect.json(body),
                    "visible_at": now + timedelta(seconds=delay_seconds),
                    "created_at": now,
                },
            )
        return str(message_id)

    def send_many(self, queue_name: str, bodies: list[dict[str, Any]]) -> list[str]:
        """Queue several messages in one transaction."""
        from fittrack.db import ids

        now = self._clock()
        message_ids = [ids.new_id() for _ in bodies]
        with self._db.unit_of_work() as uow:
            rows = [
                {
                    "message_id": ids.to_db(message_id),
                    "queue_name": queue_name,
                    "body": uow.dialect.json(body),
                    "visible_at": now,
                    "created_at": now,
                }
                for message_id, body in zip(message_ids, bodies, strict=True)
            ]
            uow.executemany(
                "INSERT INTO local_queue (message_id, queue_name, body, status, visible_at,"
                " delivery_count, receipt, last_error, created_at) VALUES (:message_id,"
                " :queue_name, :body, 'ready', :visible_at, 0, NULL, NULL, :created_at)",
                rows,
            )
        return [str(message_id) for message_id in message_ids]

    def receive(
        self, queue_name: str, max_messages: int = 10, visibility_timeout_seconds: int = 30
    ) -> list[Message]:
        now = self._clock()
        visible_at = now + timedelta(seconds=visibility_timeout_seconds)
        claimed: list[Message] = []
        with self._db.unit_of_work() as uow:
            while len(claimed) < max_messages:
                rows = self._candidates(uow, queue_name, now, max_messages - len(claimed))
                if not rows:
                    break
                for row in rows:
                    message = self._claim(uow, row, now, visible_at)
                    if message is not None:
                        claimed.append(message)
        return claimed

    def _candidates(
        self, uow: UnitOfWork, queue_name: str, now: datetime, limit: int
    ) -> list[dict[str, Any]]:
        sql = _CANDIDATES + uow.dialect.limit()
        params = {"queue_name": queue_name, "now": now, "limit": limit}
        return uow.query(sql, params)

    def _claim(
        self, uow: UnitOfWork, row: dict[str, Any], now: datetime, visible_at: datetime
    ) -> Message | None:
        from fittrack.db import ids

        match = {
            "message_id": row["message_id"],
            "now": now,
            "delivery_count": row["delivery_count"],
        }
        if row["delivery_count"] >= self._max_deliveries:
            error = f"not acknowledged after {row['delivery_count']} deliveries"
            uow.execute(_BURY, {**match, "last_error": error})
            return None
        receipt = uuid.uuid4().hex
        if uow.execute(_CLAIM, {**match, "receipt": receipt, "visible_at": visible_at}) != 1:
            return None  # another consumer claimed it first
        return Message(
            message_id=str(ids.from_db(row["message_id"])),
            body=row["body"],
            receipt=receipt,
            delivery_count=row["delivery_count"] + 1,
        )

    def delete(self, queue_name: str, receipt: str) -> None:
        with self._db.unit_of_work() as uow:
            uow.execute(
                "DELETE FROM local_queue WHERE queue_name = :queue_name AND receipt = :receipt"
                " AND status = 'ready'",
                {"queue_name": queue_name, "receipt": receipt},
            )

    def release(self, queue_name: str, receipt: str, delay_seconds: int = 0) -> None:
        visible_at = self._clock() + timedelta(seconds=delay_seconds)
        with self._db.unit_of_work() as uow:
            uow.execute(
                "UPDATE local_queue SET receipt = NULL, visible_at = :visible_at"
                " WHERE queue_name = :queue_name AND receipt = :receipt AND status = 'ready'",
                {"queue_name": queue_name, "receipt": receipt, "visible_at": visible_at},
            )

    def dead_letters(self, queue_name: str) -> list[dict[str, Any]]:
        """Messages given up on: message_id, body, delivery_count, last_error, created_at."""
        from fittrack.db import ids

        with self._db.unit_of_work(readonly=True) as uow:
            rows = uow.query(
                "SELECT message_id, body, delivery_count, last_error, created_at"
                " FROM local_queue WHERE queue_name = :queue_name AND status = 'dead'"
                " ORDER BY created_at",
                {"queue_name": queue_name},
            )
        return [{**row, "message_id": str(ids.from_db(row["message_id"]))} for row in rows]


class OciQueue:
    """OCI Queue through its messages endpoint, authenticated as the function."""

    def __init__(self, settings: Settings, signer: Any = None, client: Any = None) -> None:
        self._queue_ids = dict(settings.oci_queue_ids)
        self._endpoint = settings.oci_queue_endpoint
        self._signer = signer
        self._client = client
        self._lock = threading.Lock()

    def _queue_client(self) -> Any:
        with self._lock:
            if self._client is None:
                from oci.auth.signers import get_resource_principals_signer
                from oci.queue import QueueClient

                signer = self._signer or get_resource_principals_signer()
                self._client = QueueClient(
                    config={}, signer=signer, service_endpoint=self._endpoint
                )
            return self._client

    def _queue_id(self, queue_name: str) -> str:
        try:
            return self._queue_ids[queue_name]
        except KeyError:
            raise LookupError(
                f"queue {queue_name!r} has no OCID in FITTRACK_OCI_QUEUE_IDS"
            ) from None

    def send(self, queue_name: str, body: dict[str, Any], delay_seconds: int = 0) -> str:
        from oci.queue.models import PutMessagesDetails, PutMessagesDetailsEntry

        if delay_seconds:
            # OCI Queue has no per-message delay; failing beats delivering early.
            raise ValueError("OCI Queue does not support delayed sends")
        entry = PutMessagesDetailsEntry(content=json.dumps(body, separators=(",", ":")))
        details = PutMessagesDetails(messages=[entry])
        response = self._queue_client().put_messages(self._queue_id(queue_name), details)
        return str(response.data.messages[0].id)

    def send_many(self, queue_name: str, bodies: list[dict[str, Any]]) -> list[str]:
        """PutMessages in chunks of the 20 messages one call takes."""
        from oci.queue.models import PutMessagesDetails, PutMessagesDetailsEntry

        queue_id, sent = self._queue_id(queue_name), []
        for start in range(0, len(bodies), OCI_MAX_MESSAGES):
            entries = [
                PutMessagesDetailsEntry(content=json.dumps(body, separators=(",", ":")))
                for body in bodies[start : start + OCI_MAX_MESSAGES]
            ]
            details = PutMessagesDetails(messages=entries)
            response = self._queue_client().put_messages(queue_id, details)
            sent += [str(message.id) for message in response.data.messages]
        return sent

    def receive(
        self, queue_name: str, max_messages: int = 10, visibility_timeout_seconds: int = 30
    ) -> list[Message]:
        response = self._queue_client().get_messages(
            self._queue_id(queue_name),
            visibility_in_seconds=visibility_timeout_seconds,
            timeout_in_seconds=0,
            limit=min(max_messages, OCI_MAX_MESSAGES),
        )
        return [
            Message(str(m.id), json.loads(m.content), m.receipt, m.delivery_count)
            for m in response.data.messages
        ]

    def delete(self, queue_name: str, receipt: str) -> None:
        self._queue_client().delete_message(self._queue_id(queue_name), receipt)

    def release(self, queue_name: str, receipt: str, delay_seconds: int = 0) -> None:
        from oci.queue.models import UpdateMessageDetails

        details = UpdateMessageDetails(visibility_in_seconds=delay_seconds)
        self._queue_client().update_message(self._queue_id(queue_name), receipt, details)


def open_queue(settings: Settings, db: Callable[[], Database]) -> Queue:
    """OCI Queue in production; the database table otherwise (`db` is opened only then)."""
    if settings.queue_backend == "oci":
        return OciQueue(settings)
    return DbQueue(db())
