"""Settings from the environment (function config is environment variables).

Local defaults keep every piece of state under FITTRACK_HOME so that two
checkouts or test runs never share a database, keys or logs by accident.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

LOCAL = "local"
PRODUCTION = "production"
OIDC_DEFAULT_ISSUERS = {
    "google": "https://accounts.google.com",
    "apple": "https://appleid.apple.com",
}


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


@dataclass(frozen=True)
class OidcProvider:
    """A social-login provider: its issuer (discovery at issuer + /.well-known/...) and
    our client id there. Google's client secret is `oidc-google-client-secret` in the
    store; Apple's is minted per process from the team's key (`oidc-apple-private-key`),
    so Apple also needs the team id and the key id."""

    issuer: str
    client_id: str | None = None
    team_id: str | None = None
    key_id: str | None = None


def _oidc_providers() -> dict[str, OidcProvider]:
    """FITTRACK_OIDC_<NAME>_ISSUER (default: the real provider), _CLIENT_ID, and for
    Apple _TEAM_ID and _KEY_ID."""
    return {
        name: OidcProvider(
            issuer=_env(f"FITTRACK_OIDC_{name.upper()}_ISSUER", issuer) or issuer,
            client_id=_env(f"FITTRACK_OIDC_{name.upper()}_CLIENT_ID"),
            team_id=_env(f"FITTRACK_OIDC_{name.upper()}_TEAM_ID"),
            key_id=_env(f"FITTRACK_OIDC_{name.upper()}_KEY_ID"),
        )
        for name, issuer in OIDC_DEFAULT_ISSUERS.items()
    }


# Tracker APIs: both providers use Google's OAuth endpoints; each has its own API host.
GOOGLE_OAUTH = {
    "authorize": "https://accounts.google.com/o/oauth2/v2/auth",
    "token": "https://oauth2.googleapis.com/token",
    "revoke": "https://oauth2.googleapis.com/revoke",
}
# Google's public keyset for Google Health notification signatures (health.v4.json).
GOOGLE_HEALTH_KEYSET_URL = (
    "https://www.gstatic.com/googlehealthapi/webhooks/webhooks_public_keyset.json"
)
# Premium plans: the Stripe Price each one checks out with and what it costs (USD
# cents), shown by GET /billing/plans (docs/billing.md).
BILLING_PLANS = ("monthly", "annual")
LOCAL_STRIPE_PRICES = {"monthly": "price_fittrack_monthly", "annual": "price_fittrack_annual"}
BILLING_AMOUNTS = {"monthly": 499, "annual": 4999}
# drand (League of Entropy): the quicknet chain and its public HTTP relays.
BEACON_CHAIN_HASH = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971"
BEACON_RELAYS = (
    "https://api.drand.sh",
    "https://api2.drand.sh",
    "https://api3.drand.sh",
    "https://drand.cloudflare.com",
)
TRACKER_API_URLS = {
    "fitbit": "https://health.googleapis.com",
    "google_fit": "https://fitness.googleapis.com",
}


@dataclass(frozen=True, kw_only=True)
class TrackerProvider:
    """A tracker API: where its data and OAuth endpoints are, and our client id there;
    the client secret is `tracker-<name>-client-secret` in the store."""

    api_url: str
    authorize_url: str = GOOGLE_OAUTH["authorize"]
    token_url: str = GOOGLE_OAUTH["token"]
    revoke_url: str | None = GOOGLE_OAUTH["revoke"]
    client_id: str | None = None


def _tracker_providers() -> dict[str, TrackerProvider]:
    """FITTRACK_TRACKER_<NAME>_{API_URL,AUTHORIZE_URL,TOKEN_URL,REVOKE_URL,CLIENT_ID}."""
    found = {}
    for name, api in TRACKER_API_URLS.items():
        key, oauth = name.upper(), GOOGLE_OAUTH
        found[name] = TrackerProvider(
            api_url=_env(f"FITTRACK_TRACKER_{key}_API_URL") or api,
            authorize_url=_env(f"FITTRACK_TRACKER_{key}_AUTHORIZE_URL") or oauth["authorize"],
            token_url=_env(f"FITTRACK_TRACKER_{key}_TOKEN_URL") or oauth["token"],
            revoke_url=_env(f"FITTRACK_TRACKER_{key}_REVOKE_URL") or oauth["revoke"],
            client_id=_env(f"FITTRACK_TRACKER_{key}_CLIENT_ID"),
        )
    return found


@dataclass(frozen=True, kw_only=True)
class Settings:
    environment: str = LOCAL
    home: Path = Path(".fittrack")
    database_url: str = "sqlite:///.fittrack/fittrack.db"
    oracle_user: str | None = None
    oracle_dsn: str | None = None
    oracle_pool_min: int = 1
    oracle_pool_max: int = 4
    redis_url: str | None = None
    queue_backend: str = "db"  # "db" | "oci"
    oci_queue_ids: dict[str, str] = field(default_factory=dict)
    oci_queue_endpoint: str | None = None
    secrets_backend: str = "env"  # "env" | "vault"
    vault_secret_ids: dict[str, str] = field(default_factory=dict)
    mail_backend: str = "outbox"  # "outbox" | "smtp"
    smtp_host: str | None = None
    smtp_port: int = 587
    mail_from: str = "FitTrack <no-reply@fittrack.local>"
    public_base_url: str = "http://localhost:8080"
    jwt_issuer: str = "http://localhost:8080"
    jwt_audience: str = "fittrack-api"
    rate_limits: dict[str, int] = field(
        default_factory=lambda: {"anonymous": 10, "member": 100, "admin": 500}
    )
    cors_origins: tuple[str, ...] = ("http://localhost:8080", "http://localhost:5173")
    oidc_providers: dict[str, OidcProvider] = field(
        default_factory=lambda: {
            name: OidcProvider(issuer) for name, issuer in OIDC_DEFAULT_ISSUERS.items()
        }
    )
    tracker_providers: dict[str, TrackerProvider] = field(
        default_factory=lambda: {
            name: TrackerProvider(api_url=api) for name, api in TRACKER_API_URLS.items()
        }
    )
    tracker_http_timeout: float = 10.0  # seconds per provider call
    google_health_keyset_url: str = GOOGLE_HEALTH_KEYSET_URL
    # Providers the operator retired: their connections retire at their next sync and
    # nobody can link them (docs/trackers.md).
    retired_providers: frozenset[str] = frozenset()
    # Stripe: None is Stripe's own API (the local platform points it at its simulator).
    stripe_api_base: str | None = None
    stripe_prices: dict[str, str] = field(default_factory=lambda: dict(LOCAL_STRIPE_PRICES))
    billing_amounts: dict[str, int] = field(default_factory=lambda: dict(BILLING_AMOUNTS))
    billing_grace_days: int = 7  # premium kept after a failed renewal (docs/billing.md)
    # The randomness beacon drawings are seeded from (docs/drawings.md).
    beacon_chain_hash: str = BEACON_CHAIN_HASH
    beacon_relays: tuple[str, ...] = BEACON_RELAYS
    # Local platform and tests only: the clock starts at this instant and runs on.
    clock_start: datetime | None = None

    @property
    def is_production(self) -> bool:
        return self.environment == PRODUCTION


def _mapping(raw: str | None) -> dict[str, str]:
    """Parse "name=value,name2=value2" into a dict."""
    pairs = (item.split("=", 1) for item in (raw or "").split(",") if "=" in item)
    return {key.strip(): value.strip() for key, value in pairs}


def _rate_limits(raw: str | None) -> dict[str, int]:
    """FITTRACK_RATE_LIMITS="anonymous=10,member=100,admin=500" (requests per minute)."""
    limits = Settings().rate_limits
    for name, value in _mapping(raw).items():
        if name not in limits or not value.isdigit() or int(value) < 1:
            raise ValueError(f"FITTRACK_RATE_LIMITS: bad entry {name}={value}")
        limits[name] = int(value)
    return limits


def _plan_mapping(name: str, raw: str | None, default: dict[str, str]) -> dict[str, str]:
    """FITTRACK_STRIPE_PRICES / FITTRACK_BILLING_AMOUNTS: "monthly=...,annual=..."."""
    found = {**default, **_mapping(raw)}
    if set(found) != set(BILLING_PLANS) or not all(found.values()):
        raise ValueError(f"{name}: give monthly=... and annual=..., nothing else")
    return found


def _amounts(raw: str | None) -> dict[str, int]:
    found = _plan_mapping(
        "FITTRACK_BILLING_AMOUNTS", raw, {k: str(v) for k, v in BILLING_AMOUNTS.items()}
    )
    if not all(value.isdigit() and int(value) > 0 for value in found.values()):
        raise ValueError("FITTRACK_BILLING_AMOUNTS: amounts are whole cents above zero")
    return {plan: int(value) for plan, value in found.items()}


def from_environment() -> Settings:
    home = Path(_env("FITTRACK_HOME", ".fittrack") or ".fittrack").resolve()
    environment = _env("FITTRACK_ENV", LOCAL) or LOCAL
    return Settings(
        environment=environment,
        home=home,
        database_url=_env("FITTRACK_DATABASE_URL", f"sqlite:///{home / 'fittrack.db'}") or "",
        oracle_user=_env("FITTRACK_ORACLE_USER"),
        oracle_dsn=_env("FITTRACK_ORACLE_DSN"),
        oracle_pool_min=int(_env("FITTRACK_ORACLE_POOL_MIN", "1") or 1),
        oracle_pool_max=int(_env("FITTRACK_ORACLE_POOL_MAX", "4") or 4),
        redis_url=_env("REDIS_URL"),
        queue_backend=_env("FITTRACK_QUEUE_BACKEND", "db") or "db",
        oci_queue_ids=_mapping(_env("FITTRACK_OCI_QUEUE_IDS")),
        oci_queue_endpoint=_env("FITTRACK_OCI_QUEUE_ENDPOINT"),
        secrets_backend=_env("FITTRACK_SECRETS_BACKEND", "env") or "env",
        vault_secret_ids=_mapping(_env("FITTRACK_VAULT_SECRET_IDS")),
        mail_backend=_env("FITTRACK_MAIL_BACKEND", "outbox") or "outbox",
        smtp_host=_env("FITTRACK_SMTP_HOST"),
        smtp_port=int(_env("FITTRACK_SMTP_PORT", "587") or 587),
        mail_from=_env("FITTRACK_MAIL_FROM", Settings.mail_from) or Settings.mail_from,
        public_base_url=_env("FITTRACK_PUBLIC_BASE_URL", Settings.public_base_url) or "",
        jwt_issuer=_env(
            "FITTRACK_JWT_ISSUER", _env("FITTRACK_PUBLIC_BASE_URL", Settings.jwt_issuer)
        )
        or "",
        jwt_audience=_env("FITTRACK_JWT_AUDIENCE", Settings.jwt_audience) or "",
        rate_limits=_rate_limits(_env("FITTRACK_RATE_LIMITS")),
        cors_origins=tuple(
            o.strip()
            for o in (_env("FITTRACK_CORS_ORIGINS") or ",".join(Settings.cors_origins)).split(",")
            if o.strip()
        ),
        oidc_providers=_oidc_providers(),
        tracker_providers=_tracker_providers(),
        tracker_http_timeout=float(_env("FITTRACK_TRACKER_HTTP_TIMEOUT", "10") or 10),
        google_health_keyset_url=_env("FITTRACK_GOOGLE_HEALTH_KEYSET_URL")
        or GOOGLE_HEALTH_KEYSET_URL,
        retired_providers=frozenset(
            name.strip()
            for name in (_env("FITTRACK_RETIRED_PROVIDERS") or "").split(",")
            if name.strip()
        ),
        stripe_api_base=_env("FITTRACK_STRIPE_API_BASE"),
        stripe_prices=_plan_mapping(
            "FITTRACK_STRIPE_PRICES", _env("FITTRACK_STRIPE_PRICES"), LOCAL_STRIPE_PRICES
        ),
        billing_amounts=_amounts(_env("FITTRACK_BILLING_AMOUNTS")),
        billing_grace_days=int(_env("FITTRACK_BILLING_GRACE_DAYS", "7") or 7),
        beacon_chain_hash=_env("FITTRACK_BEACON_CHAIN_HASH") or BEACON_CHAIN_HASH,
        beacon_relays=tuple(
            url.strip()
            for url in (_env("FITTRACK_BEACON_RELAYS") or ",".join(BEACON_RELAYS)).split(",")
            if url.strip()
        ),
        clock_start=_instant("FITTRACK_CLOCK_START", _env("FITTRACK_CLOCK_START")),
    )


def _instant(name: str, raw: str | None) -> datetime | None:
    """An ISO 8601 instant with its offset (a bare local time would be ambiguous)."""
    if raw is None:
        return None
    moment = datetime.fromisoformat(raw)
    if moment.tzinfo is None:
        raise ValueError(f"{name}: give an offset or Z, e.g. 2026-06-10T16:00:00Z")
    return moment.astimezone(UTC)


@lru_cache(maxsize=1)
def settings() -> Settings:
    """Process-wide settings, read once per container."""
    return from_environment()


def reset() -> None:
    """Forget cached settings (tests and the local platform change the environment)."""
    settings.cache_clear()
