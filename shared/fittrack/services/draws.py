"""The draw: pick winners from a closed drawing, award them, and redraw forfeited prizes.

A fittrack-draw-v2 drawing is seeded by the drand round fixed at its opening: the
round is fetched and its signature verified before any transaction starts; while
no relay serves it verified the draw waits (BeaconPending, a 409 to an admin; the
lifecycle job asks again every minute). Nothing else ever stands in for it.
Execution is idempotent and crash-safe. Step 1 (one transaction) stores the
verified round (v2) or reveals the seed (v1), derives the picks
(domain/selection.py), writes every winner row and completes the drawing;
nothing of it survives a crash before its commit, and a completed drawing is
never selected again. Step 2 awards each winner in a transaction of
its own: it stamps `notified_at` once, creates the fulfillment (idempotent per
winner) and notifies (idempotent per dedupe key `prize_won:{winner_id}`). Running
`execute` again, or the lifecycle job, finishes whatever step 2 left undone.

Pick k fills prize slot k (prizes by rank, each `quantity` times). A pick whose
member is banned or deleted is recorded as forfeited and its slot goes to the
next unused pick, exactly like a redraw; a member waiting for review is `held`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.adapters.drand import DrandClient
from fittrack.db import UnitOfWork, ids
from fittrack.domain import beacon, selection
from fittrack.domain import drawings as rules
from fittrack.domain.accounts import UserStatus
from fittrack.domain.drawings import DrawingStatus
from fittrack.domain.errors import Conflict, NotFound
from fittrack.domain.winners import WinnerStatus
from fittrack.repositories import audit, drawings, prizes, review_flags, snapshots, users, winners
from fittrack.services import commitments, fulfillment, notifications, transparency

if TYPE_CHECKING:
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.draws")
Checkpoint = Callable[[str], None]
INELIGIBLE = "ineligible"


def _no_checkpoint(step: str) -> None:
    return None


class BeaconPending(Conflict):
    """The drawing's beacon round is not published (or not verifiable) yet."""

    def __init__(self, drawing: drawings.Drawing, due_at: datetime | None) -> None:
        super().__init__(
            f"The draw waits for drand round {drawing.beacon_round}"
            + (f", due at {due_at.isoformat()}." if due_at else "."),
            beaconRound=drawing.beacon_round,
        )
        self.round_number = drawing.beacon_round


def _algorithm(drawing: drawings.Drawing) -> str:
    return selection.V2 if drawing.beacon_round is not None else selection.V1


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


class _Picks:
    """The drawing's pick sequence with each pick's member, computed as far as asked."""

    def __init__(
        self,
        uow: UnitOfWork,
        drawing: drawings.Drawing,
        seed: bytes,
        snapshot: snapshots.Snapshot,
    ) -> None:
        self._uow, self._drawing_id = uow, drawing.drawing_id
        self._iter: Iterator[selection.Pick] = selection.frozen_picks(
            seed,
            bytes.fromhex(snapshot.merkle_root),
            drawing.drawing_id,
            snapshot.lasts,
            snapshot.owner_index,
            [bytes.fromhex(owner) for owner in snapshot.owners],
            _algorithm(drawing),
        )
        self._seen: list[selection.Pick] = []

    def at(self, index: int) -> tuple[selection.Pick, uuid.UUID] | None:
        while len(self._seen) <= index:
            nxt = next(self._iter, None)
            if nxt is None:
                return None
            self._seen.append(nxt)
        pick = self._seen[index]
        owner = pick.owner.hex()
        entrant = snapshots.entrants_by_hash(self._uow, self._drawing_id, [owner]).get(owner)
        if entrant is None:
            raise RuntimeError(f"drawing {self._drawing_id}: no entrant behind {owner}")
        return pick, entrant.user_id


def _standing(uow: UnitOfWork, user_id: uuid.UUID) -> str:
    user = users.get(uow, user_id)
    if user is None or user.deleted_at is not None or user.status == UserStatus.BANNED:
        return INELIGIBLE
    return "held" if review_flags.is_flagged(uow, user_id) else "awarded"


def _winner(
    uow: UnitOfWork,
    drawing_id: uuid.UUID,
    *,
    prize_id: uuid.UUID,
    found: tuple[selection.Pick, uuid.UUID],
    now: datetime,
    replaces: uuid.UUID | None,
) -> winners.Winner:
    pick, user_id = found
    standing = _standing(uow, user_id)
    forfeited = standing == INELIGIBLE
    return winners.Winner(
        winner_id=ids.new_id(),
        drawing_id=drawing_id,
        prize_id=prize_id,
        user_id=user_id,
        ticket_number=pick.ticket_number,
        draw_index=pick.index,
        status="forfeited" if forfeited else standing,
        selected_at=now,
        forfeited_at=now if forfeited else None,
        forfeit_reason=f"{INELIGIBLE}: account banned or closed" if forfeited else None,
        replaces_winner_id=replaces,
    )


def _select(
    uow: UnitOfWork,
    drawing: drawings.Drawing,
    *,
    seed: bytes,
    snapshot: snapshots.Snapshot,
    now: datetime,
) -> list[winners.Winner]:
    sequence = _Picks(uow, drawing, seed, snapshot)
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
            _winner(uow, drawing.drawing_id, prize_id=prize_id, found=found, now=now, replaces=None)
        )
    next_index = len(chosen)
    for original in list(chosen):
        current = original
        while current.status == WinnerStatus.FORFEITED:
            found = sequence.at(next_index)
            if found is None:
                break
            next_index += 1
            current = _winner(
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
        "reason": INELIGIBLE if w.status == WinnerStatus.FORFEITED else None,
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


def _winner_doc(w: winners.Winner, owner: str | None = None) -> dict[str, Any]:
    return {
        "drawIndex": w.draw_index,
        "ticketNumber": w.ticket_number,
        "prizeId": str(w.prize_id),
        "status": w.status,
        "winnerId": str(w.winner_id),
        **({"ownerHash": owner} if owner else {}),
    }


def execute(
    platform: Platform,
    drawing_id: uuid.UUID,
    actor_id: uuid.UUID | None = None,
    checkpoint: Checkpoint = _no_checkpoint,
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
            algorithm = _algorithm(drawing)
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
                    "winners": [_winner_doc(w) for w in chosen],
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
    award_pending(platform, drawing_id, checkpoint)
    with platform.db.unit_of_work(readonly=True) as uow:
        return winners.list_for_drawing(uow, drawing_id)


def award_pending(
    platform: Platform, drawing_id: uuid.UUID | None = None, checkpoint: Checkpoint = _no_checkpoint
) -> int:
    """Award every winner not notified yet (of one drawing, or all); how many were."""
    with platform.db.unit_of_work(readonly=True) as uow:
        pending = [
            w
            for w in winners.pending_awards(uow)
            if drawing_id is None or w.drawing_id == drawing_id
        ]
    done = 0
    for winner in pending:
        with platform.db.unit_of_work() as uow:
            current = winners.get(uow, winner.winner_id)
            drawing = drawings.get(uow, winner.drawing_id)
            if current is not None and drawing is not None:
                done += award(uow, drawing, current, platform.clock())
                checkpoint(f"awarding:{winner.draw_index}")
        checkpoint(f"awarded:{winner.draw_index}")
    return done


def award(
    uow: UnitOfWork, drawing: drawings.Drawing, winner: winners.Winner, now: datetime
) -> bool:
    """Create the fulfillment and tell the winner, once (False when already done)."""
    if not winners.claim_notification(uow, winner.winner_id, now):
        return False
    prize = prizes.get(uow, winner.prize_id)
    if prize is None:
        raise RuntimeError(f"winner {winner.winner_id} has no prize")
    held = winner.status == WinnerStatus.HELD
    fulfillment.create_for_winner(
        uow,
        drawing_id=drawing.drawing_id,
        prize_id=prize.prize_id,
        winner_id=winner.winner_id,
        user_id=winner.user_id,
        held=held,
        now=now,
    )
    claim = (
        "Confirm your delivery email"
        if prize.fulfillment_type == "digital"
        else "Confirm your shipping address"
    )
    body = f"Ticket #{winner.ticket_number} won {prize.name} in {drawing.name}. " + (
        "Your prize is on hold while your account is reviewed."
        if held
        else f"{claim} within 14 days to receive it."
    )
    notifications.notify(
        uow,
        user_id=winner.user_id,
        kind="prize_won",
        title=f"You won {prize.name}!",
        body=body,
        data={
            "drawingId": str(drawing.drawing_id),
            "prizeId": str(prize.prize_id),
            "winnerId": str(winner.winner_id),
            "ticketNumber": winner.ticket_number,
            "held": held,
        },
        email=True,
        now=now,
        dedupe_key=f"prize_won:{winner.winner_id}",
    )
    return True


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
            INELIGIBLE
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
    sequence = _Picks(uow, drawing, bytes.fromhex(drawing.seed), snapshot)
    next_index = max(w.draw_index for w in winners.list_for_drawing(uow, drawing_id)) + 1
    while (found := sequence.at(next_index)) is not None:
        next_index += 1
        new = _winner(
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
                "reason": INELIGIBLE if new.status == WinnerStatus.FORFEITED else None,
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
                before=_winner_doc(old),
                after=_winner_doc(new),
                now=now,
            )
            award(uow, drawing, new, now)
            return winners.get(uow, new.winner_id)
        tail = new
    audit.append(
        uow,
        entity_type="drawing",
        entity_id=drawing_id,
        action="drawing.no_alternate",
        actor_id=None,
        before=_winner_doc(old),
        after={"prizeId": str(prize_id)},
        now=now,
    )
    transparency.record(uow, "drawing.no_alternate", drawing_id, {"prizeId": prize_id.hex}, now)
    return None
