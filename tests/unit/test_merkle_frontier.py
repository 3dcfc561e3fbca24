"""The Merkle frontier grown entry by entry stores, for every full chunk, exactly the
chunk root the whole tree has there, and keeps one node per set bit of the count."""

from __future__ import annotations

import hashlib

import pytest

from fittrack.domain import merkle, merkle_frontier


def leaf(n: int) -> bytes:
    return hashlib.sha256(n.to_bytes(4, "big")).digest()


@pytest.mark.parametrize("count", [1, 2, 3, 1023, 1024, 1025, 2047, 3 * 1024 + 517])
def test_completed_chunks_are_the_trees_chunk_roots(count: int) -> None:
    leaves = [leaf(n) for n in range(count)]
    frontier, stored = merkle_frontier.EMPTY, []
    for one in leaves:
        frontier, completed = merkle_frontier.append(frontier, one)
        if completed is not None:
            stored.append(completed)
        assert len(frontier.nodes) == (frontier.count % merkle.CHUNK_LEAVES).bit_count()
    full = count // merkle.CHUNK_LEAVES
    assert stored == merkle.chunk_roots(leaves, merkle.CHUNK_LEAVES)[:full]
    assert frontier.count == count
    rest = leaves[full * merkle.CHUNK_LEAVES :]
    # the nodes left are the roots of the partial chunk's aligned subtrees, largest first
    sizes = [1 << bit for bit in reversed(range(10)) if len(rest) >> bit & 1]
    starts = [sum(sizes[:k]) for k in range(len(sizes))]
    assert list(frontier.nodes) == [
        merkle.root(rest[s : s + size]) for s, size in zip(starts, sizes, strict=True)
    ]


def test_a_frontier_round_trips_through_its_text() -> None:
    frontier = merkle_frontier.EMPTY
    for n in range(1024 + 13):
        frontier, _ = merkle_frontier.append(frontier, leaf(n))
    again = merkle_frontier.Frontier.decoded(frontier.count, frontier.encoded())
    assert again == frontier and len(again.nodes) == 3  # 13 = 8 + 4 + 1


def test_a_frontier_that_does_not_fit_its_count_is_refused() -> None:
    one, _ = merkle_frontier.append(merkle_frontier.EMPTY, leaf(0))
    with pytest.raises(ValueError, match="does not hold"):  # 3 leaves make two nodes
        merkle_frontier.Frontier.decoded(3, one.encoded())
    with pytest.raises(ValueError, match="does not hold"):
        merkle_frontier.Frontier.decoded(1, one.encoded()[:-2])
