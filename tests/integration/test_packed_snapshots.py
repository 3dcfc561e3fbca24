"""Frozen snapshots keep their blocks packed in drawing_snapshots.block_data, on a real
SQLite file; a snapshot frozen before that, its blocks as JSON lists, reads the same,
and packed bytes that do not fit the row's counts are never drawn on."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fittrack.db import ids
from fittrack.platform import Platform
from fittrack.repositories import drawings, packed_blocks, snapshots
from fittrack.services import draws, lifecycle, verification
from fittrack.services import tickets as buying
from tests.fixtures.drawings import admin, drawing, fresh_platform, member
from tests.unit.test_drawing_selection import VERIFIER


@pytest.fixture
def platform(fittrack_home: Path) -> Iterator[Platform]:
    yield from fresh_platform()


def _closed(platform: Platform) -> tuple[uuid.UUID, list[uuid.UUID]]:
    boss = admin(platform)
    drawing_id = drawing(platform, boss, prizes_=(1, 2), cost=10)
    people = [member(platform, balance=1_000) for _ in range(3)]
    for n in range(8):
        buying.buy(platform, people[n * 5 % 3], drawing_id, 1 + n % 4)
    buying.free_entry(platform, people[2], drawing_id)
    lifecycle.close_drawing(platform, drawing_id, boss)
    return drawing_id, people


def _row(platform: Platform, drawing_id: uuid.UUID) -> dict[str, Any]:
    with platform.db.unit_of_work(readonly=True) as uow:
        row = uow.query_one(
            "SELECT blocks, block_data, entrant_count, block_count, total_tickets"
            " FROM drawing_snapshots WHERE drawing_id = :d",
            {"d": ids.to_db(drawing_id)},
        )
    assert row is not None
    return row


def _set(
    platform: Platform, drawing_id: uuid.UUID, doc: dict[str, Any], data: bytes | None
) -> None:
    with platform.db.unit_of_work() as uow:
        uow.execute(
            "UPDATE drawing_snapshots SET blocks = :b, block_data = :data WHERE drawing_id = :d",
            {"b": uow.dialect.json(doc), "data": data, "d": ids.to_db(drawing_id)},
        )


def test_a_close_stores_the_blocks_packed_and_the_document_without_them(
    platform: Platform,
) -> None:
    drawing_id, _ = _closed(platform)
    row = _row(platform, drawing_id)
    assert set(row["blocks"]) == {"chunkLeaves", "chunkRoots", "chainMarks"}
    with platform.db.unit_of_work(readonly=True) as uow:
        snapshot = snapshots.get(uow, drawing_id)
    assert snapshot is not None and (snapshot.entrant_count, snapshot.block_count) == (3, 9)
    assert bytes(row["block_data"]) == packed_blocks.pack(
        snapshot.owners, snapshot.lasts, snapshot.owner_index, snapshot.total_tickets
    )
    assert snapshot.lasts[-1] == snapshot.total_tickets == 1 + sum(1 + n % 4 for n in range(8))


def test_a_snapshot_frozen_before_packing_reads_and_draws_the_same(platform: Platform) -> None:
    drawing_id, people = _closed(platform)
    document = verification.verification(platform, drawing_id, None)
    proofs = [verification.my_proof(platform, drawing_id, who) for who in people]
    with platform.db.unit_of_work(readonly=True) as uow:
        snapshot = snapshots.get(uow, drawing_id)
    assert snapshot is not None
    old_style = {
        **_row(platform, drawing_id)["blocks"],
        "owners": snapshot.owners,
        "last": snapshot.lasts,
        "owner": snapshot.owner_index,
    }
    _set(platform, drawing_id, old_style, None)

    assert verification.verification(platform, drawing_id, None) == document
    assert [verification.my_proof(platform, drawing_id, who) for who in people] == proofs
    draws.execute(platform, drawing_id)
    status, lines = VERIFIER.verify(
        verification.verification(platform, drawing_id, None).model_dump(mode="json", by_alias=True)
    )
    assert status == 0, "\n".join(lines)


def test_packed_bytes_that_do_not_fit_the_counts_are_never_drawn(platform: Platform) -> None:
    drawing_id, _ = _closed(platform)
    row = _row(platform, drawing_id)
    _set(platform, drawing_id, row["blocks"], bytes(row["block_data"])[:-4])
    with pytest.raises(ValueError, match="packed blocks hold"):
        draws.execute(platform, drawing_id)
    with platform.db.unit_of_work(readonly=True) as uow:
        after = drawings.get(uow, drawing_id)
        winners = uow.scalar(
            "SELECT COUNT(*) FROM drawing_winners WHERE drawing_id = :d",
            {"d": ids.to_db(drawing_id)},
        )
    assert after is not None and after.status == "closed" and winners == 0
