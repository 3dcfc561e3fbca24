"""The tracker simulators of the local platform, served by the gateway under /_sim/.

`start_tracker_simulators(settings, port)` creates a simulator for every provider
whose API URL is not set in the environment (FITTRACK_TRACKER_<NAME>_API_URL) and
returns settings pointing that provider at it: API, token and revocation URLs on
127.0.0.1 (server to server), the authorization URL on localhost (the browser),
client id `fittrack-local-<name>` (or FITTRACK_TRACKER_<NAME>_CLIENT_ID) and the
client secret `tracker-<name>-client-secret` from the local secret store, which the
simulator then demands at its token endpoint. The Google Health simulator's webhook
keyset replaces Google's (FITTRACK_GOOGLE_HEALTH_KEYSET_URL unless set), so the
notifications it signs verify.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from dataclasses import dataclass, field

from fittrack.clock import Clock, utc_now
from fittrack.config import Settings, TrackerProvider
from fittrack.http.runtime import HttpResult
from fittrack.local.simulators.google_fit import GoogleFitSimulator
from fittrack.local.simulators.google_health import GoogleHealthSimulator
from fittrack.local.simulators.tracker_sim import TrackerSimulator, json_result

PREFIX = "/_sim/"
SIMULATORS: dict[str, type[TrackerSimulator]] = {
    GoogleHealthSimulator.provider: GoogleHealthSimulator,
    GoogleFitSimulator.provider: GoogleFitSimulator,
}


@dataclass
class TrackerSimulators:
    by_provider: dict[str, TrackerSimulator] = field(default_factory=dict)

    def handle(
        self, method: str, path: str, query: str, headers: dict[str, str], body: bytes
    ) -> HttpResult:
        """Route /_sim/<provider>/<rest> to that provider's simulator."""
        provider, _, rest = path[len(PREFIX) :].partition("/")
        simulator = self.by_provider.get(provider)
        if simulator is None:
            return json_result(404, {"error": f"no simulator {provider!r}"})
        return simulator.handle(method, "/" + rest, query, headers, body)

    def __getitem__(self, provider: str) -> TrackerSimulator:
        return self.by_provider[provider]

    def stop(self) -> None:
        for simulator in self.by_provider.values():
            simulator.stop()


def start_tracker_simulators(
    settings: Settings, port: int, clock: Clock = utc_now
) -> tuple[TrackerSimulators | None, Settings]:
    from fittrack.adapters.secrets import open_secrets

    simulated = [
        name
        for name in settings.tracker_providers
        if name in SIMULATORS and not os.environ.get(f"FITTRACK_TRACKER_{name.upper()}_API_URL")
    ]
    if settings.is_production or not simulated:
        return None, settings
    store = open_secrets(settings)
    simulators = TrackerSimulators()
    providers = dict(settings.tracker_providers)
    keyset_url = settings.google_health_keyset_url
    for name in simulated:
        server_side = f"http://127.0.0.1:{port}{PREFIX}{name}"
        simulator = SIMULATORS[name](server_side, clock)
        client_id = providers[name].client_id or f"fittrack-local-{name}"
        secret = store.get_or_create(
            f"tracker-{name}-client-secret", lambda: secrets.token_urlsafe(32)
        )
        simulator.register_client(client_id, secret)
        simulators.by_provider[name] = simulator
        providers[name] = TrackerProvider(
            api_url=server_side,
            authorize_url=f"http://localhost:{port}{PREFIX}{name}/oauth/authorize",
            token_url=f"{server_side}/oauth/token",
            revoke_url=f"{server_side}/oauth/revoke",
            client_id=client_id,
        )
        if isinstance(simulator, GoogleHealthSimulator) and not os.environ.get(
            "FITTRACK_GOOGLE_HEALTH_KEYSET_URL"
        ):
            keyset_url = simulator.keyset_url  # notifications are signed by the simulator
    return simulators, dataclasses.replace(
        settings, tracker_providers=providers, google_health_keyset_url=keyset_url
    )
