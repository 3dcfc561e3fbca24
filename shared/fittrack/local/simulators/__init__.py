"""Stand-ins for outside services that the local platform runs next to the gateway.

`start_oidc_simulator(settings)` starts the OIDC simulator for every social-login
provider whose issuer is not set in the environment (FITTRACK_OIDC_<NAME>_ISSUER)
and returns settings that point those providers at it, with a local client id
(FITTRACK_OIDC_<NAME>_CLIENT_ID or `fittrack-local-<name>`) and the client secret
from the local secret store, which the simulator then demands at /token.
FITTRACK_OIDC_SIMULATOR_PORT picks its port (default: any free one).
"""

from __future__ import annotations

import dataclasses
import os
import secrets

from fittrack.clock import Clock, utc_now
from fittrack.config import OidcProvider, Settings
from fittrack.local.simulators.oidc import OidcSimulator

__all__ = ["OidcSimulator", "start_oidc_simulator"]


def start_oidc_simulator(
    settings: Settings, clock: Clock = utc_now
) -> tuple[OidcSimulator | None, Settings]:
    from fittrack.adapters.secrets import open_secrets

    simulated = [
        name
        for name in settings.oidc_providers
        if name in OidcSimulator.providers
        and not os.environ.get(f"FITTRACK_OIDC_{name.upper()}_ISSUER")
    ]
    if settings.is_production or not simulated:
        return None, settings
    port = int(os.environ.get("FITTRACK_OIDC_SIMULATOR_PORT") or 0)
    simulator = OidcSimulator(port=port, clock=clock).start()
    store = open_secrets(settings)
    providers = dict(settings.oidc_providers)
    try:
        for name in simulated:
            client_id = providers[name].client_id or f"fittrack-local-{name}"
            secret = store.get_or_create(
                f"oidc-{name}-client-secret", lambda: secrets.token_urlsafe(32)
            )
            simulator.register_client(name, client_id, secret)
            providers[name] = OidcProvider(issuer=simulator.issuer(name), client_id=client_id)
    except BaseException:
        simulator.stop()
        raise
    return simulator, dataclasses.replace(settings, oidc_providers=providers)
