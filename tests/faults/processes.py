"""Real processes the drills start, stop and kill: a private Redis server and a worker.

Neither touches the shared Redis on 6379: each drill runs its own `redis-server` on a
free port without persistence, so killing it loses its data for real.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import redis

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition: Callable[[], object], seconds: float, what: str) -> object:
    """Poll until `condition()` is truthy; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(0.02)


class RedisServer:
    """`redis-server --port N --save "" --appendonly no`, started and killed on demand."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.answers, 10, f"redis-server on port {self.port}")

    def answers(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=0.2).ping())
        except redis.RedisError:
            return False

    def kill(self) -> None:
        """SIGKILL: no shutdown, no save; clients see refused connections from now on."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, decode_responses=True)


class WorkerProcess:
    """`python -m tests.faults.worker_process ...` on the drill's FITTRACK_HOME.

    It prints one line per event; `tripped` waits for the line the tripwire prints
    when the worker reaches the statement it was told to stop at.
    """

    def __init__(self, env: dict[str, str], log: Path, *args: str) -> None:
        self.log = log
        with log.open("ab") as errors:  # a file, so a chatty worker never blocks on a pipe
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.faults.worker_process", *args],
                cwd=ROOT,
                env={**os.environ, **env},
                stdout=subprocess.PIPE,
                stderr=errors,
            )
        self.lines: list[str] = []

    def read_until(self, prefix: str, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        stdout: IO[bytes] | None = self.process.stdout
        assert stdout is not None
        while time.monotonic() < deadline:
            raw = stdout.readline()
            if not raw:
                break
            line = raw.decode().strip()
            self.lines.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"worker never printed {prefix!r}: {self.lines} {self.stderr()}")

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def finish(self, seconds: float = 120) -> str:
        """Wait for a normal exit; its last line (the worker's result)."""
        out, _ = self.process.communicate(timeout=seconds)
        self.lines += out.decode().splitlines()
        assert self.process.returncode == 0, self.stderr()
        return self.lines[-1]

    def stderr(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


_HOLD_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
connection.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
"""


class WriteLockHolder:
    """Another process that takes SQLite's write lock (BEGIN IMMEDIATE) and keeps it
    until released: every writer of the platform waits busy_timeout and gives up."""

    def __init__(self, database: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _HOLD_LOCK, str(database)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == b"held"

    def release(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"done\n")
        self.process.stdin.close()
        assert self.process.wait(timeout=10) == 0
