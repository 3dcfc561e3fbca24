"""The drand client against local beacons over HTTP: it returns only verified rounds,
passes over relays that are down, lying or forging, and waits for future rounds."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from fittrack.adapters import bls
from fittrack.adapters.drand import BeaconUnavailable, DrandClient
from fittrack.domain import beacon
from fittrack.local.simulators.drand import BeaconSimulator

START = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)
DEAD_RELAY = "http://127.0.0.1:9"  # the discard port: nothing listens there


class MovingClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> MovingClock:
    return MovingClock(START)


@pytest.fixture
def sim(clock: MovingClock) -> Iterator[BeaconSimulator]:
    simulator = BeaconSimulator(clock=clock, genesis_time=int(START.timestamp()) - 30).start()
    yield simulator
    simulator.stop()


def test_a_published_round_comes_back_verified(sim: BeaconSimulator) -> None:
    client = DrandClient((sim.url,), sim.chain_hash)
    assert client.info() == sim.info
    found = client.round(5)
    assert found is not None and found.number == 5
    assert bls.verify(sim.info, found)
    latest = client.latest()
    assert latest is not None and latest.number == beacon.current_round(sim.info, START) == 11


def test_a_future_round_is_none_until_its_time(sim: BeaconSimulator, clock: MovingClock) -> None:
    client = DrandClient((sim.url,), sim.chain_hash)
    future = beacon.current_round(sim.info, clock.now) + 2
    assert client.round(future) is None
    clock.now = beacon.round_time(sim.info, future) - timedelta(seconds=1)
    assert client.round(future) is None
    clock.now = beacon.round_time(sim.info, future)
    assert client.round(future) is not None


def test_failover_past_a_dead_a_lying_and_a_forging_relay(
    sim: BeaconSimulator, clock: MovingClock
) -> None:
    impostor = BeaconSimulator(clock=clock, impersonate=sim.chain_hash).start()
    forger = BeaconSimulator(
        clock=clock, secret=sim.secret, genesis_time=sim.info.genesis_time
    ).start()
    try:
        forger.forge(4)
        relays = (DEAD_RELAY, impostor.url, forger.url, sim.url)
        client = DrandClient(relays, sim.chain_hash, timeout=1.0)
        assert client.info() == sim.info  # the impostor's info does not hash to the pin
        found, genuine, forged = client.round(4), sim.round(4), forger.round(4)
        assert found is not None and genuine is not None and forged is not None
        assert found.signature == genuine.signature != forged.signature
    finally:
        impostor.stop()
        forger.stop()


def test_no_relay_with_a_valid_round_means_none(sim: BeaconSimulator) -> None:
    sim.forge(3)
    sim.withhold(6)
    client = DrandClient((sim.url,), sim.chain_hash)
    assert client.round(3) is None
    assert client.round(6) is None
    sim.release(3)
    assert client.round(3) is not None


def test_a_chain_no_relay_serves_is_unavailable(sim: BeaconSimulator) -> None:
    with pytest.raises(BeaconUnavailable):
        DrandClient((DEAD_RELAY, sim.url), "ab" * 32, timeout=1.0).info()


def test_the_local_beacon_keeps_its_chain_across_restarts(
    clock: MovingClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fittrack import config
    from fittrack.local.simulators.drand import start_beacon_simulator

    monkeypatch.delenv("FITTRACK_BEACON_RELAYS")
    monkeypatch.delenv("FITTRACK_BEACON_CHAIN_HASH")
    config.reset()
    first, settings = start_beacon_simulator(config.settings(), clock)
    assert first is not None
    try:
        assert settings.beacon_relays == (first.url,)
        assert settings.beacon_chain_hash == first.chain_hash
    finally:
        first.stop()
    second, again = start_beacon_simulator(config.settings(), clock)
    assert second is not None
    try:
        assert second.info == first.info and again.beacon_chain_hash == first.chain_hash
    finally:
        second.stop()
