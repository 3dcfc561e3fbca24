"""Deterministic, unbiased winner selection (algorithms "fittrack-draw-v1" and "-v2").

The two versions differ only in where the 32-byte seed comes from and the label
that starts every hashed input: v1's seed was drawn by the server and committed
at opening; v2's is the randomness of the drand round fixed at opening
(SHA-256 of its verified signature). Inputs: the 32-byte seed, the snapshot's
32-byte Merkle root, the drawing's 16-byte id and the frozen blocks (first, last, owner hash), which
number the tickets 1..N without gaps. With H = SHA-256 and "||" concatenation:

  stream   x_c = first 8 bytes, big-endian, of
                 H(algorithm || seed || root || drawing id || c as 8 bytes BE)
           for c = 0, 1, 2, ... (one counter for the whole draw)
  uniform(n): limit = floor(2^64 / n) * n; take the next x_c until x_c < limit
           (rejection sampling: no modulo bias); the result is x_c mod n
  pick k:  R = the tickets of owners not picked yet, in ticket order; M = |R|;
           stop when M = 0; u = uniform(M); the winning ticket is R[u] and its
           owner is pick k.

Picks 0..S-1 fill the prize slots (prizes by rank, each repeated `quantity`
times); later picks are the ordered alternates used by redraws. An owner is
picked at most once, and each pick is uniform over the remaining tickets, which
is exactly "draw a ticket uniformly, redraw while its owner has already won".
docs/drawings.md spells the same out for independent verifiers.
"""

from __future__ import annotations

import hashlib
import itertools
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

V1 = "fittrack-draw-v1"
V2 = "fittrack-draw-v2"
ALGORITHMS = (V1, V2)
ALGORITHM = V2  # what new drawings use
_TWO_64 = 1 << 64
SEED_BYTES = 32


class Block(NamedTuple):
    first: int
    last: int
    owner: bytes  # 32-byte owner hash

    @property
    def size(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True, slots=True)
class Pick:
    index: int  # position in the ordered sequence (draw_index)
    ticket_number: int
    owner: bytes
    block_index: int


def commitment(seed: bytes) -> str:
    """What is published when a drawing opens: SHA-256 of the seed, hex."""
    return hashlib.sha256(seed).hexdigest()


def owner_hash(salt: bytes, user_id: uuid.UUID) -> bytes:
    """A member's pseudonym in one drawing's snapshot: SHA-256(salt || id bytes)."""
    return hashlib.sha256(salt + user_id.bytes).digest()


class Stream:
    """The hash stream x_0, x_1, ... and uniform integers drawn from it."""

    def __init__(
        self, seed: bytes, root: bytes, drawing_id: uuid.UUID, algorithm: str = V1
    ) -> None:
        if len(seed) != SEED_BYTES or len(root) != 32:
            raise ValueError("the seed and the root are 32 bytes each")
        if algorithm not in ALGORITHMS:
            raise ValueError(f"unknown algorithm {algorithm!r}")
        self._prefix = algorithm.encode() + seed + root + drawing_id.bytes
        self.counter = 0

    def next_u64(self) -> int:
        digest = hashlib.sha256(self._prefix + self.counter.to_bytes(8, "big")).digest()
        self.counter += 1
        return int.from_bytes(digest[:8], "big")

    def uniform(self, n: int) -> int:
        """A uniform integer in [0, n), by rejection sampling."""
        if not 1 <= n <= _TWO_64:
            raise ValueError(f"cannot draw uniformly from {n} values")
        limit = (_TWO_64 // n) * n
        while True:
            x = self.next_u64()
            if x < limit:
                return x % n


def check_blocks(blocks: Sequence[tuple[int, int, bytes]]) -> int:
    """The ticket total; raises ValueError unless the blocks number 1..N without gaps."""
    expected = 1
    for first, last, _ in blocks:
        if first != expected or last < first:
            raise ValueError(f"blocks are not contiguous at ticket {expected}")
        expected = last + 1
    return expected - 1


class _Weights:
    """A Fenwick tree of the blocks' remaining sizes: remove an owner, find the u-th ticket."""

    def __init__(self, lasts: Sequence[int]) -> None:
        # Node i covers blocks (i & (i - 1), i]: with the lasts as prefix sums of the
        # sizes, each node is one subtraction (a million-block tree in one pass).
        prefix = [0, *lasts]
        self._tree = [prefix[i] - prefix[i & (i - 1)] for i in range(len(prefix))]
        n = len(lasts)
        self._top = 1 << max(n.bit_length() - 1, 0) if n else 0

    def remove(self, index: int, size: int) -> None:
        i, n = index + 1, len(self._tree) - 1
        while i <= n:
            self._tree[i] -= size
            i += i & -i

    def find(self, u: int) -> tuple[int, int]:
        """(block index, offset) of the remaining ticket at 0-based position u."""
        pos, rest, step, tree, n = 0, u, self._top, self._tree, len(self._tree) - 1
        while step:
            nxt = pos + step
            if nxt <= n and tree[nxt] <= rest:
                pos, rest = nxt, rest - tree[nxt]
            step >>= 1
        return pos, rest


def picks(
    seed: bytes,
    root: bytes,
    drawing_id: uuid.UUID,
    blocks: Sequence[Block],
    algorithm: str = V1,
) -> Iterator[Pick]:
    """Every pick in order, until each owner has been picked once."""
    check_blocks(blocks)
    position: dict[bytes, int] = {}
    owner_index = [position.setdefault(owner, len(position)) for _, _, owner in blocks]
    lasts = [last for _, last, _ in blocks]
    return frozen_picks(seed, root, drawing_id, lasts, owner_index, list(position), algorithm)


def frozen_picks(
    seed: bytes,
    root: bytes,
    drawing_id: uuid.UUID,
    lasts: Sequence[int],
    owner_index: Sequence[int],
    owners: Sequence[bytes],
    algorithm: str = V1,
) -> Iterator[Pick]:
    """`picks` over a snapshot in its stored form: block k holds tickets
    lasts[k-1] + 1 .. lasts[k] (from 1) and belongs to owners[owner_index[k]]."""
    if len(owner_index) != len(lasts):
        raise ValueError("every block needs its owner")
    if any(later <= earlier for earlier, later in itertools.pairwise([0, *lasts])):
        raise ValueError("blocks are not contiguous: every block holds at least one ticket")
    return _picks(Stream(seed, root, drawing_id, algorithm), lasts, owner_index, owners)


def _picks(
    stream: Stream, lasts: Sequence[int], owner_index: Sequence[int], owners: Sequence[bytes]
) -> Iterator[Pick]:
    remaining = lasts[-1] if lasts else 0
    weights = _Weights(lasts)
    held: list[list[int]] | None = None  # each owner's blocks, built on the first pick

    def size(k: int) -> int:
        return lasts[k] - (lasts[k - 1] if k else 0)

    index = 0
    while remaining > 0:
        block, offset = weights.find(stream.uniform(remaining))
        owner = owner_index[block]
        yield Pick(index, lasts[block] - size(block) + 1 + offset, owners[owner], block)
        if held is None:
            held = [[] for _ in owners]
            for k, o in enumerate(owner_index):
                held[o].append(k)
        for k in held[owner]:
            weights.remove(k, size(k))
            remaining -= size(k)
        index += 1


def select(
    seed: bytes,
    root: bytes,
    *,
    drawing_id: uuid.UUID,
    blocks: Sequence[Block],
    count: int,
    algorithm: str = V1,
) -> list[Pick]:
    """The first `count` picks (fewer when the entrants run out)."""
    chosen: list[Pick] = []
    if count <= 0:
        return chosen
    for pick in picks(seed, root, drawing_id, blocks, algorithm):
        chosen.append(pick)
        if len(chosen) == count:
            break
    return chosen
