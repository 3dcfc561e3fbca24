"""`fittrack dev --workers N` in a subprocess: start it, sign demo members in, stop it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psutil
import requests

from fittrack.local.seed_activity import plan
from tests.api.conftest import Client
from tests.api.test_dev_command import free_port
from tests.fixtures.auth import login

ROOT = Path(__file__).resolve().parents[2]
# A Wednesday noon in New York: the demo seed's daily drawing is open for sales.
CLOCK_START = "2026-06-10T16:00:00Z"


@dataclass
class DevServer:
    process: subprocess.Popen[bytes]
    base: str
    home: Path

    def worker_pids(self) -> list[int]:
        return [p.pid for p in psutil.Process(self.process.pid).children(recursive=True)]

    def stop(self, signum: int = signal.SIGTERM) -> int:
        self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


def start_dev(home: Path, redis_url: str | None, *args: str) -> DevServer:
    port = free_port()
    env = {
        **os.environ,
        "FITTRACK_HOME": str(home),
        "FITTRACK_CLOCK_START": CLOCK_START,
        "FITTRACK_LOG_LEVEL": "WARNING",
        "FITTRACK_RATE_LIMITS": "anonymous=100000,member=100000,admin=100000",
    }
    for name in ("FITTRACK_DATABASE_URL", "FITTRACK_FUNCTION", "REDIS_URL"):
        env.pop(name, None)
    if redis_url is not None:
        env["REDIS_URL"] = redis_url
    command = [sys.executable, "-m", "fittrack.cli", "dev", "--port", str(port), *args]
    log = (home / "server.log").open("wb")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    server = DevServer(process, f"http://127.0.0.1:{port}", home)
    deadline = time.monotonic() + 180  # the demo seed: ~15 s on an idle machine
    while time.monotonic() < deadline:
        assert process.poll() is None, (home / "server.log").read_text()
        if "Press Ctrl-C" in (home / "server.log").read_text():
            return server  # the banner comes once every worker is serving
        time.sleep(0.3)
    process.kill()
    raise AssertionError("fittrack dev did not start within 180 s")


def demo_members(server: DevServer, count: int) -> list[str]:
    """Access tokens of the first `count` demo members."""
    text = (server.home / "demo-credentials.txt").read_text()
    found = re.search(r"demo members .*\n  email: +\S+.*\n  password: +(\S+)", text)
    assert found is not None, text
    emails = [m.email for m in plan(date.fromisoformat(CLOCK_START[:10]))][:count]
    with requests.Session() as session:
        api = Client(server.base, session)
        return [str(login(api, email, found.group(1))["accessToken"]) for email in emails]


def wait_gone(pids: list[int], seconds: float = 15) -> list[int]:
    """The pids still running after `seconds` (zombies count as gone)."""
    deadline = time.monotonic() + seconds
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if _running(pid)]
        time.sleep(0.1)
    return alive


def _running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
