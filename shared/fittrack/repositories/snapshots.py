"""Frozen ticket snapshots (public) and who stands behind each owner hash (private).

A drawing's entrants are its owner salts: each drawn at the member's first entry
(or, for entries older than the purchase chain, at the close) and never changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.tickets import Snapshot
from fittrack.repositories import packed_blocks


@dataclass(frozen=True, kw_only=True)
class Entrant:
    drawing_id: uuid.UUID
    user_id: uuid.UUID
    owner_salt: str  # 16 random bytes, hex
    owner_hash: str  # SHA-256(salt || user id bytes), hex


def insert(uow: UnitOfWork, snapshot: Snapshot) -> None:
    """Store a frozen snapshot: its blocks packed (packed_blocks.py), the chunk roots
    and chain marks in the JSON document."""
    uow.execute(
        "INSERT INTO drawing_snapshots (drawing_id, merkle_root, total_tickets, block_count,"
        " entrant_count, blocks, taken_at, block_data) VALUES (:id, :root, :total, :blocks_n,"
        " :entrants, :blocks, :at, :block_data)",
        {
            "id": ids.to_db(snapshot.drawing_id),
            "root": snapshot.merkle_root,
            "total": snapshot.total_tickets,
            "blocks_n": snapshot.block_count,
            "entrants": snapshot.entrant_count,
            "blocks": uow.dialect.json(
                {
                    "chunkLeaves": snapshot.chunk_leaves,
                    "chunkRoots": snapshot.chunk_roots,
                    "chainMarks": snapshot.chain_marks,
                }
            ),
            "at": snapshot.taken_at,
            "block_data": packed_blocks.pack(
                snapshot.owners, snapshot.lasts, snapshot.owner_index, snapshot.total_tickets
            ),
        },
    )


def get(uow: UnitOfWork, drawing_id: uuid.UUID) -> Snapshot | None:
    row = uow.query_one(
        "SELECT drawing_id, merkle_root, total_tickets, block_count, entrant_count, blocks,"
        " block_data, taken_at FROM drawing_snapshots WHERE drawing_id = :id",
        {"id": ids.to_db(drawing_id)},
    )
    if row is None:
        return None
    doc = row["blocks"]
    owners, lasts, owner_index = _blocks(row)
    return Snapshot(
        drawing_id=ids.from_db(row["drawing_id"]),
        merkle_root=row["merkle_root"],
        total_tickets=int(row["total_tickets"]),
        block_count=int(row["block_count"]),
        entrant_count=int(row["entrant_count"]),
        owners=owners,
        lasts=lasts,
        owner_index=owner_index,
        taken_at=row["taken_at"],
        chunk_leaves=doc.get("chunkLeaves"),
        chunk_roots=doc.get("chunkRoots"),
        chain_marks=doc.get("chainMarks"),
    )


def _blocks(row: dict[str, Any]) -> tuple[list[str], list[int], list[int]]:
    """(owner hashes, lasts, owner indexes): packed, or in the JSON document of a
    snapshot frozen before block_data."""
    if row["block_data"] is None:
        doc = row["blocks"]
        return list(doc["owners"]), list(doc["last"]), list(doc["owner"])
    return packed_blocks.unpack(
        bytes(row["block_data"]),
        int(row["entrant_count"]),
        int(row["block_count"]),
        int(row["total_tickets"]),
    )


def owner_salt(
    uow: UnitOfWork, drawing_id: uuid.UUID, user_id: uuid.UUID
) -> tuple[str, str] | None:
    """(salt hex, owner hash hex) fixed at the member's first entry in the drawing."""
    row = uow.query_one(
        "SELECT owner_salt, owner_hash FROM drawing_owner_salts"
        " WHERE drawing_id = :d AND user_id = :u",
        {"d": ids.to_db(drawing_id), "u": ids.to_db(user_id)},
    )
    return (row["owner_salt"], row["owner_hash"]) if row else None


def insert_owner_salt(
    uow: UnitOfWork,
    drawing_id: uuid.UUID,
    user_id: uuid.UUID,
    *,
    salt: str,
    owner_hash: str,
    now: datetime,
) -> None:
    uow.execute(
        "INSERT INTO drawing_owner_salts (drawing_id, user_id, owner_salt, owner_hash,"
        " created_at) VALUES (:d, :u, :salt, :hash, :now)",
        {
            "d": ids.to_db(drawing_id),
            "u": ids.to_db(user_id),
            "salt": salt,
            "hash": owner_hash,
            "now": now,
        },
    )


def owner_salts(uow: UnitOfWork, drawing_id: uuid.UUID) -> dict[bytes, bytes]:
    """Every member's owner salt in the drawing, by user id bytes (the close recomputes
    each owner hash from its salt, so the stored hashes are not read)."""
    rows = uow.query_tuples(
        "SELECT user_id, owner_salt FROM drawing_owner_salts WHERE drawing_id = :d",
        {"d": ids.to_db(drawing_id)},
    )
    return {bytes(user): bytes.fromhex(salt) for user, salt in rows}


def insert_owner_salts(
    uow: UnitOfWork,
    drawing_id: uuid.UUID,
    rows: Sequence[tuple[bytes, str, str]],
    now: datetime,
) -> None:
    """(user id bytes, salt hex, owner hash hex) of members without a salt yet."""
    drawing = ids.to_db(drawing_id)
    uow.executemany(
        "INSERT INTO drawing_owner_salts (drawing_id, user_id, owner_salt, owner_hash,"
        " created_at) VALUES (:d, :u, :salt, :hash, :now)",
        [
            {"d": drawing, "u": user, "salt": salt, "hash": owner, "now": now}
            for user, salt, owner in rows
        ],
    )


_ENTRANT = "SELECT drawing_id, user_id, owner_salt, owner_hash FROM drawing_owner_salts"


def _entrant(row: dict[str, Any]) -> Entrant:
    return Entrant(
        drawing_id=ids.from_db(row["drawing_id"]),
        user_id=ids.from_db(row["user_id"]),
        owner_salt=row["owner_salt"],
        owner_hash=row["owner_hash"],
    )


def entrant(uow: UnitOfWork, drawing_id: uuid.UUID, user_id: uuid.UUID) -> Entrant | None:
    row = uow.query_one(
        f"{_ENTRANT} WHERE drawing_id = :d AND user_id = :u",
        {"d": ids.to_db(drawing_id), "u": ids.to_db(user_id)},
    )
    return _entrant(row) if row else None


def entrants_by_hash(
    uow: UnitOfWork, drawing_id: uuid.UUID, owner_hashes: Iterable[str]
) -> dict[str, Entrant]:
    wanted = list(dict.fromkeys(owner_hashes))
    found: dict[str, Entrant] = {}
    for start in range(0, len(wanted), 500):
        binds = {f"h{n}": h for n, h in enumerate(wanted[start : start + 500])}
        rows = uow.query(
            f"{_ENTRANT} WHERE drawing_id = :d"
            f" AND owner_hash IN ({', '.join(':' + b for b in binds)})",
            {**binds, "d": ids.to_db(drawing_id)},
        )
        found.update({e.owner_hash: e for e in map(_entrant, rows)})
    return found
