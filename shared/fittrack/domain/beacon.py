"""drand randomness beacon rounds: chain info, round times, signed messages, randomness.

A drand chain publishes round r at `genesis_time + (r - 1) * period` (seconds, UTC).
Each round is a BLS12-381 threshold signature over a message fixed by the chain's
scheme; its randomness is SHA-256(signature). The chain hash commits to the
period, genesis time, group public key, genesis seed and beacon id, so pinning
the hash pins the key. The signature check itself lives in adapters/bls.py.
"""

from __future__ import annotations

import hashlib
import math
import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

CHAINED = "pedersen-bls-chained"  # signature on G2 over H(previous signature || u64(round))
UNCHAINED = "pedersen-bls-unchained"  # signature on G2 over H(u64(round))
G1_RFC9380 = "bls-unchained-g1-rfc9380"  # signature on G1 over H(u64(round)) (quicknet)
SCHEMES = (CHAINED, UNCHAINED, G1_RFC9380)
# The first round at or after sales close plus this margin seeds the draw, so the
# round cannot exist, and nobody can know it, while tickets are still sold.
DRAW_ROUND_MARGIN = timedelta(seconds=60)


class BeaconError(ValueError):
    """Chain info or a round that does not check out."""


@dataclass(frozen=True, kw_only=True)
class ChainInfo:
    chain_hash: str
    public_key: bytes
    period: int
    genesis_time: int
    genesis_seed: bytes
    scheme: str
    beacon_id: str = "default"

    @property
    def signature_on_g1(self) -> bool:
        return self.scheme == G1_RFC9380


@dataclass(frozen=True, kw_only=True)
class Round:
    number: int
    signature: bytes
    previous_signature: bytes | None = None

    @property
    def randomness(self) -> bytes:
        return hashlib.sha256(self.signature).digest()


def chain_hash(info: ChainInfo) -> str:
    """drand's chain hash over the info's fields (the scheme is not part of it)."""
    digest = hashlib.sha256()
    digest.update(struct.pack(">I", info.period))
    digest.update(struct.pack(">q", info.genesis_time))
    digest.update(info.public_key)
    digest.update(info.genesis_seed)
    if info.beacon_id not in ("", "default"):
        digest.update(info.beacon_id.encode())
    return digest.hexdigest()


def _hex(value: object, field: str) -> bytes:
    if not isinstance(value, str):
        raise BeaconError(f"{field} is not a hex string")
    try:
        return bytes.fromhex(value)
    except ValueError as bad:
        raise BeaconError(f"{field} is not hex") from bad


def _positive_int(value: object, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise BeaconError(f"{field} is not a positive integer")
    return value


def parse_info(document: dict[str, object], expected_hash: str) -> ChainInfo:
    """A chain's /info document, checked against the chain hash we pinned."""
    scheme = document.get("schemeID") or CHAINED
    if scheme not in SCHEMES:
        raise BeaconError(f"unsupported scheme {scheme!r}")
    metadata = document.get("metadata")
    beacon_id = metadata.get("beaconID", "default") if isinstance(metadata, dict) else "default"
    info = ChainInfo(
        chain_hash=expected_hash,
        public_key=_hex(document.get("public_key"), "public_key"),
        period=_positive_int(document.get("period"), "period"),
        genesis_time=_positive_int(document.get("genesis_time"), "genesis_time"),
        genesis_seed=_hex(document.get("groupHash"), "groupHash"),
        scheme=str(scheme),
        beacon_id=str(beacon_id),
    )
    if chain_hash(info) != expected_hash or document.get("hash", expected_hash) != expected_hash:
        raise BeaconError("the chain info does not hash to the pinned chain hash")
    return info


def info_document(info: ChainInfo) -> dict[str, object]:
    """The chain info as drand's HTTP API serves it."""
    return {
        "public_key": info.public_key.hex(),
        "period": info.period,
        "genesis_time": info.genesis_time,
        "hash": info.chain_hash,
        "groupHash": info.genesis_seed.hex(),
        "schemeID": info.scheme,
        "metadata": {"beaconID": info.beacon_id},
    }


def parse_round(document: dict[str, object], info: ChainInfo) -> Round:
    """A /public/{round} document; its randomness must be SHA-256 of its signature."""
    number = _positive_int(document.get("round"), "round")
    signature = _hex(document.get("signature"), "signature")
    previous = (
        _hex(document.get("previous_signature"), "previous_signature")
        if info.scheme == CHAINED
        else None
    )
    found = Round(number=number, signature=signature, previous_signature=previous)
    randomness = document.get("randomness")
    if randomness is not None and _hex(randomness, "randomness") != found.randomness:
        raise BeaconError("randomness is not SHA-256 of the signature")
    return found


def round_document(found: Round) -> dict[str, object]:
    return {
        "round": found.number,
        "randomness": found.randomness.hex(),
        "signature": found.signature.hex(),
        **(
            {"previous_signature": found.previous_signature.hex()}
            if found.previous_signature is not None
            else {}
        ),
    }


def message(info: ChainInfo, found: Round) -> bytes:
    """The 32-byte digest the chain's nodes signed for this round."""
    number = struct.pack(">Q", found.number)
    if info.scheme == CHAINED:
        if found.previous_signature is None:
            raise BeaconError("a chained round needs its previous signature")
        return hashlib.sha256(found.previous_signature + number).digest()
    return hashlib.sha256(number).digest()


def round_time(info: ChainInfo, number: int) -> datetime:
    """When the chain publishes this round."""
    return datetime.fromtimestamp(info.genesis_time + (number - 1) * info.period, UTC)


def current_round(info: ChainInfo, now: datetime) -> int:
    """The latest round published at `now` (0 before genesis)."""
    elapsed = math.floor(now.timestamp()) - info.genesis_time
    return 0 if elapsed < 0 else elapsed // info.period + 1


def first_round_at_or_after(info: ChainInfo, moment: datetime) -> int:
    """The first round whose publication time is at or after `moment`."""
    elapsed = moment.timestamp() - info.genesis_time
    return 1 if elapsed <= 0 else math.ceil(elapsed / info.period) + 1


def draw_round(info: ChainInfo, sales_close: datetime) -> int:
    """The round that seeds a drawing: first at or after sales close plus the margin."""
    return first_round_at_or_after(info, sales_close + DRAW_ROUND_MARGIN)
