"""The purchase chain: every entry of a drawing hashed onto the one before it.

Entry k (a purchased block or a free entry, in ticket order) has the snapshot's
Merkle leaf of (first, last, owner hash) and extends the chain:

  head_0 = H("fittrack-entries-v1" || drawing id bytes)
  head_k = H(0x02 || head_(k-1) || leaf_k)

Each purchase returns head_k as the member's receipt, and the snapshot frozen at
close must recompute to the last head, so an entry changed, added or re-salted
after the fact no longer matches the receipts members hold.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence

_START = b"fittrack-entries-v1"
_LINK = b"\x02"


def start(drawing_id: uuid.UUID) -> bytes:
    return hashlib.sha256(_START + drawing_id.bytes).digest()


def extend(head: bytes, leaf: bytes) -> bytes:
    return hashlib.sha256(_LINK + head + leaf).digest()


def heads(drawing_id: uuid.UUID, leaves: Iterable[bytes]) -> list[bytes]:
    """The head after each entry, in order."""
    return heads_after(start(drawing_id), leaves)


def heads_after(head: bytes, leaves: Iterable[bytes]) -> list[bytes]:
    """The head after each of `leaves`, the chain standing at `head` before them."""
    found = []
    for leaf in leaves:
        head = extend(head, leaf)
        found.append(head)
    return found


def final_head(drawing_id: uuid.UUID, leaves: Sequence[bytes]) -> bytes:
    return final_head_and_marks(drawing_id, leaves, len(leaves) or 1)[0]


def final_head_and_marks(
    drawing_id: uuid.UUID, leaves: Sequence[bytes], every: int
) -> tuple[bytes, list[bytes]]:
    """The head after the last entry, and the head after each full run of `every`
    entries: entry k's head is then fewer than `every` hashes from a mark. No list of
    every head: a close hashes 1,000,000."""
    if every < 1:
        raise ValueError("marks come every one or more entries")
    head, sha, marks = start(drawing_id), hashlib.sha256, []
    for begin in range(0, len(leaves), every):
        run = leaves[begin : begin + every]
        for leaf in run:
            head = sha(_LINK + head + leaf).digest()
        if len(run) == every:
            marks.append(head)
    return head, marks
