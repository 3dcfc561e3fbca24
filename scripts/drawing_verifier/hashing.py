"""The hashes a drawing commits to: SHA-256, canonical JSON, the snapshot's Merkle tree
and the purchase chain."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def canonical(document: Any) -> bytes:
    """Keys sorted, no whitespace, UTF-8 with non-ASCII characters unescaped."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def leaf(first: int, last: int, owner: str) -> bytes:
    """H(0x00 || first u64 || last u64 || owner)."""
    return sha256(
        b"\x00"
        + int(first).to_bytes(8, "big")
        + int(last).to_bytes(8, "big")
        + bytes.fromhex(owner)
    )


def merkle_root(blocks: list[list[Any]]) -> str:
    """Leaves H(0x00 || first u64 || last u64 || owner); nodes H(0x01 || left || right);
    an odd last node moves up unchanged; no leaves: H("")."""
    level = [leaf(first, last, owner) for first, last, owner in blocks]
    if not level:
        return sha256(b"").hex()
    while len(level) > 1:
        paired = [sha256(b"\x01" + level[i] + level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2 == 1:
            paired.append(level[-1])
        level = paired
    return level[0].hex()


def chain_heads(drawing_id: bytes, blocks: list[list[Any]]) -> list[str]:
    """The purchase chain's heads: head_0 = H("fittrack-entries-v1" || id), then
    head_k = H(0x02 || head_(k-1) || leaf_k) for each block in ticket order."""
    head, heads = sha256(b"fittrack-entries-v1" + drawing_id), []
    for first, last, owner in blocks:
        head = sha256(b"\x02" + head + leaf(first, last, owner))
        heads.append(head.hex())
    return heads


def proof_root(first: int, last: int, owner: str, steps: list[dict[str, str]]) -> str:
    """The root a block's Merkle proof leads to."""
    node = sha256(
        b"\x00" + first.to_bytes(8, "big") + last.to_bytes(8, "big") + bytes.fromhex(owner)
    )
    for step in steps:
        sibling = bytes.fromhex(step["hash"])
        pair = sibling + node if step["side"] == "left" else node + sibling
        node = sha256(b"\x01" + pair)
    return node.hex()
