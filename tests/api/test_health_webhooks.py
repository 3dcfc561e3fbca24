"""The Google Health subscriber endpoint over real HTTP, with notifications signed by
the Google Health simulator as Google signs them (GOOGLE-HEALTH-API-SIGNATURE)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fittrack.adapters import health_webhook_signature as signatures
from fittrack.local.server import LocalPlatform
from fittrack.local.simulators.google_health import GoogleHealthSimulator
from fittrack.local.simulators.health_webhooks import WebhookSigner
from fittrack.local.simulators.sim_data import user_key
from fittrack.services import health_webhooks
from tests.api.conftest import Client
from tests.fixtures.members import MemberFactory
from tests.fixtures.trackers import eventually, link_over_http

URL = "/api/v1/webhooks/google-health"
SIGNATURE = "GOOGLE-HEALTH-API-SIGNATURE"


def google_health(local: LocalPlatform) -> GoogleHealthSimulator:
    assert local.trackers is not None
    simulator = local.trackers["fitbit"]
    assert isinstance(simulator, GoogleHealthSimulator)
    return simulator


def post(api: Client, body: bytes, **headers: str) -> Any:
    sent = {"Content-Type": "application/json", **headers}
    return api.post(URL, data=body, headers=sent)


def test_the_handshake_needs_the_shared_secret_and_no_signature(
    api: Client, local_platform: LocalPlatform
) -> None:
    secret = health_webhooks.webhook_secret(local_platform.platform)
    verification = json.dumps({"type": "verification"}).encode()
    assert post(api, verification, Authorization=secret).status_code == 201
    assert post(api, verification).status_code == 401
    assert post(api, verification, Authorization="Bearer nope").status_code == 401


def test_only_notifications_google_signed_queue_a_sync(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    platform, simulator = local_platform.platform, google_health(local_platform)
    secret = health_webhooks.webhook_secret(platform)
    member = member_factory()
    link_over_http(api, member.headers, "fitbit", sim_user="signed@example.com")
    eventually(
        lambda: api.get("/api/v1/connections", headers=member.headers).json()["connections"][0][
            "lastSyncAt"
        ]
    )
    note = json.dumps(
        {"data": {"healthUserId": user_key("signed@example.com"), "dataType": "steps"}}
    ).encode()
    other = json.dumps({"data": {"healthUserId": "someone-else", "dataType": "steps"}}).encode()
    sent: list[dict[str, Any]] = []
    original = platform.queue.send

    def recording(queue_name: str, body: dict[str, Any], delay_seconds: int = 0) -> str:
        sent.append(body)
        return original(queue_name, body, delay_seconds)

    platform.queue.send = recording
    try:
        refused = [
            post(api, note, Authorization=secret),  # no signature
            post(api, note, Authorization=secret, **{SIGNATURE: "AQAAAAE" + "A" * 20}),
            post(api, note, Authorization=secret, **{SIGNATURE: simulator.webhooks.sign(other)}),
            post(
                api, note, Authorization="Bearer nope", **{SIGNATURE: simulator.webhooks.sign(note)}
            ),
        ]
        assert [r.status_code for r in refused] == [401, 401, 401, 401]
        assert sent == []
        signed = simulator.webhooks.sign(note)
        assert post(api, note, Authorization=secret, **{SIGNATURE: signed}).status_code == 204
        # Signed but without Authorization (as reported from live traffic): accepted.
        assert post(api, note, **{SIGNATURE: signed}).status_code == 204
    finally:
        platform.queue.send = original
    assert [m["trigger"] for m in sent] == ["webhook"]  # debounced: one per minute


def test_the_verifier_reads_the_published_keyset_and_follows_rotation(
    local_platform: LocalPlatform,
) -> None:
    simulator = google_health(local_platform)
    verifier = signatures.WebhookVerifier(simulator.keyset_url)
    body = b'{"data": {"healthUserId": "x"}}'
    verifier.verify(simulator.webhooks.sign(body), body)
    with pytest.raises(signatures.SignatureInvalid):
        verifier.verify(simulator.webhooks.sign(body), body + b" ")
    simulator.webhooks = WebhookSigner()  # Google rotated its key
    verifier._fetched_at -= signatures.REFETCH_SECONDS + 1  # a minute has passed
    verifier.verify(simulator.webhooks.sign(body), body)
    unreachable = signatures.WebhookVerifier("http://127.0.0.1:9/keyset.json")
    with pytest.raises(signatures.KeysetUnavailable):
        unreachable.verify(simulator.webhooks.sign(body), body)


def test_a_key_from_googles_published_keyset_is_read() -> None:
    """keyData.value of a key once listed at gstatic.com/googlehealthapi/webhooks/."""
    published = {
        "primaryKeyId": 1,
        "key": [
            {
                "keyData": {
                    "typeUrl": signatures.ECDSA_TYPE_URL,
                    "value": "EgYIAxACGAIaIQBDWg3kaiabjtrVXbSSbcn6e3QqiCLD+B4GuhC/Z1C6m"
                    "iIhACarm0VQv9WjNZG/AB0itXCIGFW5ddInmBFUjK/8w0v3",
                    "keyMaterialType": "ASYMMETRIC_PUBLIC",
                },
                "status": "ENABLED",
                "keyId": 1,
                "outputPrefixType": "TINK",
            }
        ],
    }
    keys = signatures._read_keyset(published)
    assert list(keys) == [1] and keys[1].encoding == signatures.DER
