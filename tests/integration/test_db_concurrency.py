"""Concurrent writers on one SQLite file: real threads and real processes."""

from __future__ import annotations

import subprocess
import sys
import threading
import uuid
from pathlib import Path

from fittrack.db import Database, ids

THREADS = 8
INCREMENTS = 50


def _make_user(db: Database) -> uuid.UUID:
    user_id = ids.new_id()
    with db.unit_of_work() as uow:
        uow.execute(
            "INSERT INTO users (user_id, email, email_normalized) VALUES (:id, 'c@x.io', 'c@x.io')",
            {"id": user_id},
        )
    return user_id


def _increment_by_read_then_write(db: Database, user_id: uuid.UUID, times: int) -> None:
    # Read-modify-write on purpose: only the write lock taken at BEGIN IMMEDIATE
    # keeps these from losing updates.
    for _ in range(times):
        with db.unit_of_work() as uow:
            current = uow.scalar(
                "SELECT lifetime_points FROM users WHERE user_id = :id", {"id": user_id}
            )
            uow.execute(
                "UPDATE users SET lifetime_points = :value WHERE user_id = :id",
                {"value": current + 1, "id": user_id},
            )


def _total(db: Database, user_id: uuid.UUID) -> int:
    with db.unit_of_work(readonly=True) as uow:
        return int(
            uow.scalar("SELECT lifetime_points FROM users WHERE user_id = :id", {"id": user_id})
        )


def test_threads_never_lose_an_update(database: Database) -> None:
    user_id = _make_user(database)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            _increment_by_read_then_write(database, user_id, INCREMENTS)
        except BaseException as error:  # surfaced below; a thread cannot fail the test itself
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _total(database, user_id) == THREADS * INCREMENTS


def test_readers_do_not_block_a_writer(database: Database) -> None:
    user_id = _make_user(database)
    with database.unit_of_work(readonly=True) as reader:
        assert _total(database, user_id) == 0  # another reader, same thread: allowed
        _increment_by_read_then_write(database, user_id, 1)  # WAL: writer proceeds
        snapshot = reader.scalar(
            "SELECT lifetime_points FROM users WHERE user_id = :id", {"id": user_id}
        )
    assert snapshot in (0, 1)
    assert _total(database, user_id) == 1


_CHILD = """
import sys
from fittrack.db import open_database, ids
db = open_database(sys.argv[1])
user_id = ids.from_db(bytes.fromhex(sys.argv[2]))
for _ in range(int(sys.argv[3])):
    with db.unit_of_work() as uow:
        value = uow.scalar("SELECT lifetime_points FROM users WHERE user_id = :id", {"id": user_id})
        uow.execute("UPDATE users SET lifetime_points = :v WHERE user_id = :id",
                    {"v": value + 1, "id": user_id})
db.close()
"""


def test_processes_and_threads_together(database: Database, tmp_path: Path) -> None:
    user_id = _make_user(database)
    url = f"sqlite:///{tmp_path / 'test.db'}"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, url, user_id.bytes.hex(), str(INCREMENTS)],
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    threads = [
        threading.Thread(target=_increment_by_read_then_write, args=(database, user_id, INCREMENTS))
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for child in children:
        _, stderr = child.communicate(timeout=120)
        assert child.returncode == 0, stderr.decode()
    assert _total(database, user_id) == 6 * INCREMENTS
