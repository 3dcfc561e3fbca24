"""`fittrack dev`: the whole platform on one port, ready on a fresh clone."""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from fittrack import config, log
from fittrack.clock import Clock
from fittrack.http.registry import load_all
from fittrack.local.gateway import Gateway
from fittrack.local.routes import RouteTable
from fittrack.local.scheduler import Scheduler
from fittrack.local.seed import demo_credentials
from fittrack.local.simulators import OidcSimulator, start_oidc_simulator
from fittrack.local.simulators.drand import BeaconSimulator, start_beacon_simulator
from fittrack.local.simulators.stripe_sim import StripeSimulator, start_stripe_simulator
from fittrack.local.simulators.trackers import TrackerSimulators, start_tracker_simulators
from fittrack.local.worker import Worker
from fittrack.platform import Platform, clock_for, set_platform

logger = log.get_logger("fittrack.dev")


@dataclass(kw_only=True)
class LocalPlatform:
    gateway: Gateway
    platform: Platform
    stop: threading.Event
    threads: list[threading.Thread]
    oidc: OidcSimulator | None = None  # the Google/Apple stand-in, unless configured away
    trackers: TrackerSimulators | None = None  # tracker APIs under /_sim/<provider>/
    stripe: StripeSimulator | None = None  # Stripe under /_sim/stripe/
    beacon: BeaconSimulator | None = None  # the drand stand-in, unless relays are configured
    workers: int = 1  # gateway processes (`fittrack dev --workers N`, fittrack.local.multi)
    also_stop: list[Callable[[], None]] = field(default_factory=list)  # first, at shutdown

    @property
    def url(self) -> str:
        host, port = self.gateway.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else str(host)
        return f"http://{'localhost' if host in ('0.0.0.0', '127.0.0.1') else host}:{port}"  # noqa: S104

    def shutdown(self) -> None:
        for stop in self.also_stop:
            stop()
        self.stop.set()
        self.gateway.shutdown()
        self.gateway.server_close()
        for thread in self.threads:
            thread.join(timeout=5)
        if self.oidc is not None:
            self.oidc.stop()
        if self.trackers is not None:
            self.trackers.stop()
        if self.beacon is not None:
            self.beacon.stop()
        set_platform(None)


class PlatformClock:
    """Reads the platform's clock at call time, so the simulators started before the
    platform (and a clock a test installs later) agree with it on what time it is."""

    def __init__(self, fallback: Clock) -> None:
        self.platform: Platform | None = None
        self._fallback = fallback

    def __call__(self) -> datetime:
        return self.platform.clock() if self.platform is not None else self._fallback()


def prepare(settings: config.Settings, seed: bool = True, clock: Clock | None = None) -> Platform:
    """Create what is missing: FITTRACK_HOME, the database and its schema, demo data."""
    from fittrack.db import migrate

    for folder in ("", "logs", "secrets"):
        (settings.home / folder).mkdir(parents=True, exist_ok=True)
    platform = Platform(settings, clock)
    set_platform(platform)
    applied = migrate(platform.db)
    if applied:
        logger.info("migrations applied", extra={"versions": applied})
    if seed:
        from fittrack.local.seed import seed_demo

        seed_demo(platform)
    return platform


def start(
    root: Path,
    host: str,
    *,
    port: int,
    seed: bool = True,
    background: bool = True,
    listener: socket.socket | None = None,
    served_by: str | None = None,
) -> LocalPlatform:
    specs = load_all()
    routes = RouteTable.from_contract(root / "api-spec" / "openapi.yaml")
    dist = root / "frontend" / "dist"
    gateway = Gateway((host, port), routes, dist, listener=listener, served_by=served_by)
    settings = served_at(config.settings(), gateway)
    base_clock = clock_for(settings)
    clock = PlatformClock(base_clock)
    oidc, settings = start_oidc_simulator(settings, clock)
    stripe, settings = start_stripe_simulator(settings, gateway.server_address[1], clock)
    if stripe is not None:  # before /_sim/: the first mount whose prefix matches serves
        gateway.mounts["/_sim/stripe/"] = stripe.handle
    trackers, settings = start_tracker_simulators(settings, gateway.server_address[1], clock)
    if trackers is not None:
        gateway.mounts["/_sim/"] = trackers.handle
    beacon, settings = start_beacon_simulator(settings, clock)
    platform = prepare(settings, seed=seed, clock=base_clock)
    clock.platform = platform
    stop = threading.Event()
    threads: list[threading.Thread] = [
        Scheduler(specs, stop, clock=clock),
        Worker(platform.queue, specs, stop),
    ]
    if background:
        threads.append(
            threading.Thread(target=gateway.serve_forever, name="fittrack-gateway", daemon=True)
        )
    for thread in threads:
        thread.start()
    return LocalPlatform(
        gateway=gateway,
        platform=platform,
        stop=stop,
        threads=threads,
        oidc=oidc,
        trackers=trackers,
        beacon=beacon,
        stripe=stripe,
    )


def served_at(settings: config.Settings, gateway: Gateway) -> config.Settings:
    """Links in emails and redirects point at the port actually served, unless configured."""
    if os.environ.get("FITTRACK_PUBLIC_BASE_URL"):
        return settings
    url = f"http://localhost:{gateway.server_address[1]}"
    issuer = settings.jwt_issuer if os.environ.get("FITTRACK_JWT_ISSUER") else url
    origins = tuple(dict.fromkeys((url, *settings.cors_origins)))
    return dataclasses.replace(
        settings, public_base_url=url, jwt_issuer=issuer, cors_origins=origins
    )


def run(root: Path, host: str, port: int, seed: bool = True, workers: int = 1) -> None:
    """Serve until Ctrl-C or SIGTERM, then stop cleanly."""
    if workers > 1:
        from fittrack.local.multi import start_with_workers

        local = start_with_workers(root, host, port=port, seed=seed, workers=workers)
    else:
        local = start(root, host, port=port, seed=seed, background=True)
    done = threading.Event()

    def _stop(signum: int, _frame: object) -> None:
        logger.info("stopping", extra={"signal": signal.Signals(signum).name})
        done.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    print(banner(local), flush=True)
    done.wait()
    local.shutdown()
    print("FitTrack stopped.", flush=True)


def banner(local: LocalPlatform) -> str:
    settings = local.platform.settings
    cache = settings.redis_url or "in-memory (set REDIS_URL to use Redis)"
    return "\n".join(
        [
            "",
            f"  FitTrack is running at {local.url}",
            f"    app:       {local.url}/",
            f"    API:       {local.url}/api/v1/health",
            f"    outbox:    {local.url}/_dev/outbox",
            f"    database:  {settings.database_url}",
            f"    cache:     {cache}",
            *([f"    workers:   {local.workers} processes"] if local.workers > 1 else []),
            *(
                [f"    oidc:      {local.oidc.url}/{{google,apple}} (social-login simulator)"]
                if local.oidc
                else []
            ),
            *(
                [
                    f"    trackers:  {local.url}/_sim/{{{','.join(local.trackers.by_provider)}}}"
                    " (tracker simulators)"
                ]
                if local.trackers
                else []
            ),
            *([f"    beacon:    {local.beacon.url} (drand simulator)"] if local.beacon else []),
            *(
                [f"    stripe:    {local.url}/_sim/stripe/ (Stripe simulator, card 4242...)"]
                if local.stripe
                else []
            ),
            f"    home:      {settings.home}",
            *_indented(demo_credentials(settings.home)),
            "  Press Ctrl-C to stop.",
            "",
        ]
    )


def _indented(text: str | None) -> list[str]:
    return [f"    {line}" for line in (text or "").splitlines()]
