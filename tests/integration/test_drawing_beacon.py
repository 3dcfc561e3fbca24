"""fittrack-draw-v2 on a real SQLite file, with a drand beacon on the platform's clock:
the round is fixed at opening, the draw waits for it (and never draws without it),
draws as soon as it is published, and the proof document holds up against tampering."""

from __future__ import annotations

import copy
import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from fittrack import config
from fittrack.db import migrate
from fittrack.domain import beacon, draw_terms, selection
from fittrack.domain.drawings import DrawingStatus
from fittrack.domain.errors import Conflict
from fittrack.domain.identity import Caller
from fittrack.local.simulators.drand import BeaconSimulator
from fittrack.platform import Platform
from fittrack.repositories import drawings, prizes
from fittrack.services import draws, lifecycle, verification
from fittrack.services import tickets as buying
from tests.fixtures.drawings import START, Clock, admin, drawing, member
from tests.unit.test_drawing_selection import VERIFIER


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def sim(clock: Clock) -> Iterator[BeaconSimulator]:
    simulator = BeaconSimulator(clock=clock, genesis_time=int(START.timestamp()) - 3600).start()
    yield simulator
    simulator.stop()


@pytest.fixture
def platform(
    fittrack_home: Path, clock: Clock, sim: BeaconSimulator, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Platform]:
    monkeypatch.setenv("FITTRACK_BEACON_RELAYS", sim.url)
    monkeypatch.setenv("FITTRACK_BEACON_CHAIN_HASH", sim.chain_hash)
    config.reset()
    found = Platform(config.settings(), clock=clock)
    migrate(found.db)
    yield found
    found.close()


def current(platform: Platform, drawing_id: uuid.UUID) -> drawings.Drawing:
    with platform.db.unit_of_work(readonly=True) as uow:
        found = drawings.get(uow, drawing_id)
    assert found is not None
    return found


def sold(platform: Platform, buyers: int = 4, hours: int = 2) -> uuid.UUID:
    drawing_id = drawing(platform, admin(platform), prizes_=(1, 1), cost=10, hours=hours)
    for n in range(buyers):
        buying.buy(platform, member(platform, balance=1_000), drawing_id, n + 1)
    return drawing_id


def proof(platform: Platform, drawing_id: uuid.UUID) -> dict[str, Any]:
    return verification.verification(platform, drawing_id, None).model_dump(
        mode="json", by_alias=True
    )


def test_opening_commits_to_the_terms_and_the_round_after_close(
    platform: Platform, sim: BeaconSimulator
) -> None:
    drawing_id = sold(platform)
    d = current(platform, drawing_id)
    assert (d.algorithm, d.beacon_chain_hash) == (selection.V2, sim.chain_hash)
    assert d.beacon_round == beacon.draw_round(sim.info, d.sales_close_time)
    published_at = beacon.round_time(sim.info, d.beacon_round)
    assert published_at >= d.sales_close_time + timedelta(seconds=60)
    assert published_at < d.drawing_time
    assert d.terms is not None
    assert d.seed_commitment == hashlib.sha256(d.terms.encode()).hexdigest()
    terms = json.loads(d.terms)
    assert draw_terms.canonical(terms) == d.terms
    assert terms["beacon"]["round"] == d.beacon_round
    assert draw_terms.chain_from_terms(terms) == sim.info
    assert [(p["rank"], p["valueUsd"], p["quantity"]) for p in terms["prizes"]] == [
        (1, "25.00", 1),
        (2, "25.00", 1),
    ]
    assert (terms["ticketCostPoints"], terms["eligibility"]) == (
        10,
        {"userType": "all", "minAccountAgeDays": 0},
    )


def test_the_job_waits_for_the_round_and_draws_as_soon_as_it_appears(
    platform: Platform, sim: BeaconSimulator, clock: Clock
) -> None:
    drawing_id = sold(platform)
    d = current(platform, drawing_id)
    assert d.beacon_round is not None
    sim.withhold(d.beacon_round)  # the beacon is late
    clock.now = d.drawing_time
    assert lifecycle.run(platform)["closed"] == 1
    for _ in range(3):
        clock.advance(timedelta(minutes=1))
        assert lifecycle.run(platform)["drawn"] == 0
        assert current(platform, drawing_id).status == DrawingStatus.CLOSED
    sim.release(d.beacon_round)
    clock.advance(timedelta(minutes=1))
    assert lifecycle.run(platform)["drawn"] == 1
    done = current(platform, drawing_id)
    published = sim.round(d.beacon_round)
    assert published is not None
    assert done.status == DrawingStatus.COMPLETED
    assert (done.seed, done.beacon_signature) == (
        published.randomness.hex(),
        published.signature.hex(),
    )
    status, lines = VERIFIER.verify(proof(platform, drawing_id))
    assert status == 0, "\n".join(lines)


def test_an_admin_draw_before_the_round_is_a_409_then_works_at_its_time(
    platform: Platform, sim: BeaconSimulator, clock: Clock
) -> None:
    drawing_id = sold(platform)
    boss = admin(platform)
    lifecycle.close_drawing(platform, drawing_id, boss)  # early: the round is hours away
    d = current(platform, drawing_id)
    assert d.beacon_round is not None
    with pytest.raises(draws.BeaconPending) as waiting:
        draws.execute(platform, drawing_id, boss)
    assert waiting.value.round_number == d.beacon_round
    assert isinstance(waiting.value, Conflict)
    clock.now = beacon.round_time(sim.info, d.beacon_round) - timedelta(seconds=1)
    with pytest.raises(draws.BeaconPending):
        draws.execute(platform, drawing_id, boss)
    clock.now = beacon.round_time(sim.info, d.beacon_round)
    assert len(draws.execute(platform, drawing_id, boss)) == 2
    assert current(platform, drawing_id).status == DrawingStatus.COMPLETED


def test_a_forged_round_is_never_used(
    platform: Platform, sim: BeaconSimulator, clock: Clock
) -> None:
    drawing_id = sold(platform)
    d = current(platform, drawing_id)
    assert d.beacon_round is not None
    sim.forge(d.beacon_round)
    clock.now = d.drawing_time
    lifecycle.run(platform)
    lifecycle.run(platform)
    assert current(platform, drawing_id).status == DrawingStatus.CLOSED
    with platform.db.unit_of_work(readonly=True) as uow:
        assert uow.scalar("SELECT COUNT(*) FROM drawing_winners") == 0


def test_prizes_cannot_change_once_the_terms_are_committed(platform: Platform) -> None:
    from fittrack.services import prizes as prize_service

    drawing_id = sold(platform)
    with platform.db.unit_of_work(readonly=True) as uow:
        first = prizes.list_for_drawing(uow, drawing_id)[0]
    caller = Caller(user_id=admin(platform), role="admin")
    with pytest.raises(Conflict):
        prize_service.remove_prize(platform, caller, first.prize_id)
    assert json.loads(current(platform, drawing_id).terms or "")["prizes"][0]["prizeId"] == (
        first.prize_id.hex
    )


@pytest.fixture
def drawn(platform: Platform, clock: Clock) -> dict[str, Any]:
    drawing_id = sold(platform, buyers=5)
    clock.now = current(platform, drawing_id).drawing_time
    lifecycle.run(platform)
    lifecycle.run(platform)
    assert current(platform, drawing_id).status == DrawingStatus.COMPLETED
    doc = proof(platform, drawing_id)
    status, lines = VERIFIER.verify(doc)
    assert status == 0, "\n".join(lines)
    return doc


def _flip_hex(value: str) -> str:
    return ("1" if value[0] != "1" else "2") + value[1:]


TAMPERS: dict[str, Callable[[dict[str, Any]], None]] = {
    "commitment": lambda d: d.update(seedCommitment=_flip_hex(d["seedCommitment"])),
    "terms prize value": lambda d: d["terms"]["prizes"][0].update(valueUsd="99.00"),
    "terms prize quantity": lambda d: d["terms"]["prizes"][0].update(quantity=2),
    "terms ticket cost": lambda d: d["terms"].update(ticketCostPoints=1),
    "terms close time": lambda d: d["terms"].update(salesCloseTime="2026-11-20T23:00:00.000000Z"),
    "terms eligibility": lambda d: d["terms"]["eligibility"].update(userType="premium"),
    "terms round": lambda d: d["terms"]["beacon"].update(round=d["terms"]["beacon"]["round"] + 1),
    "terms public key": lambda d: d["terms"]["beacon"].update(
        publicKey=_flip_hex(d["terms"]["beacon"]["publicKey"])
    ),
    "terms drawing id": lambda d: d["terms"].update(drawingId=uuid.uuid4().hex),
    "beacon round": lambda d: d["beacon"].update(round=d["beacon"]["round"] + 1),
    "beacon signature": lambda d: d["beacon"].update(
        signature=d["beacon"]["signature"][:-2]
        + ("00" if d["beacon"]["signature"][-2:] != "00" else "01")
    ),
    "beacon randomness": lambda d: d["beacon"].update(
        randomness=_flip_hex(d["beacon"]["randomness"])
    ),
    "seed": lambda d: d.update(seed=_flip_hex(d["seed"])),
    "algorithm label": lambda d: d.update(algorithm=selection.V1),
    "prize rank": lambda d: d["prizes"][0].update(rank=9),
    "winner ticket": lambda d: d["winners"][0].update(
        ticketNumber=d["winners"][0]["ticketNumber"] % 15 + 1
    ),
    "alternate owner": lambda d: d["alternates"][0].update(ownerHash=d["winners"][0]["ownerHash"]),
    "snapshot owner": lambda d: d["snapshot"]["blocks"][0].__setitem__(2, "ab" * 32),
}


def test_every_tampered_field_of_the_v2_proof_is_caught(drawn: dict[str, Any]) -> None:
    missed = []
    for field, tamper in TAMPERS.items():
        doc = copy.deepcopy(drawn)
        tamper(doc)
        status, lines = VERIFIER.verify(doc)
        if status != 1:
            missed.append((field, lines))
    assert missed == []
