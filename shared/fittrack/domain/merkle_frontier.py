"""The snapshot's Merkle tree kept up at each entry, one chunk at a time.

Entries arrive in ticket order, so the tree over them (domain/merkle.py) can be
grown leaf by leaf. Inside the chunk being filled, the frontier holds the roots of
its complete aligned subtrees, largest first, like the set bits of a binary counter:
appending a leaf merges equal neighbours, about one hash per entry. When a chunk's
CHUNK_LEAVES-th leaf arrives the frontier has become that chunk's root, which the
purchase stores; the close then needs only the last, partial chunk and the tree over
the chunk roots instead of a million node hashes.
"""

from __future__ import annotations

from dataclasses import dataclass

from fittrack.domain import merkle

HASH_BYTES = 32


@dataclass(frozen=True, slots=True)
class Frontier:
    count: int  # leaves appended in all
    nodes: tuple[bytes, ...] = ()  # subtree roots inside the chunk being filled, largest first

    def encoded(self) -> str:
        return b"".join(self.nodes).hex()

    @classmethod
    def decoded(cls, count: int, text: str | None) -> Frontier:
        raw = bytes.fromhex(text or "")
        nodes = tuple(raw[i : i + HASH_BYTES] for i in range(0, len(raw), HASH_BYTES))
        if len(raw) % HASH_BYTES or len(nodes) != (count % merkle.CHUNK_LEAVES).bit_count():
            raise ValueError(f"a frontier of {count} leaves does not hold {len(nodes)} nodes")
        return cls(count, nodes)


EMPTY = Frontier(0)


def append(frontier: Frontier, leaf: bytes) -> tuple[Frontier, bytes | None]:
    """The frontier with `leaf` appended, and the root of the chunk it completed."""
    nodes, node, filled = list(frontier.nodes), leaf, frontier.count % merkle.CHUNK_LEAVES
    while filled & 1:
        node = merkle.node_hash(nodes.pop(), node)
        filled >>= 1
    count = frontier.count + 1
    if count % merkle.CHUNK_LEAVES == 0:
        return Frontier(count), node
    nodes.append(node)
    return Frontier(count, tuple(nodes)), None
