"""Cold start and warm latency of the function image, through fdk's request path.

Prints: import time of functions/main.py (fresh interpreter each run), the first
invocation of GET /health (imports the function module, builds the platform) and
the warm invocation latency. Targets: import < 300 ms, warm < 2 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchkit import record

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7
WARM_CALLS = 2000

PROBE = r"""
import asyncio, io, json, os, sys, time
t0 = time.perf_counter()
from functions import main
t1 = time.perf_counter()
from fdk import constants, fixtures, runner
from fittrack.local.invoke import gateway_headers

def call():
    headers = gateway_headers("GET", "/api/v1/health", {"host": "localhost"}, 30)
    return runner.handle_request(fixtures.code(main.handler), constants.HTTPSTREAM,
                                 headers=headers, data=io.BytesIO(b""))

loop = asyncio.new_event_loop()
t2 = time.perf_counter()
first = loop.run_until_complete(call())
t3 = time.perf_counter()
assert first.context().GetResponseHeaders()["fn-http-status"] == "200"
warm = []
for _ in range(int(sys.argv[1])):
    s = time.perf_counter()
    loop.run_until_complete(call())
    warm.append(time.perf_counter() - s)
print(json.dumps({"import": t1 - t0, "first": t3 - t2, "warm": warm}))
"""


def probe(warm_calls: int) -> dict:
    env = {
        **os.environ,
        "FITTRACK_FUNCTION": "health.status",
        "FITTRACK_LOG_LEVEL": "WARNING",
        "FITTRACK_HOME": tempfile.mkdtemp(prefix="fittrack-bench-"),
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(warm_calls)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"


def main() -> None:
    runs = [probe(WARM_CALLS if i == 0 else 0) for i in range(RUNS)]
    imports = [r["import"] for r in runs]
    firsts = [r["first"] for r in runs]
    warm = sorted(runs[0]["warm"])
    p95 = warm[int(len(warm) * 0.95)]
    record(
        "function image: import functions/main.py (median)",
        statistics.median(imports) * 1000,
        "ms",
        target=300,
    )
    record("function image: first invocation (median)", statistics.median(firsts) * 1000, "ms")
    record("function image: warm invocation p95", p95 * 1000, "ms", target=2)
    print("function image cold start and latency (GET /api/v1/health through fdk)")
    print(
        f"  import functions/main.py   median {ms(statistics.median(imports))}"
        f"   min {ms(min(imports))}   (target < 300 ms, {RUNS} fresh interpreters)"
    )
    print(
        f"  first invocation           median {ms(statistics.median(firsts))}"
        f"   min {ms(min(firsts))}"
    )
    print(
        f"  warm invocation            median {ms(statistics.median(warm))}"
        f"   p95 {ms(p95)}   (target < 2 ms, {WARM_CALLS} calls)"
    )


if __name__ == "__main__":
    main()
