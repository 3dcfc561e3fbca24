"""Identity endpoints under load: login, refresh and GET /users/me through the local gateway.

Starts `fittrack dev` in its own process on a fresh FITTRACK_HOME, registers
one member per client, then 20 concurrent clients each repeat a session:
log in, read /users/me five times, refresh, read /users/me five times, with no
pause between requests. The first session of every client is a warm-up: the 20
clients start it at the same instant, so its logins queue behind one another's
Argon2 work; it is reported on its own line and left out of the steady-state
figures. Targets (steady state): p95 < 50 ms for /users/me, < 250 ms for login.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests
from benchkit import record

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 20
WARMUP_ROUNDS = 1
ROUNDS = 20
PASSWORD = "Bench-Password-2026!"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "FITTRACK_HOME": tempfile.mkdtemp(prefix="fittrack-bench-"),
        "FITTRACK_LOG_LEVEL": "WARNING",
        "FITTRACK_RATE_LIMITS": "anonymous=1000000,member=1000000,admin=1000000",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "fittrack.cli", "dev", "--no-seed", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
            return server
        except requests.ConnectionError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the local platform did not start")


def register(base: str, n: int) -> str:
    email = f"bench{n}@example.com"
    response = requests.post(
        f"{base}/api/v1/auth/register",
        json={
            "email": email,
            "password": PASSWORD,
            "dateOfBirth": "1990-05-05",
            "stateOfResidence": "CA",
            "acceptedTerms": True,
            "acceptedSweepstakesRules": True,
        },
        timeout=10,
    )
    response.raise_for_status()
    return email


def client(
    base: str,
    email: str,
    timings: dict[str, list[float]],
    warmup: dict[str, list[float]],
    lock: threading.Lock,
) -> None:
    # http.client rather than requests: the clients share this machine's two cores with
    # the server, and requests spends ~2 ms of CPU per call that would count as latency.
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)

    def timed(
        op: str,
        method: str,
        path: str,
        body: dict | None = None,
        token: str | None = None,
        into: dict[str, list[float]] = timings,
    ) -> dict:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        payload = json.dumps(body).encode() if body is not None else None
        started = time.perf_counter()
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - started
        if response.status >= 400:
            raise RuntimeError(f"{op}: {response.status} {data[:200]!r}")
        with lock:
            into[op].append(elapsed)
        return json.loads(data) if data else {}

    for round_no in range(WARMUP_ROUNDS + ROUNDS):
        into = warmup if round_no < WARMUP_ROUNDS else timings
        tokens = timed(
            "login",
            "POST",
            "/api/v1/auth/login",
            {"email": email, "password": PASSWORD, "deviceId": f"bench-{round_no}"},
            into=into,
        )
        for _ in range(5):
            timed(
                "GET /users/me", "GET", "/api/v1/users/me", token=tokens["accessToken"], into=into
            )
        tokens = timed(
            "refresh",
            "POST",
            "/api/v1/auth/refresh",
            {"refreshToken": tokens["refreshToken"]},
            into=into,
        )
        for _ in range(5):
            timed(
                "GET /users/me", "GET", "/api/v1/users/me", token=tokens["accessToken"], into=into
            )
    connection.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def main() -> None:
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        emails = [register(base, n) for n in range(CLIENTS)]
        timings: dict[str, list[float]] = defaultdict(list)
        warmup: dict[str, list[float]] = defaultdict(list)
        lock = threading.Lock()
        threads = [
            threading.Thread(target=client, args=(base, e, timings, warmup, lock)) for e in emails
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        server.send_signal(2)
        server.wait(timeout=30)
    total = sum(len(v) for v in (*timings.values(), *warmup.values()))
    print(
        f"identity endpoints, {CLIENTS} concurrent clients, local gateway "
        f"({total} requests in {wall:.1f} s, {total / wall:.0f} req/s)"
    )
    targets = {"login": 250, "refresh": None, "GET /users/me": 50}
    for op in ("login", "refresh", "GET /users/me"):
        target = f"  (target p95 < {targets[op]} ms)" if targets[op] else ""
        print(f"  {op:15s} {summary(timings[op])}{target}")
        p95 = percentile(timings[op], 0.95) * 1000
        record(f"identity API, {CLIENTS} clients: {op} p95", p95, "ms", target=targets[op])
    record(f"identity API, {CLIENTS} clients: throughput", total / wall, "req/s", better="higher")
    print(f"  {'warm-up login':15s} {summary(warmup['login'])}  (all {CLIENTS} at once)")


def summary(values: list[float]) -> str:
    return (
        f"n={len(values):5d}  p50 {statistics.median(values) * 1000:7.1f} ms"
        f"  p95 {percentile(values, 0.95) * 1000:7.1f} ms"
    )


if __name__ == "__main__":
    main()
