"""Readiness answers 503 when the database or the cache cannot be reached."""

from __future__ import annotations

import dataclasses
import socket

from fittrack import config
from fittrack.http.registry import load_function
from fittrack.http.runtime import HttpCall, invoke_http
from fittrack.platform import Platform


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ready(platform: Platform):
    return invoke_http(
        load_function("health.ready"),
        HttpCall(method="GET", url="/api/v1/health/ready", headers={}),
        platform,
    )


def test_unreachable_cache_makes_the_function_not_ready(database) -> None:
    settings = dataclasses.replace(
        config.settings(), redis_url=f"redis://127.0.0.1:{closed_port()}/0"
    )
    platform = Platform(settings)
    platform.__dict__["db"] = database
    result = ready(platform)
    assert result.status == 503
    problem = result.json()
    assert problem["checks"] == {"database": "ok", "cache": "unreachable"}
    assert result.headers["Content-Type"] == "application/problem+json"


def test_unreachable_database_makes_the_function_not_ready(tmp_path) -> None:
    missing_dir = tmp_path / "file-not-dir"
    missing_dir.write_text("a file where the database folder should be")
    settings = dataclasses.replace(
        config.settings(), database_url=f"sqlite:///{missing_dir}/sub/fittrack.db"
    )
    result = ready(Platform(settings))
    assert result.status == 503
    assert result.json()["checks"] == {"database": "unreachable", "cache": "ok"}
