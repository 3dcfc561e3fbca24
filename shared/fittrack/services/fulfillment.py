"""Prize fulfillment: the calls other services make, the shared transitions, the daily job.

Other services call, inside their own unit of work:
- `create_for_winner` (the draw, once per winner; idempotent per winner_id),
- `release_held` (the review service, when a flag clears; a ban goes through
  `services.redraws.forfeit_held`).
Admin operations live in services/fulfillment_admin.py, the winner's in
services/my_prizes.py; both go through `transition` below, which enforces the state
machine in domain/fulfillment.py and never loses a concurrent update.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.db import UniqueViolation, UnitOfWork, ids
from fittrack.domain import fulfillment as rules
from fittrack.domain.errors import Conflict, NotFound
from fittrack.repositories import admin_audit, review_flags, winners
from fittrack.repositories import fulfillments as repo
from fittrack.repositories import prizes as prize_repo
from fittrack.services import notifications

if TYPE_CHECKING:
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.fulfillment")


def create_for_winner(
    uow: UnitOfWork,
    *,
    drawing_id: uuid.UUID,
    prize_id: uuid.UUID,
    winner_id: uuid.UUID,
    user_id: uuid.UUID,
    held: bool,
    now: datetime,
) -> uuid.UUID:
    """The winner's fulfillment (made once per winner_id; a re-run returns the same id).

    A held win (flagged winner) stays `pending` without deadlines until the review
    ends; otherwise it starts `winner_notified` with a 'prize_won' notification.
    """
    existing = repo.get_by_winner(uow, winner_id)
    if existing is not None:
        return existing.fulfillment_id
    prize = prize_repo.get(uow, prize_id)
    if prize is None:
        raise NotFound("There is no prize with this id.")
    fulfillment_id = ids.new_id()
    due = None if held else rules.deadlines(now)
    try:
        repo.insert(
            uow,
            fulfillment_id=fulfillment_id,
            winner_id=winner_id,
            user_id=user_id,
            prize_id=prize_id,
            status=rules.PENDING if held else rules.WINNER_NOTIFIED,
            tax_required=rules.tax_info_required(prize.value_usd),
            notified_at=None if held else now,
            warning_due_at=due.warning_due_at if due else None,
            forfeit_due_at=due.forfeit_due_at if due else None,
            now=now,
        )
    except UniqueViolation:  # a concurrent run of the same draw made it first
        again = repo.get_by_winner(uow, winner_id)
        if again is None:
            raise
        return again.fulfillment_id
    admin_audit.record_audit(
        uow,
        entity_type="fulfillment",
        entity_id=fulfillment_id,
        action="fulfillment.created",
        actor_id=None,
        before=None,
        after={
            "status": rules.PENDING if held else rules.WINNER_NOTIFIED,
            "held": held,
            "winnerId": str(winner_id),
            "prizeId": str(prize_id),
            "drawingId": str(drawing_id),
        },
        now=now,
    )
    if not held:
        created = repo.get(uow, fulfillment_id)
        assert created is not None
        tell(uow, created, kind="prize_won", now=now)
    return fulfillment_id


# ---- notifications -----------------------------------------------------------------------


def tell(
    uow: UnitOfWork, f: repo.Fulfillment, *, kind: str, now: datetime, key_suffix: str = ""
) -> None:
    """The winner's notification for `kind`, once per fulfillment (and suffix)."""
    title, body, email = _message(f, kind)
    # prize_won is keyed by winner, as the draw's own notice is: the winner hears it once.
    subject = f.winner_id if kind == "prize_won" else f.fulfillment_id
    notifications.notify(
        uow,
        user_id=f.user_id,
        kind=kind,
        title=title,
        body=body,
        data={
            "fulfillmentId": str(f.fulfillment_id),
            "prizeId": str(f.prize_id),
            "drawingId": str(f.drawing_id),
            "status": f.status,
        },
        email=email,
        now=now,
        dedupe_key=f"{kind}:{subject}{key_suffix}",
    )


def _message(f: repo.Fulfillment, kind: str) -> tuple[str, str, bool]:
    what = f"{f.prize_name} ({f.drawing_name})"
    confirm = (
        "your delivery email" if f.fulfillment_type == "digital" else "your US shipping address"
    )
    deadline = f.forfeit_due_at.date().isoformat() if f.forfeit_due_at else "the deadline"
    messages = {
        "prize_won": (
            "You won a prize!",
            f"Congratulations, you won {what}. Confirm {confirm}"
            f" in My prizes by {deadline} to claim it.",
            True,
        ),
        "forfeit_warning": (
            "Claim your prize",
            f"You have not confirmed {confirm} for {what}."
            f" Confirm it by {deadline} or the prize is forfeited.",
            True,
        ),
        "prize_forfeited": ("Prize forfeited", f"Your prize {what} was forfeited.", True),
        "prize_shipped": (
            "Your prize is on its way",
            f"{what} shipped with {f.carrier}, tracking number {f.tracking_number}.",
            True,
        ),
        "prize_delivered": ("Prize delivered", f"{what} was delivered. Enjoy!", False),
        "system": (
            "Please check your address",
            f"We could not use {confirm} for {what}. Enter it again in My prizes by {deadline}.",
            True,
        ),
    }
    return messages[kind]


# ---- transitions shared by admin, winner and jobs -----------------------------------------


def load(uow: UnitOfWork, fulfillment_id: uuid.UUID) -> repo.Fulfillment:
    found = repo.get(uow, fulfillment_id)
    if found is None:
        raise NotFound("There is no fulfillment with this id.")
    return found


def transition(
    uow: UnitOfWork, f: repo.Fulfillment, *, target: str, changes: dict[str, Any], now: datetime
) -> repo.Fulfillment:
    """Move `f` to `target` (409 problem when the machine forbids it or it changed meanwhile)."""
    rules.check_transition(f.status, target)
    return update_fields(uow, f, {**changes, "status": target}, now)


def update_fields(
    uow: UnitOfWork, f: repo.Fulfillment, changes: dict[str, Any], now: datetime
) -> repo.Fulfillment:
    """Change fields (the status only through `transition`), if `f` is still as read."""
    if not repo.update(uow, f.fulfillment_id, expected_status=f.status, changes=changes, now=now):
        raise Conflict("This fulfillment changed meanwhile; reload it and try again.")
    updated = repo.get(uow, f.fulfillment_id)
    assert updated is not None
    return updated


def forfeit(
    uow: UnitOfWork, f: repo.Fulfillment, *, reason: str, actor_id: uuid.UUID | None, now: datetime
) -> repo.Fulfillment:
    before = f.audit_view()
    done = transition(uow, f, target=rules.FORFEITED, changes={"forfeited_at": now}, now=now)
    winners.mark_forfeited(uow, f.winner_id, reason, now)
    admin_audit.record_audit(
        uow,
        entity_type="fulfillment",
        entity_id=f.fulfillment_id,
        action="fulfillment.forfeited",
        actor_id=actor_id,
        before=before,
        after={**done.audit_view(), "reason": reason},
        now=now,
    )
    tell(uow, done, kind="prize_forfeited", now=now)
    return done


# ---- held wins (the review service) -------------------------------------------------------


def release_held(uow: UnitOfWork, user_id: uuid.UUID, now: datetime) -> int:
    """A review cleared: notify the member of held wins (unless another flag is still open)."""
    uid = user_id
    if review_flags.is_flagged(uow, uid):
        return 0
    released = 0
    for fid in repo.held_for_user(uow, uid, rules.PENDING):
        f = load(uow, fid)
        due = rules.deadlines(now)
        done = transition(
            uow,
            f,
            target=rules.WINNER_NOTIFIED,
            changes={
                "notified_at": now,
                "warning_due_at": due.warning_due_at,
                "forfeit_due_at": due.forfeit_due_at,
            },
            now=now,
        )
        winners.set_status(uow, f.winner_id, "awarded")
        admin_audit.record_audit(
            uow,
            entity_type="fulfillment",
            entity_id=fid,
            action="fulfillment.released",
            actor_id=None,
            before=f.audit_view(),
            after=done.audit_view(),
            now=now,
        )
        tell(uow, done, kind="prize_won", now=now, key_suffix=":released")
        released += 1
    return released


# ---- the daily timeout job ---------------------------------------------------------------


def run_timeouts(platform: Platform, now: datetime | None = None) -> dict[str, int]:
    """Warn at 7 days and forfeit at 14 days without a confirmation; safe to re-run."""
    now = now or platform.clock()
    with platform.db.unit_of_work(readonly=True) as uow:
        due = repo.due_for_timeout(uow, rules.AWAITING_WINNER, now)
    counts = {"warned": 0, "forfeited": 0}
    for fid in due:
        try:
            with platform.db.unit_of_work() as uow:
                action = _timeout_one(uow, fid, now)
        except Conflict:  # changed under us (the winner confirmed meanwhile): next run decides
            continue
        if action:
            counts["warned" if action == "warn" else "forfeited"] += 1
    logger.info("fulfillment timeouts", extra=counts)
    return counts


def _timeout_one(uow: UnitOfWork, fid: uuid.UUID, now: datetime) -> str | None:
    f = load(uow, fid)
    action = rules.timeout_action(
        f.status,
        now,
        warning_due_at=f.warning_due_at,
        warning_sent_at=f.warning_sent_at,
        forfeit_due_at=f.forfeit_due_at,
    )
    if action == "forfeit":
        forfeit(uow, f, reason="not_confirmed_in_14_days", actor_id=None, now=now)
    elif action == "warn":
        done = update_fields(uow, f, {"warning_sent_at": now}, now)
        tell(uow, done, kind="forfeit_warning", now=now, key_suffix=f":{f.forfeit_due_at}")
    return action
