"""The platform a load run talks to: `fittrack dev` on a free loopback port.

Started in its own process on a fresh FITTRACK_HOME with the demo seed and a
fixed program clock (a Wednesday at noon in New York, so the daily drawing is
open for sales whatever the hour of the run), rate limits lifted (every user
comes from 127.0.0.1). `accounts()` reads the demo sign-ins the seed wrote and
the drawings the mixes use. LOAD_WORKERS=N (default 1) starts it with
`--workers N` (N gateway processes on the one port; REDIS_URL required).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import requests

ROOT = Path(__file__).resolve().parents[2]
CLOCK_START = "2026-06-10T16:00:00Z"
API = "/api/v1"
SERVED_BY_HEADER = "X-FitTrack-Worker"  # fittrack.local.gateway, on answers when N > 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    home: Path

    @property
    def cpu_seconds(self) -> float:
        """User plus system CPU of the server and every process it started."""
        root = psutil.Process(self.process.pid)
        total = 0.0
        for proc in (root, *root.children(recursive=True)):
            try:
                times = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
        return total

    def stop(self) -> None:
        self.process.send_signal(2)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def workers() -> int:
    count = int(os.environ.get("LOAD_WORKERS") or "1")
    if count > 1 and not os.environ.get("REDIS_URL"):
        raise SystemExit(
            f"LOAD_WORKERS={count} needs REDIS_URL (e.g. redis://127.0.0.1:6379/14): the"
            " gateway processes share the cache and rate limiter there"
        )
    return count


def start(extra_args: tuple[str, ...] = ()) -> Server:
    count = workers()
    if count > 1:
        extra_args = ("--workers", str(count), *extra_args)
    port = free_port()
    home = Path(tempfile.mkdtemp(prefix="fittrack-load-"))
    env = {
        **os.environ,
        "FITTRACK_HOME": str(home),
        "FITTRACK_LOG_LEVEL": "WARNING",
        "FITTRACK_CLOCK_START": os.environ.get("LOAD_CLOCK_START", CLOCK_START),
        "FITTRACK_RATE_LIMITS": "anonymous=10000000,member=10000000,admin=10000000",
    }
    env.pop("FITTRACK_DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "fittrack.cli", "dev", "--port", str(port), *extra_args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(home / "server.log").open("wb"),
    )
    server = Server(process, f"http://127.0.0.1:{port}", home)
    deadline = time.monotonic() + 180  # the demo seed takes ~15 s on an idle machine
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the platform exited; see {home / 'server.log'}")
        try:
            if _serving(server.base) >= count:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.5)
    server.stop()
    raise SystemExit("the platform did not start within 180 s")


def _serving(base: str) -> int:
    """How many gateway processes answered 20 health checks (each a new connection)."""
    names = set()
    for _ in range(20):
        response = requests.get(f"{base}{API}/health", timeout=1)
        response.raise_for_status()
        names.add(response.headers.get(SERVED_BY_HEADER, "0"))
    return len(names)


def accounts(server: Server) -> dict[str, Any]:
    """The demo sign-ins and the drawings the mixes buy in and read results of."""
    text = (server.home / "demo-credentials.txt").read_text()
    admin_password = re.search(r"demo admin\n  email: +\S+\n  password: +(\S+)", text)
    member_password = re.search(r"demo members .*\n  email: +\S+.*\n  password: +(\S+)", text)
    if admin_password is None or member_password is None:
        raise SystemExit("demo-credentials.txt has no demo admin or members")
    members = _member_emails()
    token = sign_in(server.base, members[0], member_password.group(1))
    return {
        "adminEmail": "admin@fittrack.local",
        "adminPassword": admin_password.group(1),
        "members": members,
        "memberPassword": member_password.group(1),
        "openDrawing": _drawing(server.base, token, "open", "daily"),
        "completedDrawing": _drawing(server.base, token, "completed", None),
    }


def sign_in(base: str, email: str, password: str) -> str:
    response = requests.post(
        f"{base}{API}/auth/login",
        json={"email": email, "password": password, "deviceId": "load-setup"},
        timeout=30,
    )
    response.raise_for_status()
    return str(response.json()["accessToken"])


def _member_emails() -> list[str]:
    from datetime import date

    from fittrack.local.seed_activity import plan

    # Names and numbers do not depend on the day; the seed's own list of members.
    return [member.email for member in plan(date.fromisoformat(CLOCK_START[:10]))]


def _drawing(base: str, token: str, status: str, kind: str | None) -> str:
    response = requests.get(
        f"{base}{API}/drawings",
        params={"status": status, "limit": "100"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    response.raise_for_status()
    for drawing in response.json()["drawings"]:
        if kind is None or drawing["type"] == kind:
            return str(drawing["drawingId"])
    raise SystemExit(f"the demo seed has no {status} {kind or ''} drawing")
