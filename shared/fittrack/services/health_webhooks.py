"""The Google Health subscriber endpoint: verification handshake and notifications.

As health.v4.json and the webhooks guide describe it:

- the verification handshake (`{"type": "verification"}`) carries the subscriber's
  `endpointAuthorization` secret in `Authorization` and no signature: 201 with the
  secret, 401 without it (Google's second, secret-less probe must fail);
- a data-change notification is signed: `GOOGLE-HEALTH-API-SIGNATURE` over the raw
  body, checked against Google's public keyset (adapters/health_webhook_signature).
  The signature is what proves Google sent it: 401 when missing or wrong, 503 when
  the keyset cannot be fetched (Google retries). An `Authorization` header, when
  sent, must still be the secret; a missing one is accepted, since a developer
  reported notifications arriving without it (docs/trackers.md).

A verified notification queues a `webhook` sync for each active connection of the
members it names, at most one per connection per minute and none while backing off.
"""

from __future__ import annotations

import hmac
import json
import secrets
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.adapters import health_webhook_signature as signatures
from fittrack.domain.connections import ConnectionStatus
from fittrack.domain.errors import FieldError, ServiceUnavailable, Unauthorized, ValidationFailed
from fittrack.domain.sync import WEBHOOK_DEBOUNCE
from fittrack.repositories import connections
from fittrack.services.sync_queue import enqueue

if TYPE_CHECKING:
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.webhooks")
WEBHOOK_SECRET = "google-health-webhook-secret"  # noqa: S105 - a secret's name
SIGNATURE_HEADER = signatures.HEADER


def webhook_secret(platform: Platform) -> str:
    """The full Authorization value Google Health sends (scheme included)."""
    return platform.secrets.get_or_create(
        WEBHOOK_SECRET, lambda: "Bearer " + secrets.token_urlsafe(32)
    )


def receive(
    platform: Platform, *, authorization: str | None, signature: str | None, body: bytes
) -> int:
    """201 for a verified handshake, 204 for a notification handled."""
    expected = webhook_secret(platform)
    if authorization is not None and not hmac.compare_digest(
        authorization.encode(), expected.encode()
    ):
        raise Unauthorized("This endpoint needs the subscriber's shared secret.")
    payload = _json_object(body)
    if payload.get("type") == "verification":
        if authorization is None:
            raise Unauthorized("This endpoint needs the subscriber's shared secret.")
        return 201
    _verify_signature(platform, signature, body)
    queued = _queue_syncs(platform, _health_user_ids(payload))
    logger.info("health notification", extra={"queued": queued})
    return 204


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(body) if body else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        payload = None
    if not isinstance(payload, dict):
        raise ValidationFailed([FieldError("body", "send a JSON object", "invalid_json")])
    return payload


def _verify_signature(platform: Platform, signature: str | None, body: bytes) -> None:
    verifier = signatures.verifier(platform.settings.google_health_keyset_url)
    try:
        verifier.verify(signature, body)
    except signatures.SignatureInvalid as bad:
        logger.warning("health notification refused", extra={"reason": str(bad)})
        raise Unauthorized(f"{bad} Only notifications signed by Google are accepted.") from None
    except signatures.KeysetUnavailable:
        raise ServiceUnavailable(
            "Google's signing keys cannot be read right now; send the notification again."
        ) from None


def _queue_syncs(platform: Platform, health_ids: set[str]) -> int:
    now, queued = platform.clock(), []
    with platform.db.unit_of_work() as uow:
        for health_id in sorted(health_ids):
            for found in connections.find_by_external(uow, "fitbit", health_id):
                in_backoff = found.backoff_until is not None and found.backoff_until > now
                if (
                    found.status == ConnectionStatus.ACTIVE
                    and not in_backoff
                    and connections.claim_webhook(
                        uow, found.connection_id, now, now - WEBHOOK_DEBOUNCE
                    )
                ):
                    queued.append(found)
    for found in queued:
        enqueue(
            platform,
            found.connection_id,
            user_id=found.user_id,
            provider=found.provider,
            trigger="webhook",
            now=now,
        )
    return len(queued)


def _health_user_ids(payload: dict[str, Any]) -> set[str]:
    """The Google Health user ids a notification names (`healthUserId`, or a `user`
    resource name `users/{id}`, at the top level or inside `data`)."""
    found: set[str] = set()
    nested = payload.get("data")
    for part in (payload, nested if isinstance(nested, dict) else {}):
        direct = part.get("healthUserId")
        if isinstance(direct, str) and direct:
            found.add(direct)
        user = part.get("user")
        if isinstance(user, str) and user.startswith("users/") and len(user) > 6:
            found.add(user.split("/")[1])
    return found
