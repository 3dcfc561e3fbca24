"""Shared test fixtures: an isolated FITTRACK_HOME per test, a real Redis and a beacon."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fittrack import config
from fittrack.local.simulators.drand import BeaconSimulator

# Every platform a test starts runs on this calendar unless the test picks its own
# instant: a Wednesday at noon in New York, mid-month, far from midnight and DST.
# tests/integration/test_any_hour.py runs the time-sensitive flows at the awkward ones.
TEST_CLOCK_START = "2026-06-10T16:00:00Z"

# Every platform a test starts reads drand rounds from one local beacon that has
# already published every round up to 2100, so a test that closes a drawing and
# draws it at once finds its round. tests/integration/test_drawing_beacon.py runs a
# beacon on the platform's clock instead, to show the draw waiting for its round.
BEACON_GENESIS = datetime(2020, 1, 1, tzinfo=UTC)
BEACON_PUBLISHED_UNTIL = datetime(2100, 1, 1, tzinfo=UTC)

pytest_plugins = [
    "tests.fixtures.db",
    "tests.fixtures.redis",
    "tests.fixtures.members",
    "tests.fixtures.auth",
]


@pytest.fixture(scope="session")
def shared_beacon() -> Iterator[BeaconSimulator]:
    simulator = BeaconSimulator(
        clock=lambda: BEACON_PUBLISHED_UNTIL, genesis_time=int(BEACON_GENESIS.timestamp())
    ).start()
    yield simulator
    simulator.stop()


@pytest.fixture(autouse=True)
def fittrack_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_beacon: BeaconSimulator
) -> Iterator[Path]:
    """Every test gets its own FITTRACK_HOME, so no state leaks between tests."""
    home = tmp_path / "fittrack-home"
    home.mkdir()
    monkeypatch.setenv("FITTRACK_HOME", str(home))
    monkeypatch.delenv("FITTRACK_DATABASE_URL", raising=False)
    monkeypatch.delenv("FITTRACK_FUNCTION", raising=False)
    monkeypatch.setenv("FITTRACK_CLOCK_START", TEST_CLOCK_START)
    monkeypatch.setenv("FITTRACK_BEACON_RELAYS", shared_beacon.url)
    monkeypatch.setenv("FITTRACK_BEACON_CHAIN_HASH", shared_beacon.chain_hash)
    # Tests send many requests from one address; rate-limit tests set their own limits.
    monkeypatch.setenv("FITTRACK_RATE_LIMITS", "anonymous=100000,member=100000,admin=100000")
    if not os.environ.get("FITTRACK_TEST_KEEP_REDIS_URL"):
        monkeypatch.delenv("REDIS_URL", raising=False)
    config.reset()
    yield home
    config.reset()
