"""OciQueue's mapping to the OCI Queue SDK, against a fake QueueClient object."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from oci.queue.models import (
    GetMessage,
    GetMessages,
    PutMessage,
    PutMessages,
    PutMessagesDetails,
    PutMessagesDetailsEntry,
    UpdateMessageDetails,
)

from fittrack.adapters.queue import DbQueue, Message, OciQueue, open_queue
from fittrack.config import Settings

SETTINGS = Settings(
    queue_backend="oci",
    oci_queue_ids={"sync-jobs": "ocid1.queue.oc1..sync"},
    oci_queue_endpoint="https://cell-1.queue.messaging.us-ashburn-1.oci.oraclecloud.com",
)


class FakeQueueClient:
    """Records calls and answers with the SDK's own response models."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.pending: list[GetMessage] = []

    def _answer(self, data: Any) -> Any:
        return SimpleNamespace(status=200, data=data)

    def put_messages(self, queue_id: str, details: PutMessagesDetails) -> Any:
        self.calls.append(("put_messages", (queue_id, details), {}))
        ids = range(12345, 12345 + len(details.messages))
        return self._answer(PutMessages(messages=[PutMessage(id=n) for n in ids]))

    def get_messages(self, queue_id: str, **kwargs: Any) -> Any:
        self.calls.append(("get_messages", (queue_id,), kwargs))
        return self._answer(GetMessages(messages=self.pending))

    def delete_message(self, queue_id: str, receipt: str) -> Any:
        self.calls.append(("delete_message", (queue_id, receipt), {}))
        return self._answer(None)

    def update_message(self, queue_id: str, receipt: str, details: UpdateMessageDetails) -> Any:
        self.calls.append(("update_message", (queue_id, receipt, details), {}))
        return self._answer(None)


@pytest.fixture
def client() -> FakeQueueClient:
    return FakeQueueClient()


@pytest.fixture
def queue(client: FakeQueueClient) -> OciQueue:
    return OciQueue(SETTINGS, client=client)


def test_send_puts_one_json_message(queue: OciQueue, client: FakeQueueClient) -> None:
    message_id = queue.send("sync-jobs", {"connectionId": "c1", "since": None})
    assert message_id == "12345"
    [(name, (queue_id, details), _)] = client.calls
    assert (name, queue_id) == ("put_messages", "ocid1.queue.oc1..sync")
    assert isinstance(details, PutMessagesDetails)
    [entry] = details.messages
    assert isinstance(entry, PutMessagesDetailsEntry)
    assert entry.content == '{"connectionId":"c1","since":null}'


def test_send_many_puts_at_most_twenty_messages_a_call(
    queue: OciQueue, client: FakeQueueClient
) -> None:
    bodies = [{"connectionId": f"c{n}"} for n in range(45)]
    sent = queue.send_many("sync-jobs", bodies)
    assert len(sent) == 45
    sizes = [len(details.messages) for _, (_, details), _ in client.calls]
    assert sizes == [20, 20, 5]
    contents = [e.content for _, (_, details), _ in client.calls for e in details.messages]
    assert contents == [f'{{"connectionId":"c{n}"}}' for n in range(45)]


def test_send_refuses_delays_the_service_cannot_honour(queue: OciQueue) -> None:
    with pytest.raises(ValueError, match="delayed"):
        queue.send("sync-jobs", {}, delay_seconds=30)


def test_receive_maps_messages_and_visibility(queue: OciQueue, client: FakeQueueClient) -> None:
    client.pending = [
        GetMessage(id=7, content='{"n": 1}', receipt="r-7", delivery_count=1),
        GetMessage(id=8, content='{"n": 2}', receipt="r-8", delivery_count=3),
    ]
    messages = queue.receive("sync-jobs", max_messages=50, visibility_timeout_seconds=90)
    assert messages == [
        Message(message_id="7", body={"n": 1}, receipt="r-7", delivery_count=1),
        Message(message_id="8", body={"n": 2}, receipt="r-8", delivery_count=3),
    ]
    [(name, (queue_id,), kwargs)] = client.calls
    assert (name, queue_id) == ("get_messages", "ocid1.queue.oc1..sync")
    assert kwargs == {"visibility_in_seconds": 90, "timeout_in_seconds": 0, "limit": 20}


def test_delete_and_release(queue: OciQueue, client: FakeQueueClient) -> None:
    queue.delete("sync-jobs", "r-7")
    queue.release("sync-jobs", "r-8", delay_seconds=120)
    assert client.calls[0] == ("delete_message", ("ocid1.queue.oc1..sync", "r-7"), {})
    name, (queue_id, receipt, details), _ = client.calls[1]
    assert (name, queue_id, receipt) == ("update_message", "ocid1.queue.oc1..sync", "r-8")
    assert isinstance(details, UpdateMessageDetails)
    assert details.visibility_in_seconds == 120


def test_unknown_queue_name_is_a_configuration_error(queue: OciQueue) -> None:
    with pytest.raises(LookupError, match="FITTRACK_OCI_QUEUE_IDS"):
        queue.send("nope", {})


def test_client_uses_endpoint_and_given_signer() -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa
    from oci.auth.signers import SecurityTokenSigner

    # The resource principals signer is a SecurityTokenSigner; this one needs no network.
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer = SecurityTokenSigner("token", key)
    queue = OciQueue(SETTINGS, signer=signer)
    built = queue._queue_client()
    assert built.base_client.endpoint.startswith(str(SETTINGS.oci_queue_endpoint))
    assert built.base_client.signer is signer
    assert queue._queue_client() is built


def test_open_queue_picks_backend() -> None:
    def no_database():  # the OCI backend must not open the database
        raise AssertionError("database opened for the OCI queue")

    assert isinstance(open_queue(SETTINGS, no_database), OciQueue)
    assert isinstance(open_queue(Settings(), lambda: None), DbQueue)  # type: ignore[arg-type,return-value]
