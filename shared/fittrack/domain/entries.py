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
from collections.abc import Iterable

_START = b"fittrack-entries-v1"
_LINK = b"\x02"


def start(drawing_id: uuid.UUID) -> bytes:
    return hashlib.sha256(_START + drawing_id.bytes).digest()


def extend(head: bytes, leaf: bytes) -> bytes:
    return hashlib.sha256(_LINK + head + leaf).digest()


def heads(drawing_id: uuid.UUID, leaves: Iterable[bytes]) -> list[bytes]:
    """The head after each entry, in order."""
    found, head = [], start(drawing_id)
    for leaf in leaves:
        head = extend(head, leaf)
        found.append(head)
    return found


def final_head(drawing_id: uuid.UUID, leaves: Iterable[bytes]) -> bytes:
    after = heads(drawing_id, leaves)
    return after[-1] if after else start(drawing_id)
