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
import uuid
from dataclasses import dataclass
from datetime import datetime

from fittrack.adapters.crypto import cipher_from_secrets
from fittrack.adapters.secrets import Secrets
from fittrack.db import UnitOfWork
from fittrack.domain import beacon, draw_terms, entries, merkle, merkle_frontier, selection
from fittrack.repositories import drawings, entry_chunks, prizes, snapshots, tickets

_SEED_CONTEXT = b"fittrack-drawing-seed:"
SALT_BYTES = 16


class SnapshotMismatch(RuntimeError):
    """The blocks do not add up to the drawing's ticket total, or do not recompute the
    purchase chain: never draw on that."""


@dataclass(frozen=True, kw_only=True)
class Receipt:
    first: int
    last: int
    owner_hash: str
    leaf: str
    previous_head: str | None  # None: a drawing whose first entries predate the chain
    chain_head: str | None


def _owner(uow: UnitOfWork, drawing_id: uuid.UUID, user_id: uuid.UUID, now: datetime) -> str:
    """The member's owner hash in this drawing, its salt drawn at their first entry."""
    fixed = snapshots.owner_salt(uow, drawing_id, user_id)
    if fixed is not None:
        return fixed[1]
    salt = os.urandom(SALT_BYTES)
    owner = hashlib.sha256(salt + user_id.bytes).hexdigest()
    snapshots.insert_owner_salt(
        uow, drawing_id, user_id, salt=salt.hex(), owner_hash=owner, now=now
    )
    return owner


def record_entry(
    uow: UnitOfWork, drawing_id: uuid.UUID, user_id: uuid.UUID, first: int, last: int, now: datetime
) -> Receipt:
    """Extend the purchase chain with an entry just numbered (under the drawing's lock)."""
    owner = _owner(uow, drawing_id, user_id, now)
    leaf = merkle.leaf_hash(first, last, bytes.fromhex(owner))
    previous, count, frontier = drawings.entries_state(uow, drawing_id)
    if previous is None and first != 1:  # entered before entries were chained
        return Receipt(
            first=first,
            last=last,
            owner_hash=owner,
            leaf=leaf.hex(),
            previous_head=None,
            chain_head=None,
        )
    before = bytes.fromhex(previous) if previous else entries.start(drawing_id)
    head = entries.extend(before, leaf)
    if previous is None:
        count = 0  # the first entry starts the frontier; older chains never had one
    grown = _grow_tree(uow, drawing_id, count, frontier, leaf, head, now)
    drawings.set_entries_state(
        uow,
        drawing_id,
        head.hex(),
        grown.count if grown else None,
        grown.encoded() if grown else "",
    )
    return Receipt(
        first=first,
        last=last,
        owner_hash=owner,
        leaf=leaf.hex(),
        previous_head=before.hex(),
        chain_head=head.hex(),
    )


def _grow_tree(
    uow: UnitOfWork,
    drawing_id: uuid.UUID,
    count: int | None,
    frontier: str,
    leaf: bytes,
    head: bytes,
    now: datetime,
) -> merkle_frontier.Frontier | None:
    """Append the entry's leaf to the drawing's Merkle frontier, storing the root of a
    chunk it completes; None for a drawing whose frontier was never kept."""
    if count is None:
        return None
    grown, chunk_root = merkle_frontier.append(
        merkle_frontier.Frontier.decoded(count, frontier), leaf
    )
    if chunk_root is not None:
        entry_chunks.insert(
            uow,
            drawing_id,
            grown.count // merkle.CHUNK_LEAVES - 1,
            merkle_root=chunk_root.hex(),
            chain_head=head.hex(),
            now=now,
        )
    return grown


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


def snapshot_leaves(
    snapshot: snapshots.Snapshot, start: int = 0, stop: int | None = None
) -> list[bytes]:
    """The Merkle leaves of blocks start..stop straight from the stored snapshot."""
    lasts, owners = snapshot.lasts, snapshot.owners
    stop = len(lasts) if stop is None else min(stop, len(lasts))
    return merkle.leaf_hashes(
        (lasts[k - 1] + 1 if k else 1, lasts[k], bytes.fromhex(owners[snapshot.owner_index[k]]))
        for k in range(start, stop)
    )


def _owners_of(rows: list[tuple[int, int, bytes]]) -> tuple[list[bytes], list[int]]:
    """(members in order of first appearance, each block's member index)."""
    position: dict[bytes, int] = {}
    owner_index = [position.setdefault(user, len(position)) for _, _, user in rows]
    return list(position), owner_index


def _chunk_roots(
    uow: UnitOfWork, drawing: drawings.Drawing, leaves: list[bytes], marks: list[bytes]
) -> list[bytes]:
    """The snapshot's chunk roots: those its purchases stored, when there is one for each
    full chunk standing exactly where the recomputed chain passed, and the last partial
    chunk hashed now; otherwise (entries older than the frontier) every chunk hashed."""
    chunk = merkle.CHUNK_LEAVES
    full = len(leaves) // chunk
    stored = entry_chunks.roots_and_heads(uow, drawing.drawing_id)
    kept = (
        drawing.entry_count == len(leaves)
        and [index for index, _, _ in stored] == list(range(full))
        and [head for _, _, head in stored] == [mark.hex() for mark in marks]
    )
    if not kept:
        return merkle.chunk_roots(leaves, chunk)
    rest = merkle.chunk_roots(leaves[full * chunk :], chunk)
    return [bytes.fromhex(root) for _, root, _ in stored] + rest


def freeze(uow: UnitOfWork, drawing: drawings.Drawing, now: datetime) -> snapshots.Snapshot:
    """Freeze (once) the snapshot of a drawing whose sales have just closed."""
    existing = snapshots.get(uow, drawing.drawing_id)
    if existing is not None:
        return existing
    rows = tickets.snapshot_rows(uow, drawing.drawing_id)
    users, owner_index = _owners_of(rows)
    fixed = snapshots.owner_salts(uow, drawing.drawing_id)
    # Salts were drawn at each member's first entry; only entries made before entries
    # were chained (fittrack-draw-v1 drawings) get one now.
    salts = [fixed[u] if u in fixed else os.urandom(SALT_BYTES) for u in users]
    owners = [hashlib.sha256(salt + user).digest() for salt, user in zip(salts, users, strict=True)]
    unsalted = [
        (user, salt.hex(), owner.hex())
        for user, salt, owner in zip(users, salts, owners, strict=True)
        if user not in fixed
    ]
    try:
        total = selection.check_blocks(rows)
    except ValueError as gap:
        raise SnapshotMismatch(f"drawing {drawing.drawing_id}: {gap}") from gap
    current = drawings.get(uow, drawing.drawing_id)
    if current is None or total != current.total_tickets:
        raise SnapshotMismatch(f"drawing {drawing.drawing_id}: blocks hold {total} tickets")
    leaf_hashes = merkle.leaf_hashes(
        (first, last, owners[i]) for (first, last, _), i in zip(rows, owner_index, strict=True)
    )
    chunk = merkle.CHUNK_LEAVES
    head, marks = entries.final_head_and_marks(drawing.drawing_id, leaf_hashes, chunk)
    if current.entries_head is not None and head.hex() != current.entries_head:
        raise SnapshotMismatch(
            f"drawing {drawing.drawing_id}: the snapshot does not recompute the purchase chain"
        )
    chunk_roots = _chunk_roots(uow, current, leaf_hashes, marks)
    root = merkle.root(chunk_roots).hex()
    hexes = [owner.hex() for owner in owners]
    snapshot = snapshots.Snapshot(
        drawing_id=drawing.drawing_id,
        merkle_root=root,
        total_tickets=total,
        block_count=len(rows),
        entrant_count=len(users),
        owners=hexes,
        lasts=[last for _, last, _ in rows],
        owner_index=owner_index,
        taken_at=now,
        chunk_leaves=chunk,
        chunk_roots=[r.hex() for r in chunk_roots],
        chain_marks=[m.hex() for m in marks] if current.entries_head is not None else None,
    )
    snapshots.insert(uow, snapshot)
    snapshots.insert_owner_salts(uow, drawing.drawing_id, unsalted, now)
    drawings.set_snapshot(uow, drawing.drawing_id, root, now)
    return snapshot
