"""A drand HTTP client that trusts no relay: chain info must hash to the pinned chain
hash, and a round is returned only once its BLS signature verifies.

Relays are asked in the configured order; a relay that fails, times out, lacks the
round or serves something that does not verify is passed over for the next one.
`round(n)` is None while no relay serves a valid round n (not published yet, or
every relay down): callers wait and ask again, never substituting other randomness.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import requests

from fittrack import log
from fittrack.adapters import bls
from fittrack.domain import beacon

logger = log.get_logger("fittrack.drand")
DEFAULT_TIMEOUT_SECONDS = 5.0


class BeaconUnavailable(RuntimeError):
    """No relay served chain info that hashes to the pinned chain hash."""


@dataclass
class DrandClient:
    relays: tuple[str, ...]
    chain_hash: str
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    _info: beacon.ChainInfo | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def _get(self, relay: str, path: str) -> Any | None:
        url = f"{relay.rstrip('/')}/{self.chain_hash}/{path}"
        try:
            response = requests.get(url, timeout=self.timeout)
            if response.status_code != 200:
                logger.info(
                    "beacon relay answered without the document",
                    extra={"relay": relay, "path": path, "status": response.status_code},
                )
                return None
            return response.json()
        except (requests.RequestException, ValueError) as failed:
            logger.warning(
                "beacon relay unreachable",
                extra={"relay": relay, "path": path, "error": type(failed).__name__},
            )
            return None

    def info(self) -> beacon.ChainInfo:
        """The pinned chain's info, from the first relay whose answer checks out."""
        with self._lock:
            if self._info is not None:
                return self._info
        for relay in self.relays:
            document = self._get(relay, "info")
            if not isinstance(document, dict):
                continue
            try:
                info = beacon.parse_info(document, self.chain_hash)
            except beacon.BeaconError as bad:
                logger.warning(
                    "beacon relay served bad chain info", extra={"relay": relay, "error": str(bad)}
                )
                continue
            with self._lock:
                self._info = info
            return info
        raise BeaconUnavailable(f"no relay serves chain {self.chain_hash}")

    def round(self, number: int) -> beacon.Round | None:
        """Round `number`, its signature verified; None while no relay has a valid one."""
        info = self.info()
        for relay in self.relays:
            found = self._verified(relay, info, number)
            if found is not None:
                return found
        return None

    def latest(self) -> beacon.Round | None:
        info = self.info()
        for relay in self.relays:
            document = self._get(relay, "public/latest")
            found = self._check(relay, info, document, None)
            if found is not None:
                return found
        return None

    def _verified(self, relay: str, info: beacon.ChainInfo, number: int) -> beacon.Round | None:
        return self._check(relay, info, self._get(relay, f"public/{number}"), number)

    def _check(
        self, relay: str, info: beacon.ChainInfo, document: Any, number: int | None
    ) -> beacon.Round | None:
        if not isinstance(document, dict):
            return None
        try:
            found = beacon.parse_round(document, info)
        except beacon.BeaconError as bad:
            logger.warning(
                "beacon relay served a bad round", extra={"relay": relay, "error": str(bad)}
            )
            return None
        if (number is not None and found.number != number) or not bls.verify(info, found):
            logger.warning(
                "beacon round did not verify", extra={"relay": relay, "round": found.number}
            )
            return None
        return found
