"""Soak: a mixed member load against the local platform for a bounded time, watching the
server's resident memory (RSS), open file descriptors and threads for growth.

    python scripts/soak.py [--seconds 600] [--threads 6] [--json]      (make soak)

The server is the whole local platform (gateway, fdk entry point, scheduler and queue
worker running their jobs, simulators) in its own process on a fresh FITTRACK_HOME, with
a fixed program clock (a Wednesday at noon in New York) and rate limits lifted. It seeds
its members (with points and a session each) and an open drawing through the services,
then serves. The load is the fault drills' member mix (tests/faults/load.py): dashboard
reads, points, the daily board and my rank, activities, notifications, drawing list and
detail, and a ticket purchase. RSS, descriptors and threads are read from /proc at the
start (after a warm-up, so lazily opened pools and imports do not count as growth) and at
the end, and printed; --json prints the figures as one JSON line last. The server runs
with MALLOC_ARENA_MAX=2 unless the environment sets it (see start_server).

Exit status 1 when a request went unanswered or answered 5xx.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CLOCK_START = "2026-06-10T16:00:00Z"
MEMBERS = 12
POINTS = 10_000_000


def serve() -> None:
    """The server side (`--serve`): start the platform, seed, print how to reach it, and
    serve until stdin closes."""
    from fittrack import log
    from fittrack.local.server import start
    from fittrack.services import lifecycle
    from tests.fixtures import drawings as drawing_fixtures
    from tests.fixtures.members import session_token
    from tests.fixtures.trackers import new_member

    log.configure("WARNING")
    local = start(ROOT, "127.0.0.1", port=0, seed=False)
    platform = local.platform
    members = []
    for _ in range(MEMBERS):
        user_id = new_member(platform)
        with platform.db.unit_of_work() as uow:
            drawing_fixtures.give(uow, user_id, POINTS, platform.clock())
        members.append({"userId": str(user_id), "token": session_token(platform, user_id)})
    admin_id = drawing_fixtures.admin(platform)
    drawing_id = drawing_fixtures.drawing(platform, admin_id, cost=1, status="scheduled")
    lifecycle.open_drawing(platform, drawing_id, admin_id)
    ready = {"url": local.url, "members": members, "drawingId": str(drawing_id)}
    print(json.dumps(ready), flush=True)
    sys.stdin.read()  # until the driver closes it
    local.shutdown()


def start_server(home: str) -> tuple[subprocess.Popen[str], dict[str, Any]]:
    env = {
        **os.environ,
        "FITTRACK_HOME": home,
        "FITTRACK_CLOCK_START": CLOCK_START,
        "FITTRACK_RATE_LIMITS": "anonymous=1000000,member=1000000,admin=1000000",
        # glibc gives each thread of the gateway its own malloc arena, and memory freed in
        # one stays with it: under the default the heap spreads by tens of MB that are no
        # leak (tracemalloc and sqlite3_memory_used stay flat). Two arenas keep RSS about
        # what the process holds, so growth that remains points at a leak.
        "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"),
    }
    env.pop("FITTRACK_DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    if not line:
        server.wait(timeout=30)
        raise SystemExit("the local platform did not start")
    return server, json.loads(line)


def resources(pid: int) -> dict[str, int]:
    """The process's resident memory (kB), open descriptors and threads, from /proc."""
    status = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return {
        "rssKb": int(status["VmRSS"].split()[0]),
        # The split tells a heap that grows (anonymous) from files mapped in (file, shared).
        "rssAnonKb": int(status["RssAnon"].split()[0]),
        "rssFileKb": int(status["RssFile"].split()[0]) + int(status["RssShmem"].split()[0]),
        "fds": len(os.listdir(f"/proc/{pid}/fd")),
        "threads": int(status["Threads"]),
    }


def soak(seconds: float, threads: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="fittrack-soak-") as home:
        return _soak(home, seconds, threads)


def _soak(home: str, seconds: float, threads: int) -> dict[str, Any]:
    from tests.faults.load import Load, member_mix, statuses
    from tests.fixtures.members import Member

    logging.getLogger().setLevel(logging.WARNING)  # fdk's import turns the root to DEBUG

    server, ready = start_server(home)
    try:
        members = [
            Member(uuid.UUID(m["userId"]), "", "user", m["token"], None, None)
            for m in ready["members"]
        ]
        load = Load(ready["url"], members, member_mix(uuid.UUID(ready["drawingId"])), threads)
        warmup = min(30.0, max(3.0, seconds / 10))
        load.phase = "warm-up"
        load.start()
        time.sleep(warmup)
        load.phase = "soak"
        first = resources(server.pid)
        print(f"start  (after {warmup:.0f} s warm-up): {_line(first)}", flush=True)
        ends_at = time.monotonic() + seconds
        while (left := ends_at - time.monotonic()) > 0:
            time.sleep(min(60.0, left))
            if left > 60:
                print(f"  {seconds - left + 60:5.0f} s: {_line(resources(server.pid))}", flush=True)
        last = resources(server.pid)
        samples = [s for s in load.stop() if s.phase == "soak"]
        print(f"end    (after {seconds:.0f} s): {_line(last)}", flush=True)
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=60)
    failed = sum(1 for s in samples if s.status == 0 or s.status >= 500)
    answers = {f"{name} {status}": n for (name, status), n in sorted(statuses(samples).items())}
    return {
        "seconds": seconds,
        "requests": len(samples),
        "failed": failed,
        "answers": answers,
        "start": first,
        "end": last,
    }


def _line(figures: dict[str, int]) -> str:
    return (
        f"RSS {figures['rssKb'] / 1024:7.1f} MB (heap {figures['rssAnonKb'] / 1024:.1f},"
        f" files {figures['rssFileKb'] / 1024:.1f})  open fds {figures['fds']:4d}"
        f"  threads {figures['threads']:3d}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600.0)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--json", action="store_true", help="end with the figures as JSON")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
        return 0
    result = soak(args.seconds, args.threads)
    rate = result["requests"] / result["seconds"]
    print(f"{result['requests']} requests ({rate:.0f}/s), {result['failed']} failed")
    if args.json:
        print(json.dumps(result, sort_keys=True))
    return 1 if result["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
