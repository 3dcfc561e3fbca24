"""Drill: the worker killed with SIGKILL during a sync and during a draw, then restarted.

The worker runs as its own process (tests/faults/worker_process.py) on the drill's
database; the tracker and beacon simulators stay up in the drill's local platform, whose
clock the drill moves by hand (`fake_clock`) so the simulated data cannot grow between
runs. A tripwire freezes the worker inside the transaction the drill wants to interrupt,
and the drill kills it there.
Afterwards: no point paid twice, every member paid what an uninterrupted sync pays,
and the draw names the same winners as an uninterrupted twin of the database.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from fittrack.clock import utc_now
from fittrack.db.sqlite import SqliteDatabase
from fittrack.domain.sync import LEASE_TTL, SYNC_INTERVAL
from fittrack.local.server import LocalPlatform
from fittrack.platform import Platform
from fittrack.services import tickets
from tests.faults.invariants import assert_consistent
from tests.faults.processes import WorkerProcess
from tests.faults.world import open_drawing
from tests.fixtures.auth import FakeClock
from tests.fixtures.drawings import give
from tests.fixtures.trackers import drain, link, new_member, points

pytestmark = pytest.mark.slow


def worker_env(local: LocalPlatform, home: Path, clock: datetime, **trip: str) -> dict[str, str]:
    """The worker's configuration: this home, this calendar, the drill's simulators
    (trackers and the randomness beacon)."""
    env = {"FITTRACK_HOME": str(home), "FITTRACK_CLOCK_START": clock.isoformat()}
    for name, provider in local.platform.settings.tracker_providers.items():
        key = f"FITTRACK_TRACKER_{name.upper()}"
        env[f"{key}_API_URL"] = provider.api_url
        env[f"{key}_TOKEN_URL"] = provider.token_url
        env[f"{key}_AUTHORIZE_URL"] = provider.authorize_url
        env[f"{key}_REVOKE_URL"] = provider.revoke_url or ""
        env[f"{key}_CLIENT_ID"] = provider.client_id or ""
    settings = local.platform.settings
    env["FITTRACK_BEACON_RELAYS"] = ",".join(settings.beacon_relays)
    env["FITTRACK_BEACON_CHAIN_HASH"] = settings.beacon_chain_hash
    if trip:
        env["FITTRACK_TRIP_SQL"], env["FITTRACK_TRIP_AFTER"] = trip["sql"], trip.get("after", "1")
    return env


def redeliver_now(platform: Platform) -> int:
    """What the visibility timeout does after a consumer died holding a batch (the DB
    queue waits twice the function's timeout, in real time), brought forward."""
    with platform.db.unit_of_work() as uow:
        return uow.execute(
            "UPDATE local_queue SET visible_at = :now WHERE status <> 'dead' AND visible_at > :now",
            {"now": utc_now()},
        )


def test_sync_worker_killed_mid_ingest_pays_nothing_twice(
    local_platform: LocalPlatform, fake_clock: FakeClock, tmp_path: Path, fittrack_home: Path
) -> None:
    platform = local_platform.platform
    control = new_member(platform)
    link(platform, control, "fitbit")
    assert drain(platform) == {"synced": 1}
    expected = points(platform, control)
    assert expected > 0
    victims = [new_member(platform) for _ in range(3)]
    for victim in victims:
        link(platform, victim, "fitbit")  # each queues its first sync
    log = tmp_path / "worker.log"

    # Killed at the end of the second sync's ingest transaction, everything written.
    killed = WorkerProcess(
        worker_env(
            local_platform, fittrack_home, fake_clock.now, sql=r"INSERT INTO sync_runs", after="2"
        ),
        log,
        "consume",
    )
    killed.read_until("tripped")
    killed.kill()
    assert sorted(points(platform, v) for v in victims) == [0, 0, expected]
    assert_consistent(platform.db)

    # Restarted once the dead worker's lease has lapsed and its batch is visible again.
    redeliver_now(platform)
    later = fake_clock.now + LEASE_TTL + timedelta(seconds=5)
    WorkerProcess(worker_env(local_platform, fittrack_home, later), log, "consume").finish()
    assert [points(platform, v) for v in victims] == [expected] * 3

    # The next 15-minute tick syncs everyone again: the same data pays nothing more.
    tick = later + SYNC_INTERVAL + timedelta(minutes=1)
    queued = WorkerProcess(
        worker_env(local_platform, fittrack_home, tick), log, "job", "sync.enqueue_due"
    ).finish()
    assert '"queued": 4' in queued
    WorkerProcess(worker_env(local_platform, fittrack_home, tick), log, "consume").finish()
    assert [points(platform, v) for v in [control, *victims]] == [expected] * 4


def _twin(home: Path, database: Path, where: Path) -> Path:
    """A copy of the drill's home (database and secrets, so the same sealed seed)."""
    shutil.copytree(home / "secrets", where / "secrets")
    source, copy = sqlite3.connect(database), sqlite3.connect(where / "fittrack.db")
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    return where


def _winners(database: Path, drawing_id: uuid.UUID) -> list[tuple[int, str, int, str]]:
    connection = sqlite3.connect(database)
    try:
        rows = connection.execute(
            "SELECT w.draw_index, hex(w.user_id), w.ticket_number, w.status"
            " FROM drawing_winners w WHERE w.drawing_id = ? ORDER BY w.draw_index",
            (drawing_id.bytes,),
        ).fetchall()
    finally:
        connection.close()
    return [tuple(row) for row in rows]


@pytest.fixture
def sold_out_drawing(local_platform: LocalPlatform, fake_clock: FakeClock) -> Iterator[uuid.UUID]:
    """An open drawing with three prizes and twelve members' tickets, due to close and draw."""
    platform = local_platform.platform
    drawing_id = open_drawing(platform, cost=10, prizes=(1, 1, 1))
    for n in range(12):
        member = new_member(platform)
        with platform.db.unit_of_work() as uow:
            give(uow, member, 100, fake_clock.now)
        tickets.buy(platform, member, drawing_id, 1 + n % 4)
    yield drawing_id


def _awarded(platform: Platform, drawing_id: uuid.UUID) -> tuple[int, int]:
    """(winner rows, fulfillments) of the drawing."""
    with platform.db.unit_of_work(readonly=True) as uow:
        params = {"d": drawing_id.bytes}
        chosen = uow.scalar("SELECT COUNT(*) FROM drawing_winners WHERE drawing_id = :d", params)
        awarded = uow.scalar(
            "SELECT COUNT(*) FROM fulfillments f JOIN drawing_winners w"
            " ON w.winner_id = f.winner_id WHERE w.drawing_id = :d",
            params,
        )
    return int(chosen), int(awarded)


@pytest.mark.parametrize(
    ("where", "statement", "after", "left"),
    [
        # inside the draw's one transaction: nothing of it survives
        ("mid-draw", r"INSERT INTO drawing_winners", "2", (0, 0)),
        # between awards, each its own transaction: the first winner is awarded
        ("mid-awards", r"INSERT INTO fulfillments", "2", (3, 1)),
    ],
)
def test_draw_worker_killed_then_restarted_names_the_same_winners(
    local_platform: LocalPlatform,
    fake_clock: FakeClock,
    sold_out_drawing: uuid.UUID,
    tmp_path: Path,
    fittrack_home: Path,
    where: str,
    statement: str,
    after: str,
    left: tuple[int, int],
) -> None:
    platform = local_platform.platform
    assert isinstance(platform.db, SqliteDatabase)
    log = tmp_path / "worker.log"
    # Sales close first (the snapshot's salts are drawn then); both runs start from here.
    fake_clock.now += timedelta(hours=5, minutes=57)
    closing = worker_env(local_platform, fittrack_home, fake_clock.now)
    assert '"closed": 1' in WorkerProcess(closing, log, "job", "lifecycle.drawings").finish()
    twin = _twin(fittrack_home, platform.db.path, tmp_path / "twin")
    fake_clock.now += timedelta(hours=1)  # past the drawing time, and the beacon round is out
    draw_time = fake_clock.now

    uninterrupted = WorkerProcess(
        worker_env(local_platform, twin, draw_time), log, "job", "lifecycle.drawings"
    )
    assert '"drawn": 1' in uninterrupted.finish()
    expected = _winners(twin / "fittrack.db", sold_out_drawing)
    assert len(expected) == 3

    killed = WorkerProcess(
        worker_env(local_platform, fittrack_home, draw_time, sql=statement, after=after),
        log,
        "job",
        "lifecycle.drawings",
    )
    killed.read_until("tripped")
    killed.kill()
    assert _awarded(platform, sold_out_drawing) == left, where
    assert_consistent(platform.db)
    restarted = WorkerProcess(
        worker_env(local_platform, fittrack_home, draw_time + timedelta(minutes=1)),
        log,
        "job",
        "lifecycle.drawings",
    )
    restarted.finish()
    assert _winners(platform.db.path, sold_out_drawing) == expected, where
    assert _awarded(platform, sold_out_drawing) == (3, 3)
