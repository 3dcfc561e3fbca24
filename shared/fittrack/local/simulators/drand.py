"""A local drand beacon speaking drand's HTTP API, signing rounds with its own BLS key.

`BeaconSimulator(clock=...).start()` serves, like a drand relay,
`/chains`, `/{chain hash}/info`, `/{chain hash}/public/latest` and
`/{chain hash}/public/{round}`; a round exists once the clock reaches its time
(genesis + (round - 1) * period), earlier ones are 404 like a relay's. Its chain
uses quicknet's scheme (signatures on G1, RFC 9380 hashing) unless told
otherwise, and its chain hash is computed from its info exactly as drand's is, so
the production client (adapters/drand.py) checks it unchanged.
Tests may `withhold(n)` a round (a relay outage), `forge(n)` it (a signature
over another message, which must never verify) or run one that `impersonate`s
another chain (a compromised relay).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import secrets
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from py_ecc.optimized_bls12_381 import curve_order

from fittrack.adapters import bls
from fittrack.clock import Clock, utc_now
from fittrack.domain import beacon

if TYPE_CHECKING:
    from fittrack.config import Settings

LOCAL_PERIOD_SECONDS = 3
LOCAL_BEACON_ID = "fittrack-local"


def new_secret() -> int:
    return secrets.randbelow(curve_order - 1) + 1


def start_beacon_simulator(
    settings: Settings, clock: Clock = utc_now
) -> tuple[BeaconSimulator | None, Settings]:
    """The local beacon, unless relays are configured (FITTRACK_BEACON_RELAYS) or in
    production; its key and genesis are kept in the local secret store, so its chain
    (and the rounds drawings were committed to) survive a restart. With
    FITTRACK_BEACON_SIMULATOR_LEAD_SECONDS it runs that far ahead of the platform's
    clock (the browser suite closes and draws drawings at once)."""
    from fittrack.adapters.secrets import open_secrets

    if settings.is_production or os.environ.get("FITTRACK_BEACON_RELAYS"):
        return None, settings
    state = json.loads(
        open_secrets(settings).get_or_create(
            "beacon-simulator-key",
            lambda: json.dumps(
                {"secret": f"{new_secret():x}", "genesisTime": int(clock().timestamp())}
            ),
        )
    )
    lead = timedelta(seconds=int(os.environ.get("FITTRACK_BEACON_SIMULATOR_LEAD_SECONDS") or 0))
    simulator = BeaconSimulator(
        clock=lambda: clock() + lead,
        secret=int(state["secret"], 16),
        genesis_time=int(state["genesisTime"]),
    ).start()
    return simulator, dataclasses.replace(
        settings, beacon_relays=(simulator.url,), beacon_chain_hash=simulator.chain_hash
    )


class BeaconSimulator:
    def __init__(
        self,
        *,
        clock: Clock = utc_now,
        secret: int | None = None,
        genesis_time: int | None = None,
        period: int = LOCAL_PERIOD_SECONDS,
        scheme: str = beacon.G1_RFC9380,
        port: int = 0,
        impersonate: str | None = None,
    ) -> None:
        if scheme == beacon.CHAINED:
            raise ValueError("the simulator signs unchained schemes only")
        self.clock, self.secret = clock, secret or new_secret()
        genesis = genesis_time if genesis_time is not None else int(clock().timestamp()) - period
        key = bls.public_key(self.secret, on_g2=scheme == beacon.G1_RFC9380)
        unhashed = beacon.ChainInfo(
            chain_hash="",
            public_key=key,
            period=period,
            genesis_time=genesis,
            genesis_seed=hashlib.sha256(b"fittrack-local-beacon:" + key).digest(),
            scheme=scheme,
            beacon_id=LOCAL_BEACON_ID,
        )
        self.info = dataclasses.replace(unhashed, chain_hash=beacon.chain_hash(unhashed))
        self._signed: dict[int, bytes] = {}
        self._withheld: set[int] = set()
        self._forged: set[int] = set()
        self._lock = threading.Lock()
        self._port = port
        # A compromised relay: answers under another chain's hash with this chain's data.
        self.served_hash = impersonate or self.info.chain_hash
        self._server: _Server | None = None

    @property
    def chain_hash(self) -> str:
        return self.info.chain_hash

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the beacon simulator is not started")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> BeaconSimulator:
        self._server = _Server(("127.0.0.1", self._port), self)
        threading.Thread(
            target=self._server.serve_forever, name="beacon-simulator", daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def withhold(self, number: int) -> None:
        with self._lock:
            self._withheld.add(number)

    def forge(self, number: int) -> None:
        with self._lock:
            self._forged.add(number)
            self._signed.pop(number, None)

    def release(self, number: int) -> None:
        with self._lock:
            self._withheld.discard(number)
            self._forged.discard(number)
            self._signed.pop(number, None)

    def latest_number(self) -> int:
        return beacon.current_round(self.info, self.clock())

    def round(self, number: int) -> beacon.Round | None:
        """The published round `number` (None before its time or while withheld)."""
        if number < 1 or number > self.latest_number():
            return None
        with self._lock:
            if number in self._withheld:
                return None
            forged = number in self._forged
            signature = self._signed.get(number)
        if signature is None:
            signed_number = number + 1 if forged else number
            digest = beacon.message(self.info, beacon.Round(number=signed_number, signature=b""))
            signature = bls.sign(self.secret, digest, on_g1=self.info.signature_on_g1)
            with self._lock:
                self._signed[number] = signature
        return beacon.Round(number=number, signature=signature)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], simulator: BeaconSimulator) -> None:
        super().__init__(address, _Handler)
        self.simulator = simulator


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the simulator is a test double, not a service worth logging."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        sim = self.server.simulator
        parts = self.path.split("?", 1)[0].strip("/").split("/")
        if parts == ["chains"]:
            return self._json(200, [sim.served_hash])
        if not parts or parts[0] != sim.served_hash:
            return self._json(404, {"error": "unknown chain"})
        if parts[1:] == ["info"]:
            return self._json(200, {**beacon.info_document(sim.info), "hash": sim.served_hash})
        if len(parts) == 3 and parts[1] == "public":
            number = sim.latest_number() if parts[2] == "latest" else _number(parts[2])
            found = sim.round(number) if number is not None else None
            if found is None:
                return self._json(404, {"error": "round not found"})
            return self._json(200, beacon.round_document(found))
        return self._json(404, {"error": "not found"})

    def _json(self, status: int, body: Any) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)


def _number(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and len(raw) < 20 else None
