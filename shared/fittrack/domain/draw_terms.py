"""The terms a fittrack-draw-v2 drawing commits to when it opens, and their hash.

The terms are a JSON object (field list in docs/drawings.md): the algorithm, the
drawing id, ticket cost, sales close and drawing times, eligibility, every prize
(id, rank, name, value, quantity) and the beacon (the drand chain's info and the
round fixed for the draw). They are stored and published byte for byte as
canonical JSON (keys sorted, no whitespace, UTF-8, non-ASCII unescaped), and
`seedCommitment` is SHA-256 of those bytes, hex.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from fittrack.domain import beacon
from fittrack.domain.eligibility import Rules


@dataclass(frozen=True, kw_only=True)
class PrizeTerm:
    prize_id: uuid.UUID
    rank: int
    name: str
    value_usd: Decimal
    quantity: int


def instant(moment: datetime) -> str:
    """UTC, always with microseconds: 2026-06-14T00:55:00.000000Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(document: Any) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def commitment(canonical_terms: str) -> str:
    return hashlib.sha256(canonical_terms.encode("utf-8")).hexdigest()


def beacon_terms(info: beacon.ChainInfo, round_number: int) -> dict[str, Any]:
    return {
        "chainHash": info.chain_hash,
        "scheme": info.scheme,
        "publicKey": info.public_key.hex(),
        "period": info.period,
        "genesisTime": info.genesis_time,
        "genesisSeed": info.genesis_seed.hex(),
        "beaconId": info.beacon_id,
        "round": round_number,
    }


def terms(
    *,
    algorithm: str,
    drawing_id: uuid.UUID,
    ticket_cost_points: int,
    sales_close_time: datetime,
    drawing_time: datetime,
    eligibility: dict[str, Any],
    prizes: Iterable[PrizeTerm],
    info: beacon.ChainInfo,
    round_number: int,
) -> dict[str, Any]:
    rules = Rules.from_json(eligibility)
    return {
        "algorithm": algorithm,
        "drawingId": drawing_id.hex,
        "ticketCostPoints": ticket_cost_points,
        "salesCloseTime": instant(sales_close_time),
        "drawingTime": instant(drawing_time),
        "eligibility": {
            "userType": rules.user_type,
            "minAccountAgeDays": rules.min_account_age_days,
        },
        "prizes": [
            {
                "prizeId": p.prize_id.hex,
                "rank": p.rank,
                "name": p.name,
                "valueUsd": f"{p.value_usd:.2f}",
                "quantity": p.quantity,
            }
            for p in sorted(prizes, key=lambda p: (p.rank, p.prize_id.hex))
        ],
        "beacon": beacon_terms(info, round_number),
    }


def chain_from_terms(document: dict[str, Any]) -> beacon.ChainInfo:
    """The chain info the terms name (raises BeaconError when it does not hash right)."""
    b = document["beacon"]
    info = beacon.ChainInfo(
        chain_hash=b["chainHash"],
        public_key=bytes.fromhex(b["publicKey"]),
        period=int(b["period"]),
        genesis_time=int(b["genesisTime"]),
        genesis_seed=bytes.fromhex(b["genesisSeed"]),
        scheme=b["scheme"],
        beacon_id=b["beaconId"],
    )
    if beacon.chain_hash(info) != info.chain_hash or info.scheme not in beacon.SCHEMES:
        raise beacon.BeaconError("the terms' chain info does not match its chain hash")
    return info
