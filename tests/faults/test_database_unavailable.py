"""Drill: the database busy (another process holds the write lock past busy_timeout) or
read-only for a moment. Writes answer a clean 503 problem with Retry-After, write
nothing, reads keep answering, and the same writes succeed once the database is back."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from fittrack.db.sqlite import BUSY_TIMEOUT_MS, SqliteDatabase
from fittrack.local.server import LocalPlatform
from tests.api.conftest import Client
from tests.faults.processes import WriteLockHolder
from tests.faults.world import balance, counts, funded, is_unavailable_problem, open_drawing
from tests.fixtures.members import Member, MemberFactory

BUSY_SECONDS = BUSY_TIMEOUT_MS / 1000


def _buy(api: Client, member: Member, drawing_id: object, quantity: int = 2) -> Any:
    return api.post(
        f"/api/v1/drawings/{drawing_id}/tickets",
        json={"quantity": quantity},
        headers=member.headers,
    )


def _rename(api: Client, member: Member, name: str) -> Any:
    return api.request(
        "PUT",
        "/api/v1/users/me/profile",
        json={"displayName": name, "biologicalSex": "female", "fitnessLevel": "intermediate"},
        headers=member.headers,
    )


def _timed(call: Any) -> tuple[Any, float]:
    started = time.monotonic()
    answer = call()
    return answer, time.monotonic() - started


def test_a_write_lock_held_elsewhere_gives_503s_and_writes_nothing(
    api: Client, local_platform: LocalPlatform, member_factory: MemberFactory
) -> None:
    platform = local_platform.platform
    members = [funded(platform, member_factory, 1000) for _ in range(3)]
    drawing_id = open_drawing(platform)
    before = counts(platform)
    assert isinstance(platform.db, SqliteDatabase)

    holder = WriteLockHolder(platform.db.path)
    try:
        calls = [lambda m=m: _buy(api, m, drawing_id) for m in members]
        calls.append(lambda: _rename(api, members[0], "Renamed While Busy"))
        with ThreadPoolExecutor(len(calls) + 1) as pool:
            reading = pool.submit(
                _timed, lambda: api.get("/api/v1/points/balance", headers=members[1].headers)
            )
            writes = list(pool.map(_timed, calls))
            read, read_seconds = reading.result()
    finally:
        holder.release()

    for answer, seconds in writes:
        assert is_unavailable_problem(answer), answer.text
        # One wait for the lock (the process's writers queue no longer than that).
        assert seconds < 2 * BUSY_SECONDS + 2, seconds
    assert read.status_code == 200 and read.json()["balance"] == 1000  # WAL readers go on
    assert read_seconds < 2
    assert counts(platform) == before
    assert all(balance(platform, m.user_id) == 1000 for m in members)

    bought = _buy(api, members[0], drawing_id)
    assert bought.status_code == 201, bought.text
    assert balance(platform, members[0].user_id) == 800
    assert _rename(api, members[0], "Renamed After").status_code == 200


@contextmanager
def _read_only(db: SqliteDatabase) -> Iterator[None]:
    """SQLite's query_only on every pooled connection: each write now fails as on a
    read-only file (SQLITE_READONLY). The pool is private to the database, hence the
    reach inside; the drill sends one request at a time so no other connection appears."""
    pooled: list[sqlite3.Connection] = list(db._pool._idle)  # noqa: SLF001
    assert pooled, "the platform has served requests, so it has pooled connections"
    for connection in pooled:
        connection.execute("PRAGMA query_only = ON")
    try:
        yield
    finally:
        for connection in pooled:
            connection.execute("PRAGMA query_only = OFF")


def test_a_read_only_database_gives_503s_and_writes_nothing(
    api: Client, local_platform: LocalPlatform, member_factory: MemberFactory
) -> None:
    platform = local_platform.platform
    member = funded(platform, member_factory, 1000)
    drawing_id = open_drawing(platform)
    assert api.get("/api/v1/points/balance", headers=member.headers).status_code == 200
    before = counts(platform)
    assert isinstance(platform.db, SqliteDatabase)

    with _read_only(platform.db):
        refused = [_buy(api, member, drawing_id), _rename(api, member, "Read Only Rename")]
        read = api.get("/api/v1/points/balance", headers=member.headers)

    assert all(is_unavailable_problem(answer) for answer in refused), [r.text for r in refused]
    assert read.status_code == 200 and read.json()["balance"] == 1000
    assert counts(platform) == before
    assert _buy(api, member, drawing_id).status_code == 201
    assert balance(platform, member.user_id) == 800
