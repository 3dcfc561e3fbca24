"""Entries fixed at purchase, on a real SQLite file: each purchase and free entry returns a
receipt extending the purchase chain, owner salts are fixed at a member's first entry,
and the snapshot at close is exactly the chain of receipts (re-salting or slipping in
an entry afterwards is caught)."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from fittrack.db import ids
from fittrack.domain import entries, merkle
from fittrack.platform import Platform
from fittrack.repositories import drawings
from fittrack.schemas.drawings import EntryReceipt
from fittrack.services import commitments, lifecycle, verification
from fittrack.services import tickets as buying
from tests.fixtures.drawings import admin, drawing, fresh_platform, member
from tests.unit.test_drawing_selection import VERIFIER


@pytest.fixture
def platform(fittrack_home: Path) -> Iterator[Platform]:
    yield from fresh_platform()


def entered(
    platform: Platform,
) -> tuple[uuid.UUID, uuid.UUID, list[tuple[uuid.UUID, EntryReceipt]]]:
    boss = admin(platform)
    drawing_id = drawing(platform, boss, prizes_=(1,), cost=10)
    ann, bob = member(platform, balance=1_000), member(platform, balance=1_000)
    receipts = [
        (ann, buying.buy(platform, ann, drawing_id, 3).receipt),
        (bob, buying.buy(platform, bob, drawing_id, 2).receipt),
        (ann, buying.free_entry(platform, ann, drawing_id).receipt),
        (bob, buying.buy(platform, bob, drawing_id, 1).receipt),
    ]
    return boss, drawing_id, receipts


def test_receipts_chain_every_entry_onto_the_one_before(platform: Platform) -> None:
    _, drawing_id, receipts = entered(platform)
    previous = entries.start(drawing_id).hex()
    for _, receipt in receipts:
        assert receipt.previous_head == previous
        leaf = merkle.leaf_hash(
            receipt.first_ticket_number,
            receipt.last_ticket_number,
            bytes.fromhex(receipt.owner_hash),
        )
        assert receipt.leaf == leaf.hex()
        assert receipt.chain_head == entries.extend(bytes.fromhex(previous), leaf).hex()
        previous = receipt.chain_head
    owners = {who: {r.owner_hash for w, r in receipts if w == who} for who, _ in receipts}
    assert all(len(hashes) == 1 for hashes in owners.values())  # fixed at the first entry
    assert len({next(iter(h)) for h in owners.values()}) == 2


def test_the_snapshot_is_exactly_the_chain_of_receipts(platform: Platform) -> None:
    boss, drawing_id, receipts = entered(platform)
    lifecycle.close_drawing(platform, drawing_id, boss)
    with platform.db.unit_of_work(readonly=True) as uow:
        closed = drawings.get(uow, drawing_id)
    assert closed is not None and closed.entries_head == receipts[-1][1].chain_head
    doc = verification.verification(platform, drawing_id, receipts[0][0])
    assert doc.entries_head == receipts[-1][1].chain_head
    assert doc.snapshot is not None
    assert [tuple(b) for b in doc.snapshot.blocks] == [
        (r.first_ticket_number, r.last_ticket_number, r.owner_hash) for _, r in receipts
    ]
    mine = doc.my_entries
    assert mine is not None and mine.owner_hash == receipts[0][1].owner_hash
    assert [b.chain_head for b in mine.blocks] == [
        r.chain_head for who, r in receipts if who == receipts[0][0]
    ]


def test_re_salting_a_member_before_close_is_caught(platform: Platform) -> None:
    boss, drawing_id, receipts = entered(platform)
    with platform.db.unit_of_work() as uow:
        uow.execute(
            "UPDATE drawing_owner_salts SET owner_salt = :salt"
            " WHERE drawing_id = :d AND user_id = :u",
            {"salt": "00" * 16, "d": ids.to_db(drawing_id), "u": ids.to_db(receipts[0][0])},
        )
    with pytest.raises(commitments.SnapshotMismatch, match="purchase chain"):
        lifecycle.close_drawing(platform, drawing_id, boss)
    with platform.db.unit_of_work(readonly=True) as uow:
        still = drawings.get(uow, drawing_id)
    assert still is not None and still.status == "open" and still.snapshot_root is None


def test_an_entry_slipped_in_outside_the_chain_is_caught(platform: Platform) -> None:
    boss, drawing_id, receipts = entered(platform)
    outsider = member(platform)
    with platform.db.unit_of_work() as uow:  # an insider numbering a free ticket by hand
        uow.execute(
            "UPDATE drawings SET next_ticket_number = next_ticket_number + 1,"
            " total_tickets = total_tickets + 1 WHERE drawing_id = :d",
            {"d": ids.to_db(drawing_id)},
        )
        uow.execute(
            "INSERT INTO free_entries (free_entry_id, drawing_id, user_id, ticket_number)"
            " VALUES (:id, :d, :u, 8)",
            {
                "id": ids.to_db(ids.new_id()),
                "d": ids.to_db(drawing_id),
                "u": ids.to_db(outsider),
            },
        )
    with pytest.raises(commitments.SnapshotMismatch, match="purchase chain"):
        lifecycle.close_drawing(platform, drawing_id, boss)


def test_the_verifier_checks_the_chain_and_my_receipts(platform: Platform) -> None:
    boss, drawing_id, receipts = entered(platform)
    lifecycle.close_drawing(platform, drawing_id, boss)
    from fittrack.services import draws

    draws.execute(platform, drawing_id, boss)
    doc = verification.verification(platform, drawing_id, receipts[1][0]).model_dump(
        mode="json", by_alias=True
    )
    status, lines = VERIFIER.verify(doc)
    assert status == 0, "\n".join(lines)
    assert any("purchase chain" in line and "[ok]" in line for line in lines)
    forged = copy.deepcopy(doc)
    forged["entriesHead"] = "00" * 32
    assert VERIFIER.verify(forged)[0] == 1
    forged = copy.deepcopy(doc)
    forged["myEntries"]["blocks"][0]["chainHead"] = receipts[0][1].chain_head
    assert VERIFIER.verify(forged)[0] == 1


def _stored_without_chunks(platform: Platform, drawing_id: uuid.UUID) -> None:
    """Make the stored snapshot look like one frozen before chunk roots and chain marks."""
    with platform.db.unit_of_work() as uow:
        row = uow.query_one(
            "SELECT blocks FROM drawing_snapshots WHERE drawing_id = :d",
            {"d": ids.to_db(drawing_id)},
        )
        assert row is not None
        doc = dict(row["blocks"])
        assert doc["chunkLeaves"] == 4 and doc["chunkRoots"] and doc["chainMarks"]
        del doc["chunkLeaves"], doc["chunkRoots"], doc["chainMarks"]
        uow.execute(
            "UPDATE drawing_snapshots SET blocks = :b WHERE drawing_id = :d",
            {"b": uow.dialect.json(doc), "d": ids.to_db(drawing_id)},
        )


def test_proofs_from_chunks_match_the_whole_tree_and_the_chain(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Chunks of 4 blocks, so 14 entries span four chunks, the last one short.
    monkeypatch.setattr(merkle, "CHUNK_LEAVES", 4)
    boss = admin(platform)
    drawing_id = drawing(platform, boss, prizes_=(1,), cost=10)
    ann, bob, cy = (member(platform, balance=1_000) for _ in range(3))
    for n in range(14):
        buying.buy(platform, (ann, bob, cy)[n * 7 % 3], drawing_id, 1 + n % 3)
    lifecycle.close_drawing(platform, drawing_id, boss)
    doc = verification.verification(platform, drawing_id, None)
    assert doc.snapshot is not None and doc.merkle_root is not None
    blocks = [(f, last, bytes.fromhex(o)) for f, last, o in doc.snapshot.blocks]
    leaves = merkle.leaf_hashes(blocks)
    tree, heads = merkle.levels(leaves), entries.heads(drawing_id, leaves)
    proofs = {}
    for who in (ann, bob, cy):
        mine = verification.my_proof(platform, drawing_id, who)
        assert mine is not None and mine.blocks
        for block in mine.blocks:
            k = block.leaf_index
            assert [(s.side, s.hash) for s in block.proof] == [
                (s.side, s.sibling.hex()) for s in merkle.proof(tree, k)
            ]
            assert block.chain_head == heads[k].hex()
            assert blocks[k][2].hex() == mine.owner_hash
        proofs[who] = mine
    assert sorted(b.leaf_index for p in proofs.values() for b in p.blocks) == list(range(14))

    _stored_without_chunks(platform, drawing_id)
    for who, expected in proofs.items():
        assert verification.my_proof(platform, drawing_id, who) == expected
