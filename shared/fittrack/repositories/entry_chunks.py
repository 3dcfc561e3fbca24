"""The Merkle roots of a drawing's full chunks of entries, stored as each chunk fills,
with the purchase chain's head after its last entry (docs/drawings.md)."""

from __future__ import annotations

import uuid
from datetime import datetime

from fittrack.db import UnitOfWork, ids


def insert(
    uow: UnitOfWork,
    drawing_id: uuid.UUID,
    index: int,
    *,
    merkle_root: str,
    chain_head: str,
    now: datetime,
) -> None:
    uow.execute(
        "INSERT INTO drawing_entry_chunks (drawing_id, chunk_index, merkle_root, chain_head,"
        " created_at) VALUES (:d, :i, :root, :head, :now)",
        {
            "d": ids.to_db(drawing_id),
            "i": index,
            "root": merkle_root,
            "head": chain_head,
            "now": now,
        },
    )


def roots_and_heads(uow: UnitOfWork, drawing_id: uuid.UUID) -> list[tuple[int, str, str]]:
    """(chunk index, Merkle root hex, chain head hex) of every full chunk, in order."""
    rows = uow.query_tuples(
        "SELECT chunk_index, merkle_root, chain_head FROM drawing_entry_chunks"
        " WHERE drawing_id = :d ORDER BY chunk_index",
        {"d": ids.to_db(drawing_id)},
    )
    return [(int(index), root, head) for index, root, head in rows]
