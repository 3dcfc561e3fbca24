"""Ingestion: normalised activities in, points paid exactly once.

`ingest(platform, user_id, activities)` is the one entry point (tracker sync, the
local /_dev/activities route, seeds and tests). In one transaction it:

1. stores the activities: a new (source, externalId) is inserted, a known one is
   replaced when its content changed (a provider's growing daily total);
2. re-runs cross-source de-duplication around the touched program days;
3. recomputes every touched day (and later days whose streak bonus moves) with
   the pure rules in `domain.points` / `domain.streaks`;
4. pays each day the difference between what it is worth now and what it was
   already paid (`daily_points.total_paid`), as one `earn` ledger entry keyed by
   `daily:{user}:{day}:{new total}`, so a re-delivery can never pay twice.

Only an active (not suspended, not deleted) member with a complete profile earns,
and only for days from the later of the day the profile was completed and the day
the last suspension ended. Everyone's activities are stored and their days valued;
a day that did not pay is paid in full by the next ingest touching it once the
member is eligible and the day is on or after that first earning day.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from typing import Any, cast

from fittrack.clock import program_day, utc_now
from fittrack.db import UnitOfWork, ids
from fittrack.domain import activities as rules
from fittrack.domain import streaks
from fittrack.domain.accounts import UserStatus
from fittrack.domain.activities import Activity, Candidate
from fittrack.domain.errors import FieldError, NotFound, ValidationFailed
from fittrack.domain.points import DayTally, day_value, payment_due, tally
from fittrack.domain.settlement import DayPayment, IngestResult
from fittrack.repositories import activities as store
from fittrack.repositories import daily_points, earning, leaderboard_totals, ledger
from fittrack.repositories.daily_points import DailyPoints

ONE_DAY = timedelta(days=1)
UowFactory = Callable[[], AbstractContextManager[UnitOfWork]]


def ingest(
    platform_or_uow_factory: Any,
    user_id: uuid.UUID,
    activities: Iterable[Activity],
    *,
    now: datetime | None = None,
) -> IngestResult:
    """Store, de-duplicate and pay; one transaction. `platform_or_uow_factory` is a
    Platform (its database and clock; the leaderboards are then updated after the
    commit) or a callable returning a write unit of work.

    Raises ValidationFailed (400) for invalid activities, NotFound for an unknown member.
    """
    platform = platform_or_uow_factory if hasattr(platform_or_uow_factory, "db") else None
    if platform is not None:
        factory: UowFactory = platform.db.unit_of_work
        now = now or platform.clock()
    else:
        factory = platform_or_uow_factory
        now = now or utc_now()
    batch = validated(activities, now)
    with factory() as uow:
        result = ingest_in(uow, user_id, batch, now)
    if platform is not None and result.paid_days:
        # Committed: move the member on the cached leaderboards (best effort; the
        # refresh job repairs anything missed).
        from fittrack.services.leaderboard_boards import apply_ingest

        apply_ingest(platform, result.user_id, result)
    return result


def validated(activities: Iterable[Activity], now: datetime) -> list[Activity]:
    """The batch with repeats of one record collapsed (the last wins), or a 400 problem."""
    batch = list(activities)
    try:
        rules.check(batch, now)
    except rules.InvalidActivities as invalid:
        raise ValidationFailed(
            [
                FieldError(f"activities.{p.index}.{_camel(p.field)}", p.message)
                for p in invalid.problems
            ]
        ) from None
    return rules.latest_per_record(batch)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def ingest_in(
    uow: UnitOfWork, user_id: uuid.UUID, batch: Sequence[Activity], now: datetime
) -> IngestResult:
    """`ingest` inside the caller's unit of work (e.g. a sync job recording its run);
    `batch` must come from `validated`."""
    ctx = earning.load(uow, user_id)
    if ctx is None:
        raise NotFound("There is no member with this id.")
    uid = ctx.user_id
    existing = store.find_by_external_ids(uow, uid, ((a.source, a.external_id) for a in batch))
    new: list[store.NewRecord] = []
    changed: list[store.NewRecord] = []
    batch_ids: list[uuid.UUID] = []
    days: set[date] = set()
    unchanged = 0
    for activity in batch:
        day = program_day(activity.start_time)
        days.add(day)
        old = existing.get((activity.source, activity.external_id))
        connection = ctx.connections.get(activity.source)
        if old is None:
            new.append(store.NewRecord(ids.new_id(), activity, day, connection))
            batch_ids.append(new[-1].activity_id)
            continue
        batch_ids.append(old.activity_id)
        if rules.same_content(old.activity, activity):
            unchanged += 1
        else:
            changed.append(store.NewRecord(old.activity_id, activity, day, connection))
            days.add(old.program_day)
    store.insert_many(uow, uid, new, now)
    store.replace_many(uow, uid, changed, now)
    payments, duplicate_ids = _settle(uow, ctx, days, now) if days else ([], set())
    balance = (ledger.balances(uow, uid) or (0, 0))[0]
    first_day = earning_from(ctx)
    return IngestResult(
        user_id=uid,
        eligible=first_day is not None,
        earning_from=first_day,
        received=len(batch),
        stored=len(new),
        replaced=len(changed),
        unchanged=unchanged,
        duplicates=sum(1 for activity_id in batch_ids if activity_id in duplicate_ids),
        days=tuple(payments),
        balance=balance,
    )


def earning_from(ctx: earning.EarningContext) -> date | None:
    """The first program day the member earns for, or None while they cannot earn.

    A member whose profile was completed at 00:05 ET earns from that day on: a 7-day
    backfill pays only the five minutes of it (docs/points.md, "Who earns")."""
    if ctx.status != UserStatus.ACTIVE or ctx.deleted or ctx.profile_completed_at is None:
        return None
    first = program_day(ctx.profile_completed_at)
    if ctx.reactivated_at is not None:
        first = max(first, program_day(ctx.reactivated_at))
    return first


def _settle(
    uow: UnitOfWork, ctx: earning.EarningContext, days: set[date], now: datetime
) -> tuple[list[DayPayment], set[uuid.UUID]]:
    """De-duplicate around `days`, recompute them (and later days whose streak bonus
    moves) and pay what is due. Returns the payments and the duplicate ids."""
    uid = ctx.user_id
    stored = store.between_days(uow, uid, first=min(days) - ONE_DAY, last=max(days) + ONE_DAY)
    decision = cast(
        dict[uuid.UUID, uuid.UUID | None],
        rules.deduplicate(
            (
                Candidate(s.activity_id, s.activity, s.received_at, s.activity_id.hex)
                for s in stored
            ),
            ctx.primary_source,
        ),
    )
    moved = [
        (s.activity_id, decision[s.activity_id])
        for s in stored
        if decision[s.activity_id] != s.superseded_by
        or s.is_duplicate != (decision[s.activity_id] is not None)
    ]
    if moved:
        store.set_duplicates(uow, moved, now)
        changed_ids = {activity_id for activity_id, _ in moved}
        days |= {s.program_day for s in stored if s.activity_id in changed_ids}
    kept: dict[date, list[Activity]] = {}
    for s in stored:
        if decision[s.activity_id] is None:
            kept.setdefault(s.program_day, []).append(s.activity)
    payments = _recompute(uow, ctx, days=days, kept=kept, now=now)
    leaderboard_totals.recount(uow, uid, (payment.program_day for payment in payments))
    duplicates = {s.activity_id for s in stored if decision[s.activity_id] is not None}
    return payments, duplicates


def _recompute(
    uow: UnitOfWork,
    ctx: earning.EarningContext,
    *,
    days: set[date],
    kept: dict[date, list[Activity]],
    now: datetime,
) -> list[DayPayment]:
    uid = ctx.user_id
    first, last_touched = min(days), max(days)
    rows = {row.program_day: row for row in daily_points.since(uow, uid, first)}
    run = streaks.run_before(first, daily_points.active_days_before(uow, uid, first))
    first_paid = earning_from(ctx)
    payments: list[DayPayment] = []
    day, last = first, max(last_touched, max(rows, default=first))
    while day <= last:
        row = rows.get(day)
        if day in days:
            day_tally = tally(kept.get(day, ()))
            run = run + 1 if day_tally.is_active else 0
            payment = _pay(
                uow,
                uid,
                day=day,
                day_tally=day_tally,
                streak_bonus=streaks.pays_bonus(run),
                row=row,
                earning_from=first_paid,
                now=now,
            )
            payments.append(payment)
        else:
            active = row is not None and row.active_day
            run = run + 1 if active else 0
            if row is not None and (row.streak_points > 0) != streaks.pays_bonus(run):
                # A late change earlier in the run moved where its 7th days fall.
                day_activities = [
                    s.activity
                    for s in store.between_days(uow, uid, first=day, last=day, kept_only=True)
                ]
                payments.append(
                    _pay(
                        uow,
                        uid,
                        day=day,
                        day_tally=tally(day_activities),
                        streak_bonus=streaks.pays_bonus(run),
                        row=row,
                        earning_from=first_paid,
                        now=now,
                    )
                )
            if day > last_touched and not active:
                break
        day += ONE_DAY
    return payments


def _pay(
    uow: UnitOfWork,
    uid: uuid.UUID,
    *,
    day: date,
    day_tally: DayTally,
    streak_bonus: bool,
    row: DailyPoints | None,
    earning_from: date | None,
    now: datetime,
) -> DayPayment:
    value = day_value(day_tally, streak_bonus)
    paid = row.total_paid if row else 0
    eligible = earning_from is not None and day >= earning_from
    due = payment_due(value.total, paid) if eligible else 0
    entry_id: uuid.UUID | None = None
    reached = row.first_reached_at if row else None
    if due:
        total = paid + due
        entry = ledger.post_entry(
            uow,
            uid,
            entry_type="earn",
            amount=due,
            reason=f"Points for {day.isoformat()} ({total} of the day)",
            reference_type="daily_points",
            reference_id=None,
            idempotency_key=f"daily:{uid}:{day.isoformat()}:{total}",
            created_by=None,
            now=now,
        )
        if entry is None or entry.replayed:
            raise RuntimeError(f"daily points for {day} disagree with the ledger")
        entry_id, paid, reached = entry.entry_id, total, now
    if due or (row is None and day_tally != DayTally()) or (row and not row.same_value(value)):
        daily_points.save(
            uow, uid, day=day, value=value, total_paid=paid, first_reached_at=reached, now=now
        )
    return DayPayment(
        program_day=day,
        points_paid=due,
        total_paid=paid,
        day_value=value.total,
        active_day=value.active_day,
        first_reached_at=reached,
        entry_id=entry_id,
    )
