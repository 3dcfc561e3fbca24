"""The draw: pick winners from a closed drawing, award them, and redraw forfeited prizes.

A fittrack-draw-v2 drawing is seeded by the drand round fixed at its opening: the
round is fetched and its signature verified before any transaction starts; while
no relay serves it verified the draw waits (BeaconPending, a 409 to an admin; the
lifecycle job asks again every minute). Nothing else ever stands in for it.
Execution is idempotent and crash-safe. Step 1 (one transaction) stores the
verified round (v2) or reveals the seed (v1), derives the picks
(domain/selection.py), writes every winner row and completes the drawing;
nothing of it survives a crash before its commit, and a completed drawing is
never selected again. Step 2 awards each winner in a transaction of its own
(services/awards.py). Running `execute` again, or the lifecycle job, finishes
whatever step 2 left undone. The pick sequence and the winner rows it makes are in
services/draw_picks.py.

Pick k fills prize slot k (prizes by rank, each `quantity` times). A pick whose
member is banned or deleted is recorded as forfeited and its slot goes to the
next unused pick, exactly like a redraw; a member waiting for review is `held`.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.adapters.drand import DrandClient
from fittrack.db import UnitOfWork
from fittrack.domain import beacon
from fittrack.domain import drawings as rules
from fittrack.domain.drawings import DrawingStatus
from fittrack.domain.errors import Conflict, NotFound
from fittrack.domain.winners import WinnerStatus
from fittrack.repositories import audit, drawings, prizes, snapshots, winners
from fittrack.services import awards, commitments, draw_picks, transparency
from fittrack.services.awards import Checkpoint, no_checkpoint

if TYPE_CHECKING:
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.draws")


class BeaconPending(Conflict):
    """The drawing's beacon round is not published (or not verifiable) yet."""

    def __init__(self, drawing: drawings.Drawing, due_at: datetime | None) -> None:
        super().__init__(
            f"The draw waits for drand round {drawing.beacon_round}"
            + (f", due at {due_at.isoformat()}." if due_at else "."),
            beaconRound=drawing.beacon_round,
        )
        self.round_number = drawing.beacon_round


def _verified_round(platform: Platform, drawing: drawings.Drawing) -> beacon.Round:
    """The drawing's beacon round, verified against the chain it committed to."""
    assert drawing.beacon_round is not None and drawing.beacon_chain_hash is not None
    client = platform.beacon
    if client.chain_hash != drawing.beacon_chain_hash:  # the configured chain changed since
        client = DrandClient(platform.settings.beacon_relays, drawing.beacon_chain_hash)
    found = client.round(drawing.beacon_round)
    if found is None:
        info = client.info()
        raise BeaconPending(drawing, beacon.round_time(info, drawing.beacon_round))
    return found


def _select(
    uow: UnitOfWork,
    drawing: drawings.Drawing,
    *,
    seed: bytes,
    snapshot: snapshots.Snapshot,
    now: datetime,
) -> list[winners.Winner]:
    sequence = draw_picks.PickSequence(uow, drawing, seed, snapshot)
    slots = [
        p.prize_id
        for p in prizes.list_for_drawing(uow, drawing.drawing_id)
        for _ in range(p.quantity)
    ]
    chosen: list[winners.Winner] = []
    for index, prize_id in enumerate(slots):
        found = sequence.at(index)
        if found is None:
            break
        chosen.append(
            draw_picks.winner_row(
                uow, drawing.drawing_id, prize_id=prize_id, found=found, now=now, replaces=None
            )
        )
    next_index = len(chosen)
    for original in list(chosen):
        current = original
        while current.status == WinnerStatus.FORFEITED:
            found = sequence.at(next_index)
            if found is None:
                break
            next_index += 1
            current = draw_picks.winner_row(
                uow,
                drawing.drawing_id,
                prize_id=current.prize_id,
                found=found,
                now=now,
                replaces=current.winner_id,
            )
            chosen.append(current)
    for winner in chosen:
        winners.insert(uow, winner)
    return chosen


def _log_pick(w: winners.Winner, chosen: list[winners.Winner]) -> dict[str, Any]:
    index_of = {c.winner_id: c.draw_index for c in chosen}
    return {
        "drawIndex": w.draw_index,
        "ticketNumber": w.ticket_number,
        "prizeId": w.prize_id.hex,
        "status": w.status,
        "reason": draw_picks.INELIGIBLE if w.status == WinnerStatus.FORFEITED else None,
        "replacesDrawIndex": index_of.get(w.replaces_winner_id) if w.replaces_winner_id else None,
    }


def _round_columns(found: beacon.Round) -> dict[str, Any]:
    return {
        "beacon_signature": found.signature.hex(),
        "beacon_previous_signature": (
            found.previous_signature.hex() if found.previous_signature is not None else None
        ),
    }


def _round_doc(found: beacon.Round) -> dict[str, Any]:
    return {
        "round": found.number,
        "signature": found.signature.hex(),
        "randomness": found.randomness.hex(),
    }


def execute(
    platform: Platform,
    drawing_id: uuid.UUID,
    actor_id: uuid.UUID | None = None,
    checkpoint: Checkpoint = no_checkpoint,
) -> list[winners.Winner]:
    """Draw a closed drawing (or finish awarding a completed one); its winner rows."""
    with platform.db.unit_of_work(readonly=True) as uow:
        before = drawings.get(uow, drawing_id)
    round_ = (
        _verified_round(platform, before)
        if before is not None
        and before.status == DrawingStatus.CLOSED
        and before.beacon_round is not None
        else None
    )
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        drawing = drawings.get(uow, drawing_id, lock=True)
        if drawing is None:
            raise NotFound("There is no drawing with this id.")
        if drawing.status == DrawingStatus.CLOSED:
            if drawing.beacon_round is not None and round_ is None:
                raise Conflict("The drawing changed while it was being drawn.")
            snapshot = snapshots.get(uow, drawing_id) or commitments.freeze(uow, drawing, now)
            seed = round_.randomness if round_ else commitments.reveal(platform.secrets, drawing)
            algorithm = draw_picks.algorithm(drawing)
            chosen = _select(uow, drawing, seed=seed, snapshot=snapshot, now=now)
            if not drawings.move(
                uow,
                drawing_id,
                from_statuses=[DrawingStatus.CLOSED],
                to_status=DrawingStatus.COMPLETED,
                now=now,
                seed=seed.hex(),
                algorithm=algorithm,
                executed_at=now,
                **(_round_columns(round_) if round_ else {}),
            ):
                raise Conflict("The drawing changed while it was being drawn.")
            audit.append(
                uow,
                entity_type="drawing",
                entity_id=drawing_id,
                action="drawing.executed",
                actor_id=actor_id,
                before={"status": "closed"},
                after={
                    "status": "completed",
                    "seed": seed.hex(),
                    "algorithm": algorithm,
                    **({"beacon": _round_doc(round_)} if round_ else {}),
                    "merkleRoot": snapshot.merkle_root,
                    "totalTickets": snapshot.total_tickets,
                    "winners": [draw_picks.winner_doc(w) for w in chosen],
                },
                now=now,
            )
            transparency.record(
                uow,
                "drawing.executed",
                drawing_id,
                {
                    "algorithm": algorithm,
                    "seed": seed.hex(),
                    "beaconRound": round_.number if round_ else None,
                    "picks": [_log_pick(w, chosen) for w in chosen],
                },
                now,
            )
            checkpoint("selected")
        elif drawing.status != DrawingStatus.COMPLETED:
            raise Conflict(
                str(rules.IllegalDrawingTransition("execute", drawing.status)),
                currentStatus=drawing.status,
            )
    checkpoint("committed")
    awards.award_pending(platform, drawing_id, checkpoint)
    with platform.db.unit_of_work(readonly=True) as uow:
        return winners.list_for_drawing(uow, drawing_id)


def redraw(
    uow: UnitOfWork,
    drawing_id: uuid.UUID,
    *,
    prize_id: uuid.UUID,
    forfeited_winner_id: uuid.UUID,
    now: datetime,
) -> winners.Winner | None:
    """Give a forfeited prize to the next ordered alternate, in the caller's transaction.

    Marks the forfeited winner forfeited (if not yet), takes the next unused pick of
    the same seed and snapshot (members drawn before are skipped by construction;
    banned or deleted alternates are recorded as forfeited and passed over), writes
    the new winner (held when under review), creates its fulfillment and notifies it.
    Idempotent: asked again for the same forfeited winner, it returns the replacement
    already drawn. None when no alternate is left.
    """
    drawing = drawings.get(uow, drawing_id, lock=True)
    old = winners.get(uow, forfeited_winner_id)
    if drawing is None or old is None or old.drawing_id != drawing_id:
        raise NotFound("There is no such winner in this drawing.")
    if old.prize_id != prize_id:
        raise Conflict("That winner did not win this prize.")
    if drawing.status != DrawingStatus.COMPLETED or drawing.seed is None:
        raise Conflict("Only a completed drawing can be redrawn.")
    tail, nxt = old, winners.replacement_of(uow, old.winner_id)
    while nxt is not None:
        if nxt.status != WinnerStatus.FORFEITED or not (nxt.forfeit_reason or "").startswith(
            draw_picks.INELIGIBLE
        ):
            return nxt
        tail, nxt = nxt, winners.replacement_of(uow, nxt.winner_id)
    winners.mark_forfeited(uow, old.winner_id, "forfeited", now)
    transparency.record(
        uow,
        "drawing.forfeited",
        drawing_id,
        {"drawIndex": old.draw_index, "reason": "forfeited"},
        now,
    )
    snapshot = snapshots.get(uow, drawing_id)
    if snapshot is None:
        raise RuntimeError(f"completed drawing {drawing_id} has no snapshot")
    sequence = draw_picks.PickSequence(uow, drawing, bytes.fromhex(drawing.seed), snapshot)
    next_index = max(w.draw_index for w in winners.list_for_drawing(uow, drawing_id)) + 1
    while (found := sequence.at(next_index)) is not None:
        next_index += 1
        new = draw_picks.winner_row(
            uow, drawing_id, prize_id=prize_id, found=found, now=now, replaces=tail.winner_id
        )
        winners.insert(uow, new)
        transparency.record(
            uow,
            "drawing.redrawn",
            drawing_id,
            {
                "drawIndex": new.draw_index,
                "ticketNumber": new.ticket_number,
                "replacesDrawIndex": tail.draw_index,
                "status": new.status,
                "reason": draw_picks.INELIGIBLE if new.status == WinnerStatus.FORFEITED else None,
            },
            now,
        )
        if new.status != WinnerStatus.FORFEITED:
            audit.append(
                uow,
                entity_type="drawing_winner",
                entity_id=new.winner_id,
                action="drawing.redrawn",
                actor_id=None,
                before=draw_picks.winner_doc(old),
                after=draw_picks.winner_doc(new),
                now=now,
            )
            awards.award(uow, drawing, new, now)
            return winners.get(uow, new.winner_id)
        tail = new
    audit.append(
        uow,
        entity_type="drawing",
        entity_id=drawing_id,
        action="drawing.no_alternate",
        actor_id=None,
        before=draw_picks.winner_doc(old),
        after={"prizeId": str(prize_id)},
        now=now,
    )
    transparency.record(uow, "drawing.no_alternate", drawing_id, {"prizeId": prize_id.hex}, now)
    return None
