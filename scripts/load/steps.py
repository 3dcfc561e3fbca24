"""One step of the ramp: locust headless at a fixed user count, and what it measured.

Locust runs in its own process (its gevent loop would otherwise share this
one), with --reset-stats so the figures are the steady state after every user
has signed in. Around the step the CPU time of the server, of locust and of the
whole machine is read, so the report can say how much of the machine the other
work on it took.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from platform_under_test import Server

HERE = Path(__file__).resolve().parent
P95_TARGET_MS = 200.0  # the PRD's API p95


@dataclass
class RouteFigures:
    name: str
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float
    rps: float


@dataclass
class Step:
    users: int
    wall: float  # the whole locust run, sign-ins of the spawn included
    routes: list[RouteFigures] = field(default_factory=list)
    total: RouteFigures | None = None
    server_cpu: float = 0.0  # seconds
    locust_cpu: float = 0.0
    machine_busy: float = 0.0  # core-seconds used by everything on the machine

    @property
    def throughput(self) -> float:
        return self.total.rps if self.total else 0.0

    @property
    def server_cores(self) -> float:
        return self.server_cpu / self.wall if self.wall else 0.0

    @property
    def others_cores(self) -> float:
        """What the rest of the machine (not the server, not locust) kept busy."""
        return max(0.0, self.machine_busy - self.server_cpu - self.locust_cpu) / self.wall

    @property
    def error_rate(self) -> float:
        if not self.total or not self.total.requests:
            return 0.0
        return self.total.failures / self.total.requests

    @property
    def passed(self) -> bool:
        return (
            self.total is not None
            and self.total.requests > 0
            and self.total.failures == 0
            and self.total.p95 <= P95_TARGET_MS
        )


def run_step(
    server: Server, accounts_file: Path, users: int, seconds: int, max_requests: int
) -> Step:
    spawn_rate = max(2, min(20, users // 4))
    out = Path(tempfile.mkdtemp(prefix="fittrack-locust-")) / "step"
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--only-summary",
        "--reset-stats",
        "--host",
        server.base,
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate),
        "--run-time",
        f"{seconds + users // spawn_rate + 1}s",
        "--stop-timeout",
        "5",
        "--csv",
        str(out),
        "--loglevel",
        "WARNING",
    ]
    env = {
        **os.environ,
        "LOAD_ACCOUNTS": str(accounts_file),
        "LOAD_MAX_REQUESTS": str(max_requests),
    }
    server_before, machine_before = server.cpu_seconds, _machine_busy()
    started = time.monotonic()
    locust = psutil.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=(out.parent / "locust.log").open("wb")
    )
    # The child's CPU is read just before it exits, while psutil can still see it.
    locust_cpu = 0.0
    while locust.poll() is None:
        try:
            times = locust.cpu_times()
            locust_cpu = times.user + times.system
        except psutil.NoSuchProcess:
            break
        time.sleep(0.5)
    step = Step(users=users, wall=time.monotonic() - started)
    step.server_cpu = server.cpu_seconds - server_before
    step.machine_busy = _machine_busy() - machine_before
    step.locust_cpu = locust_cpu
    step.routes, step.total = _read_stats(out.parent / "step_stats.csv")
    return step


def _machine_busy() -> float:
    times = psutil.cpu_times()
    return float(sum(times) - times.idle - getattr(times, "iowait", 0.0))


def _read_stats(path: Path) -> tuple[list[RouteFigures], RouteFigures | None]:
    if not path.exists():
        return [], None
    routes: list[RouteFigures] = []
    total = None
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            figures = RouteFigures(
                name=row["Name"],
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                p50=_ms(row["50%"]),
                p95=_ms(row["95%"]),
                p99=_ms(row["99%"]),
                rps=float(row["Requests/s"] or 0),
            )
            if row["Name"] == "Aggregated":
                total = figures
            else:
                routes.append(figures)
    return routes, total


def _ms(text: str) -> float:
    return float(text) if text not in ("", "N/A") else 0.0
