"""The snapshot's Merkle tree: proofs verify for every leaf, and fail when any byte changes."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from fittrack.domain import merkle
from tests.unit.test_drawing_selection import VERIFIER

blocks_st = st.lists(
    st.tuples(st.integers(1, 9), st.binary(min_size=32, max_size=32)), min_size=1, max_size=40
)


def as_blocks(spec: list[tuple[int, bytes]]) -> list[tuple[int, int, bytes]]:
    out, first = [], 1
    for size, owner in spec:
        out.append((first, first + size - 1, owner))
        first += size
    return out


def leaves(blocks: list[tuple[int, int, bytes]]) -> list[bytes]:
    return [merkle.leaf_hash(f, last, o) for f, last, o in blocks]


@settings(max_examples=100, deadline=None)
@given(blocks_st)
def test_every_leaf_has_a_proof_that_verifies(spec: list[tuple[int, bytes]]) -> None:
    blocks = as_blocks(spec)
    tree = merkle.levels(leaves(blocks))
    root = merkle.root(leaves(blocks))
    assert tree[-1] == [root]
    assert VERIFIER.merkle_root([[f, last, o.hex()] for f, last, o in blocks]) == root.hex()
    for i, (first, last, owner) in enumerate(blocks):
        steps = merkle.proof(tree, i)
        assert merkle.verify(merkle.leaf_hash(first, last, owner), steps, root)
        plain = [s.as_dict() for s in steps]
        assert VERIFIER.proof_root(first, last, owner.hex(), plain) == root.hex()


@settings(max_examples=100, deadline=None)
@given(blocks_st, st.data())
def test_changing_any_byte_breaks_the_proof(
    spec: list[tuple[int, bytes]], data: st.DataObject
) -> None:
    blocks = as_blocks(spec)
    tree = merkle.levels(leaves(blocks))
    root = tree[-1][0]
    i = data.draw(st.integers(0, len(blocks) - 1))
    first, last, owner = blocks[i]
    steps = merkle.proof(tree, i)
    byte = data.draw(st.integers(0, 31))
    flipped = bytearray(owner)
    flipped[byte] ^= 0x01
    assert not merkle.verify(merkle.leaf_hash(first, last, bytes(flipped)), steps, root)
    assert not merkle.verify(merkle.leaf_hash(first, last + 1, owner), steps, root)
    bad_root = bytearray(root)
    bad_root[byte] ^= 0x80
    assert not merkle.verify(merkle.leaf_hash(first, last, owner), steps, bytes(bad_root))
    if steps:
        k = data.draw(st.integers(0, len(steps) - 1))
        sibling = bytearray(steps[k].sibling)
        sibling[byte] ^= 0x01
        tampered = [*steps[:k], merkle.ProofStep(steps[k].side, bytes(sibling)), *steps[k + 1 :]]
        assert not merkle.verify(merkle.leaf_hash(first, last, owner), tampered, root)


def test_the_root_commits_to_every_block() -> None:
    blocks = as_blocks([(3, bytes(32)), (1, bytes([1]) * 32), (2, bytes([2]) * 32)])
    root = merkle.root(leaves(blocks))
    moved = [(1, 3, bytes(32)), (4, 5, bytes([2]) * 32), (6, 6, bytes([1]) * 32)]
    assert merkle.root(leaves(moved)) != root
    assert merkle.root([]) == hashlib.sha256(b"").digest()


def test_a_leaf_is_never_mistaken_for_an_inner_node() -> None:
    a, b = merkle.leaf_hash(1, 1, bytes(32)), merkle.leaf_hash(2, 2, bytes(32))
    assert merkle.node_hash(a, b) != hashlib.sha256(b"\x00" + a + b).digest()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.binary(min_size=32, max_size=32), min_size=0, max_size=70),
    st.sampled_from([1, 2, 4, 8, 16]),
)
def test_chunk_roots_finish_into_the_root_and_chunked_proofs_equal_whole_tree_proofs(
    hashes: list[bytes], size: int
) -> None:
    roots = merkle.chunk_roots(hashes, size)
    assert len(roots) == -(-len(hashes) // size)
    assert merkle.root(roots) == merkle.root(hashes)
    tree = merkle.levels(hashes) if hashes else []
    for index in range(len(hashes)):
        chunk = index // size
        steps = merkle.chunked_proof(
            hashes[chunk * size : (chunk + 1) * size], index % size, roots, chunk
        )
        assert steps == merkle.proof(tree, index)
        assert merkle.verify(hashes[index], steps, merkle.root(hashes))


def test_a_chunk_is_a_power_of_two_of_leaves() -> None:
    for size in (0, 3, 1000):
        try:
            merkle.chunk_roots([b"\0" * 32], size)
        except ValueError:
            continue
        raise AssertionError(f"chunks of {size} leaves were accepted")
