"""The official `stripe` library, configured: our secret key from the secret store and,
locally, the simulator's address instead of api.stripe.com (docs/billing.md).

`stripe` is imported on first use, so functions that never bill do not pay for it at
cold start.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import stripe

    from fittrack.adapters.secrets import Secrets
    from fittrack.config import Settings

SECRET_KEY = "stripe-secret-key"  # noqa: S105 - secret names, not values
WEBHOOK_SECRET = "stripe-webhook-secret"  # noqa: S105
# Stripe's default tolerance: a signature older than five minutes is refused (replays).
SIGNATURE_TOLERANCE_SECONDS = 300
_clients: dict[tuple[str, str | None], stripe.StripeClient] = {}
_lock = threading.Lock()


def client(settings: Settings, secrets: Secrets) -> stripe.StripeClient:
    """One client per key and API base, reused by later invocations of the container."""
    import stripe

    key = secrets.get(SECRET_KEY)
    with _lock:
        found = _clients.get((key, settings.stripe_api_base))
        if found is None:
            found = stripe.StripeClient(
                key,
                base_addresses={"api": settings.stripe_api_base}
                if settings.stripe_api_base
                else {},
                max_network_retries=2,
            )
            _clients[(key, settings.stripe_api_base)] = found
        return found
