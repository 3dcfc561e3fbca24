"""Shared test fixtures: an isolated FITTRACK_HOME per test and a real Redis."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fittrack import config

# Every platform a test starts runs on this calendar unless the test picks its own
# instant: a Wednesday at noon in New York, mid-month, far from midnight and DST.
# tests/integration/test_any_hour.py runs the time-sensitive flows at the awkward ones.
TEST_CLOCK_START = "2026-06-10T16:00:00Z"

pytest_plugins = [
    "tests.fixtures.db",
    "tests.fixtures.redis",
    "tests.fixtures.members",
    "tests.fixtures.auth",
]


@pytest.fixture(autouse=True)
def fittrack_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own FITTRACK_HOME, so no state leaks between tests."""
    home = tmp_path / "fittrack-home"
    home.mkdir()
    monkeypatch.setenv("FITTRACK_HOME", str(home))
    monkeypatch.delenv("FITTRACK_DATABASE_URL", raising=False)
    monkeypatch.delenv("FITTRACK_FUNCTION", raising=False)
    monkeypatch.setenv("FITTRACK_CLOCK_START", TEST_CLOCK_START)
    # Tests send many requests from one address; rate-limit tests set their own limits.
    monkeypatch.setenv("FITTRACK_RATE_LIMITS", "anonymous=100000,member=100000,admin=100000")
    if not os.environ.get("FITTRACK_TEST_KEEP_REDIS_URL"):
        monkeypatch.delenv("REDIS_URL", raising=False)
    config.reset()
    yield home
    config.reset()
