"""`fittrack dev --workers N`: one primary process and N-1 API worker processes.

The primary creates the listening socket once and does everything a single
`fittrack dev` does (migrations, seed, simulators, scheduler, queue worker, its
own gateway). Each worker (`fittrack.local.api_worker`) inherits the socket's
descriptor (`pass_fds`) and accepts on it too, so the kernel hands each new
connection to whichever process is free to accept it: one accept queue, no
SO_REUSEPORT, and a worker that dies takes no queued connections with it. The
simulators keep their state in the primary's memory, so the primary also serves
its own gateway on a private loopback port that the workers forward /_sim/ to.

SQLite takes writers from several processes (WAL, BEGIN IMMEDIATE, a busy
timeout); the cache and rate limiter must be Redis, shared by every process.
"""

from __future__ import annotations

import pickle
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from fittrack.local import gateway as gw
from fittrack.local.api_worker import READY, WorkerSetup
from fittrack.local.http_server import HttpServer, result_app
from fittrack.local.server import LocalPlatform, start

READY_SECONDS = 60  # a worker imports every function and reads the contract
STOP_SECONDS = 10


def start_with_workers(
    root: Path, host: str, *, port: int, seed: bool, workers: int
) -> LocalPlatform:
    listener = shared_listener(host, port)
    local = start(root, host, port=port, seed=seed, listener=listener, served_by="0")
    simulators = _private_server(local.gateway)
    threading.Thread(target=simulators.serve_forever, name="fittrack-sim-port", daemon=True).start()
    processes: list[subprocess.Popen[bytes]] = []
    local.also_stop.append(lambda: _stop_all(processes, simulators))
    try:
        for index in range(1, workers):
            processes.append(_start_worker(root, local, listener, index, simulators))
    except BaseException:
        local.shutdown()
        raise
    local.workers = workers
    return local


def shared_listener(host: str, port: int) -> socket.socket:
    return socket.create_server((host, port), backlog=gw.BACKLOG)


def _private_server(gateway: gw.Gateway) -> HttpServer:
    return HttpServer(
        ("127.0.0.1", 0),
        result_app(gateway.answer),
        threads=gw.THREADS,
        backlog=gw.BACKLOG,
        max_body_bytes=gw.MAX_BODY_BYTES,
        max_header_bytes=gw.MAX_HEADER_BYTES,
    )


def _start_worker(
    root: Path,
    local: LocalPlatform,
    listener: socket.socket,
    index: int,
    simulators: HttpServer,
) -> subprocess.Popen[bytes]:
    platform = local.platform
    setup = WorkerSetup(
        index=index,
        listener_fd=listener.fileno(),
        simulators_port=simulators.server_address[1],
        root=root,
        settings=platform.settings,
        clock_reading=platform.clock() if platform.settings.clock_start else None,
        monotonic=time.monotonic(),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "fittrack.local.api_worker"],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        pass_fds=(listener.fileno(),),
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(pickle.dumps(setup))
    process.stdin.flush()  # stdin stays open: its end tells the worker to stop
    ready, _, _ = select.select([process.stdout], [], [], READY_SECONDS)
    line = process.stdout.readline() if ready else b""
    process.stdout.close()
    if line != READY:
        process.kill()
        raise SystemExit(f"API worker {index} did not start (exit code {process.poll()})")
    return process


def _stop_all(processes: list[subprocess.Popen[bytes]], simulators: HttpServer) -> None:
    for process in processes:
        if process.stdin is not None:
            process.stdin.close()
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    simulators.shutdown()
    simulators.server_close()
