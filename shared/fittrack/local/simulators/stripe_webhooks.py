"""How the Stripe simulator delivers events to a webhook endpoint.

Signed exactly as Stripe signs (docs.stripe.com/webhooks#verify-manually): header
`Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with
the endpoint's `whsec_...` secret. The timestamp is the wall clock (the receiver
compares it with its own), whatever time the platform's clock shows.

An attempt that is not answered 2xx is retried, a few times and quickly rather than
over Stripe's three days. `hold` keeps events back until `release`, which can send
them in reverse order, as Stripe may (it does not promise any order).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

USER_AGENT = "Stripe/1.0 (+https://stripe.com/docs/webhooks)"


def signature_header(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    stamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{stamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


@dataclass
class Attempt:
    event_id: str
    event_type: str
    attempt: int
    status: int | None  # None: no answer (connection refused, timeout)


@dataclass
class Deliverer:
    url: str | None = None
    secret: str = ""
    attempts: int = 4  # the first try and three retries
    retry_delay: float = 0.2
    hold: bool = False
    held: list[dict[str, Any]] = field(default_factory=list)
    log: list[Attempt] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, events: list[dict[str, Any]]) -> None:
        """Deliver now (each until answered 2xx or out of attempts), or hold them."""
        if self.hold:
            with self._lock:
                self.held.extend(events)
            return
        for event in events:
            self._deliver(event)

    def release(self, order: str = "sent") -> int:
        with self._lock:
            events, self.held = self.held, []
        if order == "reverse":
            events.reverse()
        for event in events:
            self._deliver(event)
        return len(events)

    def _deliver(self, event: dict[str, Any]) -> None:
        if not self.url:
            return
        payload = json.dumps(event, indent=2).encode()
        for attempt in range(1, self.attempts + 1):
            status = self._post(payload)
            with self._lock:
                self.log.append(Attempt(event["id"], event["type"], attempt, status))
            if status is not None and 200 <= status < 300:
                return
            time.sleep(self.retry_delay * attempt)

    def _post(self, payload: bytes) -> int | None:
        assert self.url is not None
        request = urllib.request.Request(  # noqa: S310 - the local platform's own URL
            self.url,
            data=payload,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": USER_AGENT,
                "Stripe-Signature": signature_header(payload, self.secret),
            },
        )
        try:
            # The local platform's own http:// webhook URL, never a file: or custom scheme.
            with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310  # nosec B310
                return int(answer.status)
        except urllib.error.HTTPError as refused:
            return int(refused.code)
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            return None
