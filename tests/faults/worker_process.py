"""A worker as its own process, for the drills that kill it: `python -m tests.faults.worker_process`

    consume          deliver sync-jobs batches to sync.consume until the queue is empty
    job <function>   invoke one scheduled function once (e.g. lifecycle.drawings)

Both go through fdk exactly as the local platform's queue worker and scheduler do, on
the database and secrets of FITTRACK_HOME and the clock of FITTRACK_CLOCK_START.

The tripwire makes a kill land where the drill wants it: with FITTRACK_TRIP_SQL (a
regular expression) set, the process prints `tripped <statement>` when it is about to
run the FITTRACK_TRIP_AFTER-th matching SQL statement, and freezes there, inside the
open transaction, until the drill sends SIGKILL. It only watches (SQLite's trace
callback on every connection); nothing of the code under test is replaced.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sqlite3
import sys
import threading
from typing import Any


def install_tripwire() -> None:
    pattern = os.environ.get("FITTRACK_TRIP_SQL")
    if not pattern:
        return
    regex, after = re.compile(pattern), int(os.environ.get("FITTRACK_TRIP_AFTER", "1"))
    seen, frozen = itertools.count(1), threading.Event()
    original = sqlite3.connect

    def trace(statement: str) -> None:
        if regex.search(statement) and next(seen) == after:
            print("tripped", " ".join(statement.split())[:120], flush=True)
            frozen.wait()  # never set: the drill kills the process here

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = original(*args, **kwargs)
        connection.set_trace_callback(trace)
        return connection

    sqlite3.connect = connect  # type: ignore[assignment]


def consume() -> dict[str, Any]:
    from fittrack.http.registry import load_function
    from fittrack.local import worker
    from fittrack.platform import get_platform

    spec, delivered = load_function("sync.consume"), 0
    while batch := worker.deliver_batch(get_platform().queue, spec):
        delivered += batch
    return {"delivered": delivered}


def run_job(name: str) -> dict[str, Any]:
    from fittrack.http.registry import load_function
    from fittrack.local import invoke

    spec = load_function(name)
    result = invoke.invoke(name, invoke.invoke_headers(spec.timeout_seconds), b"{}")
    if result.status != 200:
        raise SystemExit(f"{name} answered {result.status}: {result.body[:500]!r}")
    return dict(json.loads(result.body)["result"])


def main(argv: list[str]) -> int:
    from fittrack import config, log
    from fittrack.platform import Platform, set_platform

    log.configure("WARNING")
    install_tripwire()
    set_platform(Platform(config.settings()))
    print("started", flush=True)
    result = consume() if argv[0] == "consume" else run_job(argv[1])
    print("done", json.dumps(result, sort_keys=True), flush=True)
    set_platform(None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
