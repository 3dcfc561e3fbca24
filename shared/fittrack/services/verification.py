"""The public proof of a drawing (GET /drawings/{id}/verification).

Open: the seed commitment. Closed: plus the frozen snapshot (every block with its
owner hash) and its Merkle root. Completed: plus the revealed seed, the winners
(pick index, ticket, owner hash, prize) and the next alternates. With a token,
the caller also gets their salt and a Merkle inclusion proof for each of their
blocks. scripts/verify_drawing.py recomputes everything from this document alone.
"""

from __future__ import annotations

import hashlib
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
from fittrack.services import commitments
from fittrack.services.drawing_views import public_drawing

if TYPE_CHECKING:
    from fittrack.platform import Platform

ALTERNATES_SHOWN = 5
HOW_TO_VERIFY = (
    "Save this document and run `python scripts/verify_drawing.py FILE` (or "
    "`fittrack verify-drawing URL`). For fittrack-draw-v2 it checks SHA-256 of the terms "
    "against the commitment, the drand round's BLS signature against the chain the terms "
    "name, the seed against the round's randomness; for fittrack-draw-v1, SHA-256(seed) "
    "against the commitment. Then it rebuilds the Merkle root from the blocks and "
    "re-derives every winner and alternate as described in docs/drawings.md."
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
                blocks=[(int(f), int(last), str(o)) for f, last, o in snapshot.blocks],
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
    for pick in selection.picks(
        bytes.fromhex(drawing.seed),
        bytes.fromhex(snapshot.merkle_root),
        drawing.drawing_id,
        commitments.snapshot_blocks(snapshot),
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
    if entrant is None:
        return None
    leaves = commitments.snapshot_leaves(snapshot)
    tree = merkle.levels(leaves)
    chain = entries.heads(drawing.drawing_id, leaves) if drawing.entries_head else None
    mine = snapshot.owners.index(entrant.owner_hash)
    lasts = snapshot.lasts
    return MyProof(
        owner_salt=entrant.owner_salt,
        owner_hash=entrant.owner_hash,
        blocks=[
            BlockProof(
                first_ticket_number=lasts[i - 1] + 1 if i else 1,
                last_ticket_number=lasts[i],
                leaf_index=i,
                proof=[
                    ProofStepView(side=s.side, hash=s.sibling.hex()) for s in merkle.proof(tree, i)
                ],
                chain_head=chain[i].hex() if chain else None,
            )
            for i, owner in enumerate(snapshot.owner_index)
            if owner == mine
        ],
    )
