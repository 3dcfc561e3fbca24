"""One API worker process of `fittrack dev --workers N` (started by the primary).

It reads its `WorkerSetup` from stdin (a pickle the primary writes; the pipe is
private to the two processes), builds its own Platform from the primary's
settings (no migration, seed, scheduler, queue worker or simulators: those are
the primary's) and serves the API and the site on the listening socket it
inherited, forwarding /_sim/ to the primary. It stops on SIGINT or SIGTERM, and
when stdin reaches its end: the primary closed it, or exited, however it died.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import signal
import socket
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from fittrack import config, log
from fittrack.local.forward import forward_to
from fittrack.local.gateway import Gateway
from fittrack.local.routes import RouteTable
from fittrack.platform import Platform, set_platform

READY = b"ready\n"


@dataclass(frozen=True)
class WorkerSetup:
    index: int  # 1..N-1; the primary is 0
    listener_fd: int  # the shared listening socket, inherited at this number
    simulators_port: int  # the primary's private loopback port for /_sim/
    root: Path
    settings: config.Settings
    # The primary's program clock when it wrote this, and the monotonic time then, so
    # both processes read the same instant (FITTRACK_CLOCK_START runs from start-up).
    clock_reading: datetime | None
    monotonic: float


def settings_for(setup: WorkerSetup) -> config.Settings:
    if setup.clock_reading is None:
        return setup.settings
    elapsed = timedelta(seconds=time.monotonic() - setup.monotonic)
    return dataclasses.replace(setup.settings, clock_start=setup.clock_reading + elapsed)


def serve(setup: WorkerSetup, stop: threading.Event) -> None:
    platform = Platform(settings_for(setup))
    set_platform(platform)
    listener = socket.socket(fileno=setup.listener_fd)
    routes = RouteTable.from_contract(setup.root / "api-spec" / "openapi.yaml")
    gateway = Gateway(
        listener.getsockname()[:2],
        routes,
        setup.root / "frontend" / "dist",
        listener=listener,
        served_by=str(setup.index),
    )
    gateway.mounts["/_sim/"] = forward_to(setup.simulators_port)
    thread = threading.Thread(target=gateway.serve_forever, name="fittrack-gateway", daemon=True)
    thread.start()
    _say_ready()
    stop.wait()
    gateway.shutdown()
    gateway.server_close()
    set_platform(None)


def _say_ready() -> None:
    os.write(sys.stdout.fileno(), READY)
    # Nobody reads stdout after this line: anything else printed goes nowhere.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _stop_on_end_of_stdin(stop: threading.Event) -> None:
    def watch() -> None:
        sys.stdin.buffer.read()  # returns at end of file only
        stop.set()

    threading.Thread(target=watch, name="fittrack-primary-watch", daemon=True).start()


def main() -> int:
    # The primary wrote this pickle to our stdin a moment ago; nothing else can.
    setup: WorkerSetup = pickle.load(sys.stdin.buffer)  # noqa: S301  # nosec B301
    log.configure(os.environ.get("FITTRACK_LOG_LEVEL", "INFO"))
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda _signum, _frame: stop.set())
    _stop_on_end_of_stdin(stop)
    serve(setup, stop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
