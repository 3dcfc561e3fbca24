"""drand rounds: real published rounds of the mainnet chains verify, tampered ones do not.

The fixtures (tests/fixtures/drand_rounds.json, sources cited there) are rounds the
League of Entropy published, with their chains' info, so these tests check our
BLS verification against drand itself, not against our own signer.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fittrack.adapters import bls
from fittrack.domain import beacon

FIXTURES = json.loads((Path(__file__).parents[1] / "fixtures" / "drand_rounds.json").read_text())
CHAINS: dict[str, Any] = FIXTURES["chains"]
REAL_ROUNDS = [
    pytest.param(name, document, id=f"{name}-{document['round']}")
    for name, chain in CHAINS.items()
    for document in chain["rounds"]
]


def chain(name: str) -> beacon.ChainInfo:
    info = CHAINS[name]["info"]
    return beacon.parse_info(info, info["hash"])


def flip(raw: bytes, index: int) -> bytes:
    return raw[:index] + bytes([raw[index] ^ 0x01]) + raw[index + 1 :]


@pytest.mark.parametrize(("name", "document"), REAL_ROUNDS)
def test_a_real_published_round_verifies(name: str, document: dict[str, Any]) -> None:
    info = chain(name)
    found = beacon.parse_round(document, info)
    assert found.randomness.hex() == document["randomness"]
    assert bls.verify(info, found)


def test_each_scheme_is_covered_by_a_real_round() -> None:
    assert {chain(name).scheme for name in CHAINS} == set(beacon.SCHEMES)


@pytest.mark.parametrize("name", ["mainnet-default", "mainnet-quicknet", "testnet-unchained"])
def test_a_tampered_signature_does_not_verify(name: str) -> None:
    info = chain(name)
    found = beacon.parse_round(CHAINS[name]["rounds"][-1], info)
    # The last byte keeps the point's encoding flags, so the point may still decode.
    assert not bls.verify(
        info, replace(found, signature=flip(found.signature, len(found.signature) - 1))
    )
    assert not bls.verify(info, replace(found, signature=found.signature[:-1]))


@pytest.mark.parametrize("name", ["mainnet-default", "mainnet-quicknet", "testnet-unchained"])
def test_a_signature_presented_for_another_round_does_not_verify(name: str) -> None:
    info = chain(name)
    found = beacon.parse_round(CHAINS[name]["rounds"][-1], info)
    assert not bls.verify(info, replace(found, number=found.number + 1))


def test_a_chained_round_needs_the_right_previous_signature() -> None:
    info = chain("mainnet-default")
    found = beacon.parse_round(CHAINS["mainnet-default"]["rounds"][1], info)
    assert found.previous_signature is not None
    assert not bls.verify(
        info, replace(found, previous_signature=flip(found.previous_signature, 5))
    )
    assert not bls.verify(info, replace(found, previous_signature=None))


def test_a_round_does_not_verify_under_another_chain() -> None:
    quicknet_round = beacon.parse_round(
        CHAINS["mainnet-quicknet"]["rounds"][0], chain("mainnet-quicknet")
    )
    for other in ("mainnet-default", "testnet-unchained"):
        assert not bls.verify(chain(other), quicknet_round)
    default = chain("mainnet-default")
    unchained_claim = replace(default, scheme=beacon.UNCHAINED)
    default_round = beacon.parse_round(CHAINS["mainnet-default"]["rounds"][0], default)
    assert not bls.verify(unchained_claim, default_round)


def test_the_randomness_must_be_the_hash_of_the_signature() -> None:
    info = chain("mainnet-quicknet")
    document = dict(CHAINS["mainnet-quicknet"]["rounds"][0], randomness="00" * 32)
    with pytest.raises(beacon.BeaconError):
        beacon.parse_round(document, info)


@pytest.mark.parametrize("name", ["mainnet-default", "mainnet-quicknet", "testnet-unchained"])
def test_the_chain_hash_is_drands(name: str) -> None:
    info = CHAINS[name]["info"]
    assert beacon.chain_hash(beacon.parse_info(info, info["hash"])) == info["hash"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("public_key", CHAINS["mainnet-default"]["info"]["public_key"]),
        ("period", 30),
        ("genesis_time", 1692803368),
        ("groupHash", "00" * 32),
        ("metadata", {"beaconID": "default"}),
    ],
)
def test_tampered_chain_info_does_not_match_the_pinned_hash(field: str, value: Any) -> None:
    info = dict(CHAINS["mainnet-quicknet"]["info"], **{field: value})
    with pytest.raises(beacon.BeaconError):
        beacon.parse_info(info, CHAINS["mainnet-quicknet"]["info"]["hash"])


def test_an_unknown_scheme_is_refused() -> None:
    info = dict(CHAINS["mainnet-quicknet"]["info"], schemeID="bls-bn254-unchained-on-g1")
    with pytest.raises(beacon.BeaconError, match="unsupported scheme"):
        beacon.parse_info(info, info["hash"])


def test_round_times_follow_genesis_and_period() -> None:
    info = chain("mainnet-quicknet")
    genesis = datetime.fromtimestamp(info.genesis_time, UTC)
    assert beacon.round_time(info, 1) == genesis
    assert beacon.round_time(info, 30662982) == genesis + timedelta(seconds=3 * 30662981)
    assert beacon.current_round(info, genesis - timedelta(seconds=1)) == 0
    assert beacon.current_round(info, genesis + timedelta(seconds=2)) == 1
    assert beacon.current_round(info, genesis + timedelta(seconds=3)) == 2


def test_the_draw_round_is_the_first_at_or_after_close_plus_the_margin() -> None:
    info = chain("mainnet-quicknet")
    close = datetime(2026, 6, 14, 0, 55, tzinfo=UTC)
    number = beacon.draw_round(info, close)
    target = close + beacon.DRAW_ROUND_MARGIN
    assert beacon.round_time(info, number) >= target
    assert beacon.round_time(info, number - 1) < target
    on_the_dot = beacon.round_time(info, number) - beacon.DRAW_ROUND_MARGIN
    assert beacon.draw_round(info, on_the_dot) == number
