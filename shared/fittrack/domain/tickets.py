"""Tickets: a purchase block (contiguous numbers, one row per purchase or free entry)
and the snapshot of a drawing's blocks frozen when sales close."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, kw_only=True)
class Block:
    block_id: uuid.UUID
    drawing_id: uuid.UUID
    user_id: uuid.UUID
    first_ticket_number: int
    last_ticket_number: int
    quantity: int
    points_spent: int
    ledger_entry_id: uuid.UUID | None  # None for a free entry
    purchased_at: datetime
    refunded_at: datetime | None = None
    free: bool = False


@dataclass(frozen=True, kw_only=True)
class Snapshot:
    """Blocks in ticket order, stored compactly: block i holds tickets
    (lasts[i-1] + 1)..lasts[i] (from 1 for i = 0) and belongs to owners[owner_index[i]]."""

    drawing_id: uuid.UUID
    merkle_root: str
    total_tickets: int
    block_count: int
    entrant_count: int
    owners: list[str]  # owner hashes, hex, in order of first appearance
    lasts: list[int]
    owner_index: list[int]
    taken_at: datetime
    # The Merkle tree's roots of each `chunk_leaves` blocks and the purchase chain's
    # head after each of those chunks, hex: one member's proofs without the whole
    # tree. None in snapshots frozen before they were kept.
    chunk_leaves: int | None = None
    chunk_roots: list[str] | None = None
    chain_marks: list[str] | None = None

    @property
    def blocks(self) -> list[list[Any]]:
        """The public form: [[first, last, ownerHash], ...]."""
        out: list[list[Any]] = []
        first, owners = 1, self.owners
        for last, index in zip(self.lasts, self.owner_index, strict=True):
            out.append([first, last, owners[index]])
            first = last + 1
        return out
