"""`fittrack dev` on a fresh FITTRACK_HOME: sets itself up, serves, stops cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen, seconds: float = 90) -> requests.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"fittrack dev exited early: {process.communicate()}")
        try:
            return requests.get(url, timeout=1)
        except (requests.ConnectionError, requests.Timeout):
            # the port is bound before the demo data is in place; answers come after
            time.sleep(0.1)
    raise AssertionError(f"{url} never answered")


# The demo seed takes a while, so only one of the two runs loads it.
@pytest.mark.parametrize(
    ("stop_signal", "seeded"), [(signal.SIGINT, True), (signal.SIGTERM, False)]
)
def test_dev_serves_on_the_chosen_port_and_stops_cleanly(
    fittrack_home: Path, stop_signal: signal.Signals, seeded: bool
) -> None:
    port = free_port()
    env = {**os.environ, "FITTRACK_HOME": str(fittrack_home), "PORT": str(port)}
    command = [sys.executable, "-m", "fittrack.cli", "dev", *([] if seeded else ["--no-seed"])]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        health = wait_for(f"http://127.0.0.1:{port}/api/v1/health", process)
        assert health.status_code == 200
        assert (fittrack_home / "fittrack.db").exists()
        credentials = fittrack_home / "demo-credentials.txt"
        assert credentials.exists() == seeded
        if seeded:
            assert "admin@fittrack.local" in credentials.read_text()
        process.send_signal(stop_signal)
        out, _ = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert f"http://localhost:{port}" in out and "FitTrack stopped." in out
