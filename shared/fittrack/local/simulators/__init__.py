"""Stand-ins for outside services that the local platform runs next to the gateway.

`start_oidc_simulator(settings)` starts the OIDC simulator for every social-login
provider whose issuer is not set in the environment (FITTRACK_OIDC_<NAME>_ISSUER)
and returns settings that point those providers at it, with a local client id
(FITTRACK_OIDC_<NAME>_CLIENT_ID or `fittrack-local-<name>`). Google's client secret
comes from the local secret store and the simulator demands it at /token; for Apple
a team key (EC P-256, `oidc-apple-private-key`) is generated into the store, its
public half registered with the simulator under the team and key ids
(FITTRACK_OIDC_APPLE_TEAM_ID / _KEY_ID or local ones), so /token checks the client
secret JWT the server mints as Apple would.
FITTRACK_OIDC_SIMULATOR_PORT picks its port (default: any free one).
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from fittrack.clock import Clock, utc_now
from fittrack.config import OidcProvider, Settings
from fittrack.local.simulators.oidc import OidcSimulator

if TYPE_CHECKING:
    from fittrack.adapters.secrets import Secrets

__all__ = ["OidcSimulator", "start_oidc_simulator"]
LOCAL_APPLE_TEAM_ID = "LOCALTEAM1"  # ten characters, like a real team id
LOCAL_APPLE_KEY_ID = "LOCALKEY01"


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
            if name == "apple":
                providers[name] = _simulated_apple(simulator, store, providers[name], client_id)
                continue
            secret = store.get_or_create(
                f"oidc-{name}-client-secret", lambda: secrets.token_urlsafe(32)
            )
            simulator.register_client(name, client_id, secret)
            providers[name] = OidcProvider(issuer=simulator.issuer(name), client_id=client_id)
    except BaseException:
        simulator.stop()
        raise
    return simulator, dataclasses.replace(settings, oidc_providers=providers)


def _simulated_apple(
    simulator: OidcSimulator, store: Secrets, configured: OidcProvider, client_id: str
) -> OidcProvider:
    team_id = configured.team_id or LOCAL_APPLE_TEAM_ID
    key_id = configured.key_id or LOCAL_APPLE_KEY_ID
    private_pem = store.get_or_create("oidc-apple-private-key", _new_apple_key)
    simulator.register_apple_team(
        client_id, team_id=team_id, key_id=key_id, public_key_pem=_public_pem(private_pem)
    )
    return OidcProvider(
        issuer=simulator.issuer("apple"), client_id=client_id, team_id=team_id, key_id=key_id
    )


def _new_apple_key() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _public_pem(private_pem: str) -> str:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
