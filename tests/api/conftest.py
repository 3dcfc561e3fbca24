"""A real local platform on a free port, spoken to over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from fittrack.local.server import LocalPlatform, start

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def local_platform(fittrack_home: Path) -> Iterator[LocalPlatform]:
    local = start(ROOT, "127.0.0.1", port=0, seed=False)
    yield local
    local.shutdown()


@pytest.fixture
def api(local_platform: LocalPlatform) -> Iterator[Client]:
    with requests.Session() as session:
        yield Client(local_platform.url, session)


class Client:
    def __init__(self, base: str, session: requests.Session) -> None:
        self.base = base
        self.session = session

    def request(self, method: str, path: str, **kwargs: object) -> requests.Response:
        return self.session.request(method, self.base + path, timeout=10, **kwargs)  # type: ignore[arg-type]

    def get(self, path: str, **kwargs: object) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: object) -> requests.Response:
        return self.request("POST", path, **kwargs)
