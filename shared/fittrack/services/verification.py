"""The public proof of a drawing (GET /drawings/{id}/verification).

Open: the seed commitment. Closed: plus the frozen snapshot (every block with its
owner hash; past one page of blocks, where its pages are) and its Merkle root.
Completed: plus the revealed seed, the winners (pick index, ticket, owner hash,
prize) and the next alternates. With a token, the caller also gets their salt and a
Merkle inclusion proof for each of their blocks. scripts/verify_drawing.py recomputes
everything from this document alone (and its block pages).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import uuid
from typing import TYPE_CHECKING

from fittrack.db import UnitOfWork
from fittrack.domain import entries, merkle, selection
from fittrack.domain.drawings import DrawingStatus
from fittrack.domain.winners import WinnerStatus
from fittrack.repositories import drawings, prizes, snapshots, winners
from fittrack.schemas.drawings import (
    BeaconRoundView,
    BlockProof,
    DrawingTerms,
    MyProof,
    ProofStepView,
    SnapshotView,
    Verification,
    VerificationPick,
    VerificationPrize,
)
from fittrack.services import commitments, snapshot_pages
from fittrack.services.drawing_views import public_drawing

if TYPE_CHECKING:
    from fittrack.platform import Platform

ALTERNATES_SHOWN = 5
HOW_TO_VERIFY = (
    "Save this document and run `python scripts/verify_drawing.py FILE` (or "
    "`fittrack verify-drawing URL`); when the snapshot's blocks are in pages "
    "(blockPages), give the URL, or the FILE with `--pages-from https://THE-SITE`. "
    "For fittrack-draw-v2 it checks SHA-256 of the terms against the commitment, the "
    "drand round's BLS signature against the chain the terms name, the seed against the "
    "round's randomness; for fittrack-draw-v1, SHA-256(seed) against the commitment. "
    "Then it rebuilds the Merkle root from the blocks and re-derives every winner and "
    "alternate as described in docs/drawings.md."
)


def verification(
    platform: Platform, drawing_id: uuid.UUID, caller: uuid.UUID | None
) -> Verification:
    user_id = caller
    with platform.db.unit_of_work(readonly=True) as uow:
        drawing = public_drawing(uow, drawing_id)
        snapshot = snapshots.get(uow, drawing.drawing_id)
        return Verification(
            drawing_id=drawing.drawing_id,
            name=drawing.name,
            status=drawing.status,
            # a stored algorithm is v1 or v2; the model refuses anything else
            algorithm=drawing.algorithm or selection.V1,  # type: ignore[arg-type]
            seed_commitment=drawing.seed_commitment,
            terms=DrawingTerms.model_validate(json.loads(drawing.terms)) if drawing.terms else None,
            beacon=_beacon(drawing) if drawing.status == DrawingStatus.COMPLETED else None,
            seed=drawing.seed if drawing.status == DrawingStatus.COMPLETED else None,
            merkle_root=snapshot.merkle_root if snapshot else None,
            entries_head=drawing.entries_head if snapshot else None,
            snapshot=SnapshotView(
                taken_at=snapshot.taken_at,
                total_tickets=snapshot.total_tickets,
                block_count=snapshot.block_count,
                entrant_count=snapshot.entrant_count,
                blocks=snapshot_pages.inline_blocks(snapshot),
                block_pages=snapshot_pages.block_pages(snapshot),
            )
            if snapshot
            else None,
            prizes=[
                VerificationPrize(
                    prize_id=p.prize_id, rank=p.rank, name=p.name, quantity=p.quantity
                )
                for p in prizes.list_for_drawing(uow, drawing.drawing_id)
            ],
            winners=_winners(uow, drawing) if drawing.status == DrawingStatus.COMPLETED else [],
            alternates=(
                _alternates(uow, drawing, snapshot)
                if drawing.status == DrawingStatus.COMPLETED and snapshot
                else []
            ),
            my_entries=(
                _my_proof(uow, drawing, snapshot, user_id) if snapshot and user_id else None
            ),
            how_to_verify=HOW_TO_VERIFY,
        )


def _beacon(drawing: drawings.Drawing) -> BeaconRoundView | None:
    if drawing.beacon_round is None or drawing.beacon_signature is None:
        return None
    return BeaconRoundView(
        round=drawing.beacon_round,
        signature=drawing.beacon_signature,
        previous_signature=drawing.beacon_previous_signature,
        randomness=hashlib.sha256(bytes.fromhex(drawing.beacon_signature)).hexdigest(),
    )


def _winners(uow: UnitOfWork, drawing: drawings.Drawing) -> list[VerificationPick]:
    rows = winners.list_for_drawing(uow, drawing.drawing_id)
    index_of = {w.winner_id: w.draw_index for w in rows}
    owners: dict[uuid.UUID, str] = {}
    for w in rows:
        entrant = snapshots.entrant(uow, drawing.drawing_id, w.user_id)
        owners[w.user_id] = entrant.owner_hash if entrant else ""
    return [
        VerificationPick(
            draw_index=w.draw_index,
            ticket_number=w.ticket_number,
            owner_hash=owners[w.user_id],
            prize_id=w.prize_id,
            status=WinnerStatus(w.status),
            replaces_draw_index=index_of.get(w.replaces_winner_id)
            if w.replaces_winner_id
            else None,
        )
        for w in rows
    ]


def _alternates(
    uow: UnitOfWork, drawing: drawings.Drawing, snapshot: snapshots.Snapshot
) -> list[VerificationPick]:
    """The next picks after the last one used: who a redraw would choose, in order."""
    if drawing.seed is None:
        return []
    used = max(
        (w.draw_index for w in winners.list_for_drawing(uow, drawing.drawing_id)), default=-1
    )
    shown: list[VerificationPick] = []
    for pick in selection.frozen_picks(
        bytes.fromhex(drawing.seed),
        bytes.fromhex(snapshot.merkle_root),
        drawing.drawing_id,
        snapshot.lasts,
        snapshot.owner_index,
        [bytes.fromhex(owner) for owner in snapshot.owners],
        drawing.algorithm or selection.V1,
    ):
        if pick.index > used:
            shown.append(
                VerificationPick(
                    draw_index=pick.index,
                    ticket_number=pick.ticket_number,
                    owner_hash=pick.owner.hex(),
                )
            )
            if len(shown) == ALTERNATES_SHOWN:
                break
    return shown


def my_proof(platform: Platform, drawing_id: uuid.UUID, caller: uuid.UUID) -> MyProof | None:
    """Only the caller's salt and inclusion proofs (None before the snapshot or without
    tickets)."""
    with platform.db.unit_of_work(readonly=True) as uow:
        drawing = public_drawing(uow, drawing_id)
        snapshot = snapshots.get(uow, drawing.drawing_id)
        if snapshot is None:
            return None
        return _my_proof(uow, drawing, snapshot, caller)


def _my_proof(
    uow: UnitOfWork,
    drawing: drawings.Drawing,
    snapshot: snapshots.Snapshot,
    user_id: uuid.UUID,
) -> MyProof | None:
    entrant = snapshots.entrant(uow, drawing.drawing_id, user_id)
    if entrant is None or entrant.owner_hash not in snapshot.owners:
        return None
    mine = snapshot.owners.index(entrant.owner_hash)
    return MyProof(
        owner_salt=entrant.owner_salt,
        owner_hash=entrant.owner_hash,
        blocks=_block_proofs(
            drawing,
            snapshot,
            [k for k, owner in enumerate(snapshot.owner_index) if owner == mine],
        ),
    )


def _block_proofs(
    drawing: drawings.Drawing, snapshot: snapshots.Snapshot, wanted: list[int]
) -> list[BlockProof]:
    """Each wanted block's inclusion proof and chain head, hashing only the chunks of
    blocks that hold them (plus the stored chunk roots and chain marks)."""
    size, roots, marks = _chunks(drawing, snapshot)
    lasts, chained = snapshot.lasts, drawing.entries_head is not None
    proofs: list[BlockProof] = []
    for chunk, held in itertools.groupby(wanted, key=lambda k: k // size):
        leaves = commitments.snapshot_leaves(snapshot, chunk * size, (chunk + 1) * size)
        before = marks[chunk - 1] if chunk else entries.start(drawing.drawing_id)
        heads = entries.heads_after(before, leaves) if chained else []
        for k in held:
            proofs.append(
                BlockProof(
                    first_ticket_number=lasts[k - 1] + 1 if k else 1,
                    last_ticket_number=lasts[k],
                    leaf_index=k,
                    proof=[
                        ProofStepView(side=s.side, hash=s.sibling.hex())
                        for s in merkle.chunked_proof(leaves, k % size, roots, chunk)
                    ],
                    chain_head=heads[k % size].hex() if chained else None,
                )
            )
    return proofs


def _chunks(
    drawing: drawings.Drawing, snapshot: snapshots.Snapshot
) -> tuple[int, list[bytes], list[bytes]]:
    """(blocks per chunk, chunk roots, chain marks) as stored at the close, or worked
    out from every leaf for a snapshot frozen before they were kept."""
    chained = drawing.entries_head is not None
    if (
        snapshot.chunk_leaves
        and snapshot.chunk_roots is not None
        and (snapshot.chain_marks is not None or not chained)
    ):
        return (
            snapshot.chunk_leaves,
            [bytes.fromhex(r) for r in snapshot.chunk_roots],
            [bytes.fromhex(m) for m in snapshot.chain_marks or []],
        )
    size, leaves = merkle.CHUNK_LEAVES, commitments.snapshot_leaves(snapshot)
    marks = entries.final_head_and_marks(drawing.drawing_id, leaves, size)[1] if chained else []
    return size, merkle.chunk_roots(leaves, size), marks
