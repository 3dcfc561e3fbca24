"""`fittrack dev --workers 2`: two gateway processes on one port, one SQLite file.

Real processes, a real Redis and the real database file: requests are answered
by both processes, concurrent ticket purchases through both keep every balance
equal to its ledger and every drawing's tickets equal to its blocks, the
simulators (in the primary's memory) answer through the worker, and no worker
outlives the primary, however it stops.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from fittrack.db import Database, ids, open_database
from fittrack.local.gateway import SERVED_BY_HEADER
from fittrack.local.server import LocalPlatform
from tests.api.dev_workers import ROOT, DevServer, demo_members, start_dev, wait_gone
from tests.faults.invariants import assert_consistent

MEMBERS = 12  # each signs in (Argon2) once
PURCHASES = 10  # one-ticket purchases each member sends, from its own thread
PURCHASE_REFUSALS = {400: "insufficient-points", 403: "not-eligible"}


@pytest.fixture
def server(fittrack_home: Path, redis_url: str) -> Iterator[DevServer]:
    running = start_dev(fittrack_home, redis_url, "--workers", "2")
    yield running
    if running.process.poll() is None:
        running.stop()


def test_both_processes_answer_and_sqlite_writes_stay_correct(server: DevServer) -> None:
    assert len(server.worker_pids()) == 1
    with ThreadPoolExecutor(max_workers=16) as pool:
        names = list(pool.map(lambda _: _served_by(f"{server.base}/api/v1/health"), range(200)))
    assert set(names) == {"0", "1"}, Counter(names)

    tokens = demo_members(server, MEMBERS)
    drawing = _open_daily_drawing(server.base, tokens[0])
    database = open_database(f"sqlite:///{server.home / 'fittrack.db'}")
    before = _blocks(database, drawing)
    jobs = [token for token in tokens for _ in range(PURCHASES)]
    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        answers = list(pool.map(lambda token: _buy(server.base, drawing, token), jobs))
    accepted = [name for outcome, name in answers if outcome == "accepted"]
    assert set(accepted) == {"0", "1"}, Counter(answers)  # writers in both processes
    assert _blocks(database, drawing) == before + len(accepted)  # no purchase lost
    with database.unit_of_work(readonly=True) as uow:
        assert uow.scalar("SELECT COUNT(*) FROM users WHERE point_balance < 0") == 0
    assert_consistent(database)  # balances = ledgers, tickets = blocks, every drawing
    database.close()


def test_a_simulator_answers_through_the_worker(server: DevServer) -> None:
    url = f"{server.base}/_sim/stripe/control/deliveries"
    answers = [requests.get(url, timeout=10) for _ in range(40)]
    by_worker = [a for a in answers if a.headers.get(SERVED_BY_HEADER) == "1"]
    assert by_worker, "no answer came from the worker"
    for answer in by_worker:
        assert answer.status_code == 200 and answer.json() == {"deliveries": []}


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_stopping_the_primary_stops_its_workers(
    server: DevServer, stop_signal: signal.Signals
) -> None:
    workers = server.worker_pids()
    assert len(workers) == 1
    assert server.stop(stop_signal) == 0
    assert wait_gone(workers) == []


def test_a_killed_primary_leaves_no_worker(fittrack_home: Path, redis_url: str) -> None:
    running = start_dev(fittrack_home, redis_url, "--workers", "3", "--no-seed")
    workers = running.worker_pids()
    assert len(workers) == 2
    running.process.kill()  # no clean-up runs: the workers see their stdin end
    running.process.wait()
    assert wait_gone(workers) == []


def test_more_than_one_worker_needs_redis(fittrack_home: Path) -> None:
    command = [sys.executable, "-m", "fittrack.cli", "dev", "--workers", "2", "--port", "0"]
    env = {"PATH": "/usr/bin:/bin", "FITTRACK_HOME": str(fittrack_home)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "--workers 2 needs REDIS_URL" in done.stderr


def _served_by(url: str) -> str:
    response = requests.get(url, timeout=10)  # a new connection each time
    assert response.status_code == 200
    return response.headers[SERVED_BY_HEADER]


def _open_daily_drawing(base: str, token: str) -> str:
    response = requests.get(
        f"{base}/api/v1/drawings",
        params={"status": "open", "limit": "100"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    response.raise_for_status()
    return next(d["drawingId"] for d in response.json()["drawings"] if d["type"] == "daily")


def _buy(base: str, drawing: str, token: str) -> tuple[str, str]:
    response = requests.post(
        f"{base}/api/v1/drawings/{drawing}/tickets",
        data=json.dumps({"quantity": 1}),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=60,
    )
    served_by = response.headers[SERVED_BY_HEADER]
    if response.status_code == 201:
        return "accepted", served_by
    problem = str(response.json().get("type", "")).rsplit("/", 1)[-1]
    assert PURCHASE_REFUSALS.get(response.status_code) == problem, response.text
    return problem, served_by


def _blocks(database: Database, drawing: str) -> int:
    with database.unit_of_work(readonly=True) as uow:
        query = "SELECT COUNT(*) FROM ticket_blocks WHERE drawing_id = :d"
        return int(uow.scalar(query, {"d": ids.to_db(uuid.UUID(drawing))}) or 0)


def test_one_process_names_no_worker(local_platform: LocalPlatform) -> None:
    response = requests.get(f"{local_platform.url}/api/v1/health", timeout=10)
    assert response.status_code == 200 and SERVED_BY_HEADER not in response.headers
