"""The Merkle tree kept up at purchase, on a real SQLite file: the purchase completing
each chunk of 1,024 entries stores that chunk's root and the chain's head there, the
close builds the same root from them as from every leaf, and falls back to the whole
tree wherever the stored chunks do not line up with the recomputed chain."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from fittrack.db import ids
from fittrack.domain import merkle
from fittrack.platform import Platform
from fittrack.repositories import drawings, entry_chunks, snapshots
from fittrack.schemas.drawings import EntryReceipt
from fittrack.services import lifecycle
from fittrack.services import tickets as buying
from tests.fixtures.drawings import admin, drawing, fresh_platform, member
from tests.unit.test_drawing_selection import VERIFIER

ENTRIES = merkle.CHUNK_LEAVES + 6  # one full chunk and a short one


@pytest.fixture
def platform(fittrack_home: Path) -> Iterator[Platform]:
    yield from fresh_platform()


def entered(platform: Platform) -> tuple[uuid.UUID, uuid.UUID, list[EntryReceipt]]:
    boss = admin(platform)
    drawing_id = drawing(platform, boss, cost=1)
    ann, bob = member(platform, balance=5_000), member(platform, balance=5_000)
    receipts = [
        buying.buy(platform, (ann, bob)[n % 3 == 0], drawing_id, 1 + n % 2).receipt
        for n in range(ENTRIES)
    ]
    return boss, drawing_id, receipts


def leaves_of(receipts: list[EntryReceipt]) -> list[bytes]:
    return [bytes.fromhex(r.leaf) for r in receipts]


def closed_root(platform: Platform, boss: uuid.UUID, drawing_id: uuid.UUID) -> str:
    lifecycle.close_drawing(platform, drawing_id, boss)
    with platform.db.unit_of_work(readonly=True) as uow:
        snapshot = snapshots.get(uow, drawing_id)
    assert snapshot is not None
    return snapshot.merkle_root


def published_blocks(platform: Platform, drawing_id: uuid.UUID) -> list[list[object]]:
    with platform.db.unit_of_work(readonly=True) as uow:
        snapshot = snapshots.get(uow, drawing_id)
    assert snapshot is not None
    blocks, first = [], 1
    for last, index in zip(snapshot.lasts, snapshot.owner_index, strict=True):
        blocks.append([first, last, snapshot.owners[index]])
        first = last + 1
    return blocks


def run_sql(platform: Platform, sql: str, drawing_id: uuid.UUID) -> None:
    with platform.db.unit_of_work() as uow:
        uow.execute(sql, {"d": ids.to_db(drawing_id)})


def test_the_purchase_completing_a_chunk_stores_its_root_and_head(platform: Platform) -> None:
    _, drawing_id, receipts = entered(platform)
    with platform.db.unit_of_work(readonly=True) as uow:
        stored = entry_chunks.roots_and_heads(uow, drawing_id)
        current = drawings.get(uow, drawing_id)
    whole = merkle.chunk_roots(leaves_of(receipts), merkle.CHUNK_LEAVES)
    assert stored == [(0, whole[0].hex(), receipts[merkle.CHUNK_LEAVES - 1].chain_head)]
    assert current is not None and current.entry_count == ENTRIES


def test_the_close_builds_the_whole_trees_root_from_stored_chunks(platform: Platform) -> None:
    boss, drawing_id, receipts = entered(platform)
    root = closed_root(platform, boss, drawing_id)
    assert root == merkle.root(leaves_of(receipts)).hex()
    assert VERIFIER.merkle_root(published_blocks(platform, drawing_id)) == root


def test_entries_older_than_the_frontier_get_the_whole_tree(platform: Platform) -> None:
    boss, drawing_id, receipts = entered(platform)
    run_sql(platform, "DELETE FROM drawing_entry_chunks WHERE drawing_id = :d", drawing_id)
    run_sql(
        platform,
        "UPDATE drawings SET entry_count = NULL, entries_frontier = NULL WHERE drawing_id = :d",
        drawing_id,
    )
    assert closed_root(platform, boss, drawing_id) == merkle.root(leaves_of(receipts)).hex()


def test_a_chunk_stored_off_the_chain_is_not_used(platform: Platform) -> None:
    boss, drawing_id, receipts = entered(platform)
    run_sql(
        platform,
        f"UPDATE drawing_entry_chunks SET chain_head = '{'ab' * 32}',"
        f" merkle_root = '{'cd' * 32}' WHERE drawing_id = :d",
        drawing_id,
    )
    assert closed_root(platform, boss, drawing_id) == merkle.root(leaves_of(receipts)).hex()


def test_a_chunk_root_changed_in_the_database_fails_public_verification(
    platform: Platform,
) -> None:
    """The close trusts the roots its purchases stored (docs/drawings.md): one changed
    behind its back yields a root that the published blocks do not recompute to."""
    boss, drawing_id, receipts = entered(platform)
    run_sql(
        platform,
        f"UPDATE drawing_entry_chunks SET merkle_root = '{'cd' * 32}' WHERE drawing_id = :d",
        drawing_id,
    )
    root = closed_root(platform, boss, drawing_id)
    assert root != merkle.root(leaves_of(receipts)).hex()
    assert VERIFIER.merkle_root(published_blocks(platform, drawing_id)) != root
