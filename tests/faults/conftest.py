"""Fixtures of the fault drills: a private Redis, the local platform on it, funded members.

`local_platform` here replaces the API suite's: the same real platform (gateway, fdk
entry point, SQLite file under the test's FITTRACK_HOME) but with its cache on the
drill's own `redis-server`, which the drill may kill. The scheduler and the in-process
queue worker are stopped, so only what a drill starts runs jobs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from fittrack import config
from fittrack.local.server import LocalPlatform
from tests.api.conftest import Client
from tests.faults.invariants import assert_consistent
from tests.faults.processes import RedisServer
from tests.fixtures.trackers import quiet_platform


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.kill()


@pytest.fixture
def platform_env(request: pytest.FixtureRequest) -> dict[str, str]:
    """Extra configuration of the drill's platform (parametrize indirectly to set it)."""
    return dict(getattr(request, "param", {}))


@pytest.fixture
def local_platform(
    fittrack_home: Path,
    redis_server: RedisServer,
    platform_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[LocalPlatform]:
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    for name, value in platform_env.items():
        monkeypatch.setenv(name, value)
    config.reset()
    local = quiet_platform()
    yield local
    assert_consistent(local.platform.db)  # whatever the drill did, nothing is broken
    local.shutdown()


@pytest.fixture
def api(local_platform: LocalPlatform) -> Iterator[Client]:
    with requests.Session() as session:
        yield Client(local_platform.url, session)
