"""The Merkle tree over a drawing's frozen ticket snapshot (docs/drawings.md).

Leaves are the ticket blocks in ticket order. With H = SHA-256:

    leaf  = H(0x00 || first as 8 bytes big-endian || last as 8 bytes big-endian
              || owner hash as its 32 bytes)
    node  = H(0x01 || left || right)

Each level pairs neighbours left to right; an odd last node moves up unchanged.
The root of no leaves is H(b""). The 0x00/0x01 prefixes keep a leaf from ever
passing for an inner node. A proof lists the siblings from the leaf upwards,
each with the side it sits on.

Pairing is aligned, so the nodes CHUNK_LEAVES leaves up are the roots of consecutive
CHUNK_LEAVES-leaf chunks (the last one possibly short). A snapshot keeps those chunk
roots, so one leaf's proof hashes its own chunk and the chunk roots, not the whole tree.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").digest()
_LEAF = struct.Struct(">cQQ32s")  # prefix, first, last, owner hash
CHUNK_LEAVES = 1 << 10


@dataclass(frozen=True, slots=True)
class ProofStep:
    side: Literal["left", "right"]  # where the sibling sits
    sibling: bytes

    def as_dict(self) -> dict[str, str]:
        return {"side": self.side, "hash": self.sibling.hex()}


def leaf_hash(first: int, last: int, owner_hash: bytes) -> bytes:
    if len(owner_hash) != 32 or not 1 <= first <= last:
        raise ValueError("a leaf needs 1 <= first <= last and a 32-byte owner hash")
    return hashlib.sha256(
        LEAF_PREFIX + first.to_bytes(8, "big") + last.to_bytes(8, "big") + owner_hash
    ).digest()


def leaf_hashes(blocks: Iterable[tuple[int, int, bytes]]) -> list[bytes]:
    """`leaf_hash` of many (first, last, owner hash) blocks, without per-leaf checks."""
    sha, pack = hashlib.sha256, _LEAF.pack  # one packed buffer per leaf: a close hashes 1M
    return [sha(pack(LEAF_PREFIX, first, last, owner)).digest() for first, last, owner in blocks]


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def _next_level(level: Sequence[bytes]) -> list[bytes]:
    sha = hashlib.sha256
    paired = [
        sha(NODE_PREFIX + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)
    ]
    if len(level) % 2:
        paired.append(level[-1])
    return paired


def levels(leaves: Sequence[bytes]) -> list[list[bytes]]:
    """Every level of the tree, leaves first, the root's level last."""
    tree = [list(leaves)]
    while len(tree[-1]) > 1:
        tree.append(_next_level(tree[-1]))
    return tree


def root(leaves: Sequence[bytes]) -> bytes:
    if not leaves:
        return EMPTY_ROOT
    level: Sequence[bytes] = leaves
    while len(level) > 1:
        level = _next_level(level)
    return level[0]


def chunk_roots(leaves: Sequence[bytes], size: int) -> list[bytes]:
    """The tree's level `size` leaves up (size a power of two): `root` of them is the root."""
    if size < 1 or size & (size - 1):
        raise ValueError("a chunk holds a power of two of leaves")
    return [root(leaves[start : start + size]) for start in range(0, len(leaves), size)]


def chunked_proof(
    chunk: Sequence[bytes], index_in_chunk: int, roots: Sequence[bytes], chunk_index: int
) -> list[ProofStep]:
    """The inclusion proof of a leaf from its chunk's leaves and every chunk root: the
    same steps `proof(levels(leaves), index)` gives."""
    return proof(levels(chunk), index_in_chunk) + proof(levels(roots), chunk_index)


def proof(tree: list[list[bytes]], index: int) -> list[ProofStep]:
    """The inclusion proof of leaf `index`, from `levels(...)`."""
    if not 0 <= index < len(tree[0]):
        raise IndexError(f"no leaf {index}")
    steps: list[ProofStep] = []
    for level in tree[:-1]:
        sibling = index ^ 1
        if sibling < len(level):
            steps.append(ProofStep("left" if sibling < index else "right", level[sibling]))
        index //= 2
    return steps


def verify(leaf: bytes, steps: Sequence[ProofStep], expected_root: bytes) -> bool:
    current = leaf
    for step in steps:
        current = (
            node_hash(step.sibling, current)
            if step.side == "left"
            else node_hash(current, step.sibling)
        )
    return current == expected_root
