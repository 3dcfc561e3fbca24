"""Tracker providers: the registry. A new provider is a module and a line in PROVIDERS.

`get_provider(name, settings, secrets)` builds the adapter with its URLs and client id
from settings (`FITTRACK_TRACKER_<NAME>_*`), its client secret from the secret store
(`tracker-<name>-client-secret`) and the redirect URI
`{FITTRACK_PUBLIC_BASE_URL}/connections/callback/{name}` (a web-app route that posts
code and state to `POST /connections/{name}/callback`). Adapters are cached per
configuration, so their pooled HTTP sessions are reused.

`google_fit` is a legacy provider: Google Fit's REST API takes no new developer
projects since 2024-05-01 and shuts down during 2026, so it is on only where the
deployment still has its credentials (FITTRACK_TRACKER_GOOGLE_FIT_CLIENT_ID and the
client secret). Without them, or when the operator lists a provider in
FITTRACK_RETIRED_PROVIDERS, the provider is retired: nobody can link it and its
connections retire at their next sync, their data kept (docs/trackers.md).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from fittrack.adapters.providers.base import (
    ProviderSettings,
    ProviderUnavailable,
    TrackerProvider,
)
from fittrack.adapters.providers.fitbit import FitbitProvider
from fittrack.adapters.providers.google_fit import GoogleFitProvider

if TYPE_CHECKING:
    from fittrack.adapters.secrets import Secrets
    from fittrack.config import Settings

PROVIDERS: dict[str, type[TrackerProvider]] = {
    FitbitProvider.name: FitbitProvider,
    GoogleFitProvider.name: GoogleFitProvider,
}
LEGACY = frozenset({GoogleFitProvider.name})  # off unless the deployment still has it
DEFAULT = FitbitProvider.name  # what a member links, and what replaces a retired one

_cache: dict[ProviderSettings, TrackerProvider] = {}
_lock = threading.Lock()


def names() -> tuple[str, ...]:
    return tuple(PROVIDERS)


def display_name(name: str) -> str:
    return PROVIDERS[name].display_name


def client_secret_name(name: str) -> str:
    return f"tracker-{name}-client-secret"


def provider_settings(name: str, settings: Settings, secrets: Secrets) -> ProviderSettings:
    from fittrack.adapters.secrets import MissingSecret

    configured = settings.tracker_providers.get(name)
    if configured is None or not configured.client_id:
        raise ProviderUnavailable(f"Linking {display_name(name)} is not configured.")
    try:
        secret = secrets.get(client_secret_name(name))
    except MissingSecret:
        raise ProviderUnavailable(f"Linking {display_name(name)} is not configured.") from None
    return ProviderSettings(
        name=name,
        api_url=configured.api_url,
        authorize_url=configured.authorize_url,
        token_url=configured.token_url,
        revoke_url=configured.revoke_url,
        client_id=configured.client_id,
        client_secret=secret,
        redirect_uri=f"{settings.public_base_url.rstrip('/')}/connections/callback/{name}",
        timeout=settings.tracker_http_timeout,
    )


def is_retired(name: str, settings: Settings) -> bool:
    """Retired by the operator, or a legacy provider this deployment has no client for."""
    if name in settings.retired_providers:
        return True
    configured = settings.tracker_providers.get(name)
    return name in LEGACY and (configured is None or not configured.client_id)


def linkable(settings: Settings) -> tuple[str, ...]:
    """The providers a member may link here, the default first."""
    return tuple(
        n for n in sorted(PROVIDERS, key=lambda n: n != DEFAULT) if not is_retired(n, settings)
    )


def get_provider(name: str, settings: Settings, secrets: Secrets) -> TrackerProvider:
    """The adapter for `name` (KeyError for an unknown one; ProviderUnavailable when it
    is not configured)."""
    cls = PROVIDERS[name]
    wanted = provider_settings(name, settings, secrets)
    with _lock:
        found = _cache.get(wanted)
        if found is None:
            found = _cache[wanted] = cls(wanted)
    return found
