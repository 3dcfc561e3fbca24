"""Commitments of a drawing: its terms (at opening) and the frozen snapshot (at close).

A fittrack-draw-v2 drawing commits at opening to its terms (domain/draw_terms.py),
beacon chain and round included: `seed_commitment` is SHA-256 of their canonical
JSON, stored byte for byte in `drawings.terms`. Its randomness is the beacon's.
A fittrack-draw-v1 drawing (opened before v2) committed to a server seed, sealed
with AES-GCM (the platform key, bound to the drawing id) until its draw reveals
it; `reveal` still opens those. Closing freezes the ticket
snapshot: blocks in ticket order, each owner replaced by SHA-256(salt || user id)
with a fresh random salt per member and drawing, and the Merkle root over them.
Both run inside the caller's transaction.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime

from fittrack.adapters.crypto import cipher_from_secrets
from fittrack.adapters.secrets import Secrets
from fittrack.db import UnitOfWork
from fittrack.domain import beacon, draw_terms, merkle, selection
from fittrack.repositories import drawings, prizes, snapshots, tickets

_SEED_CONTEXT = b"fittrack-drawing-seed:"
SALT_BYTES = 16


class SnapshotMismatch(RuntimeError):
    """The blocks do not add up to the drawing's ticket total: never draw on that."""


def commit_terms(
    uow: UnitOfWork, drawing: drawings.Drawing, info: beacon.ChainInfo
) -> tuple[str, str, int]:
    """(canonical terms, their commitment, the beacon round) for a drawing about to open."""
    round_number = beacon.draw_round(info, drawing.sales_close_time)
    document = draw_terms.terms(
        algorithm=selection.V2,
        drawing_id=drawing.drawing_id,
        ticket_cost_points=drawing.ticket_cost_points,
        sales_close_time=drawing.sales_close_time,
        drawing_time=drawing.drawing_time,
        eligibility=drawing.eligibility,
        prizes=[
            draw_terms.PrizeTerm(
                prize_id=p.prize_id,
                rank=p.rank,
                name=p.name,
                value_usd=p.value_usd,
                quantity=p.quantity,
            )
            for p in prizes.list_for_drawing(uow, drawing.drawing_id)
        ],
        info=info,
        round_number=round_number,
    )
    text = draw_terms.canonical(document)
    return text, draw_terms.commitment(text), round_number


def reveal(secrets: Secrets, drawing: drawings.Drawing) -> bytes:
    """A v1 drawing's seed: the revealed one, or the sealed one opened (and checked)."""
    if drawing.seed is not None:
        seed = bytes.fromhex(drawing.seed)
    elif drawing.sealed_seed is not None:
        seed = bytes.fromhex(
            cipher_from_secrets(secrets).decrypt(
                drawing.sealed_seed, _SEED_CONTEXT + drawing.drawing_id.bytes
            )
        )
    else:
        raise RuntimeError(f"drawing {drawing.drawing_id} was never committed to a seed")
    if selection.commitment(seed) != drawing.seed_commitment:
        raise RuntimeError(f"drawing {drawing.drawing_id}: the seed does not match its commitment")
    return seed


def snapshot_blocks(snapshot: snapshots.Snapshot) -> list[selection.Block]:
    owners = [bytes.fromhex(owner) for owner in snapshot.owners]
    blocks, first = [], 1
    for last, index in zip(snapshot.lasts, snapshot.owner_index, strict=True):
        blocks.append(selection.Block(first, last, owners[index]))
        first = last + 1
    return blocks


def leaves(blocks: list[selection.Block]) -> list[bytes]:
    return merkle.leaf_hashes(blocks)


def snapshot_leaves(snapshot: snapshots.Snapshot) -> list[bytes]:
    """The Merkle leaves straight from the stored snapshot (no Block objects)."""
    owners = [bytes.fromhex(owner) for owner in snapshot.owners]
    firsts = [1, *(last + 1 for last in snapshot.lasts[:-1])] if snapshot.lasts else []
    return merkle.leaf_hashes(
        zip(firsts, snapshot.lasts, (owners[i] for i in snapshot.owner_index), strict=True)
    )


def freeze(uow: UnitOfWork, drawing: drawings.Drawing, now: datetime) -> snapshots.Snapshot:
    """Freeze (once) the snapshot of a drawing whose sales have just closed."""
    existing = snapshots.get(uow, drawing.drawing_id)
    if existing is not None:
        return existing
    rows = tickets.snapshot_rows(uow, drawing.drawing_id)
    position: dict[bytes, int] = {}  # member -> owner index, in order of first appearance
    held: list[int] = []
    for first, last, user in rows:
        index = position.setdefault(user, len(position))
        if index == len(held):
            held.append(0)
        held[index] += last - first + 1
    users = list(position)
    salts = [os.urandom(SALT_BYTES) for _ in users]
    owners = [hashlib.sha256(salt + user).digest() for salt, user in zip(salts, users, strict=True)]
    lasts = [last for _, last, _ in rows]
    owner_index = [position[user] for _, _, user in rows]
    blocks = [
        (first, last, owners[i]) for (first, last, _), i in zip(rows, owner_index, strict=True)
    ]
    try:
        total = selection.check_blocks(blocks)
    except ValueError as gap:
        raise SnapshotMismatch(f"drawing {drawing.drawing_id}: {gap}") from gap
    current = drawings.get(uow, drawing.drawing_id)
    if current is None or total != current.total_tickets:
        raise SnapshotMismatch(f"drawing {drawing.drawing_id}: blocks hold {total} tickets")
    root = merkle.root(merkle.leaf_hashes(blocks)).hex()
    hexes = [owner.hex() for owner in owners]
    snapshot = snapshots.Snapshot(
        drawing_id=drawing.drawing_id,
        merkle_root=root,
        total_tickets=total,
        block_count=len(blocks),
        entrant_count=len(users),
        owners=hexes,
        lasts=lasts,
        owner_index=owner_index,
        taken_at=now,
    )
    snapshots.insert(uow, snapshot)
    snapshots.insert_entrants(
        uow,
        drawing.drawing_id,
        sorted(  # in key order: index-friendly
            zip(users, (salt.hex() for salt in salts), hexes, held, strict=True),
            key=lambda row: row[0],
        ),
    )
    drawings.set_snapshot(uow, drawing.drawing_id, root, now)
    return snapshot
