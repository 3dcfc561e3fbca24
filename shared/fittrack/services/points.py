"""A member's points: balance, ledger, today's progress against the caps, streak;
and the admin adjustment (the only manual way to change a balance)."""

from __future__ import annotations

import math
import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING

from fittrack.clock import program_day, start_of_day_utc
from fittrack.db import ids
from fittrack.domain import points as rules
from fittrack.domain import streaks
from fittrack.domain.calendar import require_day_range
from fittrack.domain.errors import DomainError, ErrorKind, NotFound
from fittrack.repositories import activities, admin_audit, daily_points, earning, ledger
from fittrack.schemas.base import Pagination
from fittrack.schemas.points import (
    AdjustmentView,
    DailyProgress,
    LedgerEntryView,
    MinutesProgress,
    PointsBalance,
    StepGoalProgress,
    StepsProgress,
    StreakProgress,
    StreakView,
    TransactionList,
    TransactionsQuery,
    WorkoutProgress,
)
from fittrack.services import ingest

if TYPE_CHECKING:
    from fittrack.platform import Platform

# How far back streak views look (one indexed range read).
STREAK_WINDOW = timedelta(days=400)


class InsufficientPoints(DomainError):
    kind = ErrorKind.INVALID
    code = "insufficient-points"
    title = "Not enough points"


def pagination(page: int, limit: int, total: int) -> Pagination:
    return Pagination(
        page=page,
        limit=limit,
        total_items=total,
        total_pages=math.ceil(total / limit) if total else 0,
    )


def entry_view(entry: ledger.LedgerEntry) -> LedgerEntryView:
    return LedgerEntryView(
        entry_id=entry.entry_id,
        entry_type=entry.entry_type,
        amount=entry.amount,
        balance_after=entry.balance_after,
        reason=entry.reason,
        reference_type=entry.reference_type,
        reference_id=entry.reference_id,
        created_at=entry.created_at,
    )


def balance(platform: Platform, user_id: uuid.UUID) -> PointsBalance:
    now = platform.clock()
    with platform.db.unit_of_work(readonly=True) as uow:
        found = ledger.balances(uow, user_id)
        if found is None:
            raise NotFound("There is no member with this id.")
        today = daily_points.get(uow, user_id, program_day(now))
        context = earning.load(uow, user_id, lock=False)
    return PointsBalance(
        balance=found[0],
        lifetime_points=found[1],
        points_today=today.total_paid if today else 0,
        daily_cap=rules.DAILY_CAP,
        earning_from=ingest.earning_from(context) if context else None,
        as_of=now,
    )


def transactions(
    platform: Platform, user_id: uuid.UUID, query: TransactionsQuery
) -> TransactionList:
    """The member's ledger, newest first; dates are program days (America/New_York)."""
    require_day_range(query.start_date, query.end_date)
    since = start_of_day_utc(query.start_date) if query.start_date else None
    until = start_of_day_utc(query.end_date + timedelta(days=1)) if query.end_date else None
    with platform.db.unit_of_work(readonly=True) as uow:
        entries, total = ledger.list_page(
            uow,
            user_id,
            since=since,
            until=until,
            entry_type=query.type,
            limit=query.limit,
            offset=(query.page - 1) * query.limit,
        )
    return TransactionList(
        transactions=[entry_view(e) for e in entries],
        pagination=pagination(query.page, query.limit, total),
    )


def daily(platform: Platform, user_id: uuid.UUID, day: date | None = None) -> DailyProgress:
    """A program day's points by source against each cap (today by default)."""
    day = day or program_day(platform.clock())
    with platform.db.unit_of_work(readonly=True) as uow:
        row = daily_points.get(uow, user_id, day)
        kept = [
            s.activity
            for s in activities.between_days(uow, user_id, first=day, last=day, kept_only=True)
        ]
        active = daily_points.active_days(uow, user_id, day - STREAK_WINDOW, day)
    tally = rules.tally(kept)
    minutes_points = row.minutes_points if row else 0
    split = rules.minutes_points_by_intensity(tally, minutes_points)
    value = row.value if row else 0
    paid = row.total_paid if row else 0
    steps_points = row.steps_points if row else 0
    workout_points = row.workout_points if row else 0
    streak_points = row.streak_points if row else 0
    return DailyProgress(
        program_day=day,
        daily_cap=rules.DAILY_CAP,
        day_value=value,
        points_paid=paid,
        remaining=max(0, rules.DAILY_CAP - max(value, paid)),
        active_day=tally.is_active,
        active_minutes_for_active_day=streaks.ACTIVE_DAY_MINUTES,
        steps=StepsProgress(
            steps=tally.steps,
            counted_steps=min(tally.steps, rules.STEPS_CAP),
            steps_cap=rules.STEPS_CAP,
            points=steps_points,
            cap=rules.STEPS_POINTS_CAP,
            remaining=rules.STEPS_POINTS_CAP - steps_points,
        ),
        active_minutes=MinutesProgress(
            light_minutes=tally.light_minutes,
            moderate_minutes=tally.moderate_minutes,
            vigorous_minutes=tally.vigorous_minutes,
            active_minutes=tally.active_minutes,
            light_points=split["light"],
            moderate_points=split["moderate"],
            vigorous_points=split["vigorous"],
            points=minutes_points,
        ),
        workouts=WorkoutProgress(
            workouts=tally.workouts,
            qualifying_workouts=tally.qualifying_workouts,
            bonuses=row.workout_bonuses if row else 0,
            max_bonuses=rules.MAX_WORKOUT_BONUSES,
            min_minutes=rules.WORKOUT_MIN_MINUTES,
            points=workout_points,
            cap=rules.WORKOUT_POINTS_CAP,
            remaining=rules.WORKOUT_POINTS_CAP - workout_points,
        ),
        step_goal=StepGoalProgress(
            goal=rules.STEP_GOAL,
            reached=tally.steps >= rules.STEP_GOAL,
            points=row.step_goal_points if row else 0,
            cap=rules.STEP_GOAL_BONUS,
        ),
        streak=StreakProgress(
            streak_days=streaks.current_streak(active, day),
            earned_today=streak_points > 0,
            points=streak_points,
            cap=rules.STREAK_BONUS,
        ),
    )


def streak(platform: Platform, user_id: uuid.UUID) -> StreakView:
    now = platform.clock()
    today = program_day(now)
    with platform.db.unit_of_work(readonly=True) as uow:
        active = daily_points.active_days(uow, user_id, today - STREAK_WINDOW, today)
        row = daily_points.get(uow, user_id, today)
    current = streaks.current_streak(active, today)
    bonus_days = streaks.bonus_days(active)
    return StreakView(
        current_streak=current,
        active_today=bool(row and row.active_day),
        active_minutes_today=row.active_minutes if row else 0,
        active_minutes_needed=streaks.ACTIVE_DAY_MINUTES,
        streak_length=streaks.STREAK_LENGTH,
        bonus_points=rules.STREAK_BONUS,
        days_to_next_bonus=streaks.days_to_next_bonus(current),
        longest_streak=streaks.longest_run(active),
        last_bonus_day=bonus_days[-1] if bonus_days else None,
        as_of=now,
    )


def adjust_points(
    platform: Platform, admin_id: uuid.UUID, *, user_id: uuid.UUID, amount: int, reason: str
) -> AdjustmentView:
    """Credit (amount > 0) or debit (amount < 0) a member; never below zero (400 problem).
    Recorded as an `adjust` ledger entry by the admin, an admin action and an audit entry."""
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        member = earning.load(uow, user_id)
        if member is None or member.deleted:
            raise NotFound("There is no member with this id.")
        action_id = ids.new_id()
        entry = ledger.post_entry(
            uow,
            member.user_id,
            entry_type="adjust",
            amount=amount,
            reason=reason,
            reference_type="admin_action",
            reference_id=action_id,
            idempotency_key=f"adjust:{action_id}",
            created_by=admin_id,
            now=now,
        )
        if entry is None:
            current = (ledger.balances(uow, member.user_id) or (0, 0))[0]
            raise InsufficientPoints(
                f"The member has {current} points; removing {-amount} would take the "
                "balance below zero.",
                balance=current,
            )
        before = {"pointBalance": entry.balance_after - amount}
        after = {
            "pointBalance": entry.balance_after,
            "amount": amount,
            "entryId": str(entry.entry_id),
        }
        admin_audit.record_admin_action(
            uow,
            admin_id=admin_id,
            action="adjust_points",
            target_user_id=member.user_id,
            reason=reason,
            before=before,
            after=after,
            now=now,
            action_id=action_id,
        )
        admin_audit.record_audit(
            uow,
            entity_type="point_ledger",
            entity_id=entry.entry_id,
            action="points.adjusted",
            actor_id=admin_id,
            before=before,
            after={**after, "userId": str(member.user_id), "actionId": str(action_id)},
            now=now,
        )
    return AdjustmentView(
        user_id=member.user_id,
        amount=amount,
        balance=entry.balance_after,
        reason=reason,
        entry=entry_view(entry),
        action_id=action_id,
    )
