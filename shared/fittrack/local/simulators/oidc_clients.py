"""Who may redeem codes at the OIDC simulator's /token, as each provider checks it.

Google: a registered client must present its secret (HTTP Basic or in the form); an
unregistered one needs none. Apple: the client secret is an ES256 JWT signed with the
team key registered for the Services ID, sent in the form only.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass
from datetime import datetime

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from fittrack.clock import Clock

APPLE_AUDIENCE = "https://appleid.apple.com"
APPLE_MAX_SECRET_SECONDS = 15_777_000  # six months, Apple's limit on a client secret


@dataclass(frozen=True, kw_only=True)
class AppleTeam:
    team_id: str
    key_id: str
    public_key: ec.EllipticCurvePublicKey


class Clients:
    def __init__(self) -> None:
        self._secrets: dict[tuple[str, str], str] = {}
        self._apple_teams: dict[str, AppleTeam] = {}  # by services id (client id)
        self._lock = threading.Lock()

    def register(self, provider: str, client_id: str, secret: str) -> None:
        with self._lock:
            self._secrets[(provider, client_id)] = secret

    def register_apple_team(
        self, services_id: str, *, team_id: str, key_id: str, public_key_pem: str
    ) -> None:
        public = load_pem_public_key(public_key_pem.encode())
        if not isinstance(public, ec.EllipticCurvePublicKey):
            raise ValueError("an Apple team key is an EC P-256 key")
        with self._lock:
            self._apple_teams[services_id] = AppleTeam(
                team_id=team_id, key_id=key_id, public_key=public
            )

    def google_authenticates(self, provider: str, client_id: str, secret: str | None) -> bool:
        with self._lock:
            expected = self._secrets.get((provider, client_id))
        return expected is None or hmac.compare_digest((secret or "").encode(), expected.encode())

    def apple_authenticates(
        self, form: dict[str, str], basic: tuple[str, str] | None, clock: Clock
    ) -> bool:
        client_id = form.get("client_id", "")
        with self._lock:
            team = self._apple_teams.get(client_id)
        if basic is not None or team is None:
            return False
        return _apple_secret_ok(form.get("client_secret", ""), team, client_id, clock())


def _apple_secret_ok(secret: str, team: AppleTeam, client_id: str, now: datetime) -> bool:
    try:
        header = jwt.get_unverified_header(secret)
        claims = jwt.decode(
            secret,
            team.public_key,
            algorithms=["ES256"],
            audience=APPLE_AUDIENCE,
            issuer=team.team_id,
            options={
                "require": ["iss", "sub", "aud", "iat", "exp"],
                "verify_exp": False,  # checked below against the simulator's clock
                "verify_iat": False,
                "verify_nbf": False,
            },
        )
    except jwt.PyJWTError:
        return False
    issued, expires, at = int(claims["iat"]), int(claims["exp"]), int(now.timestamp())
    return (
        header.get("kid") == team.key_id
        and claims["sub"] == client_id
        and issued <= at + 60
        and at < expires
        and expires - issued <= APPLE_MAX_SECRET_SECONDS
    )
