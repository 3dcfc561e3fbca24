"""Anti-gaming: the nightly detection job, the admin review queue, and `is_flagged`.

Flagged members keep earning; they cannot buy tickets while a flag is open
(`is_flagged`, used by the sweepstakes), and a prize they win waits for the review.
A flag is raised once per finding: an anomaly flag per (member, program day), a
shared-device flag per (member, device) — a cleared finding is not raised again.
"""

from __future__ import annotations

import math
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.adapters.cache import CacheUnavailable
from fittrack.clock import program_day
from fittrack.db import UnitOfWork
from fittrack.domain import anomaly
from fittrack.domain.accounts import UserStatus
from fittrack.domain.errors import Conflict, NotFound
from fittrack.domain.review import FlagStatus
from fittrack.repositories import admin_audit, devices, review_flags, sessions, users
from fittrack.schemas.base import Pagination
from fittrack.schemas.review import ReviewFlagView, ReviewQueuePage
from fittrack.services import fulfillment, leaderboard_boards, redraws

if TYPE_CHECKING:
    from fittrack.domain.identity import Caller
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.review")


def is_flagged(uow: UnitOfWork, user_id: uuid.UUID) -> bool:
    """Whether the member waits for a review (and so cannot buy tickets)."""
    return review_flags.is_flagged(uow, user_id)


# ---- detection ----------------------------------------------------------------------

# OCI Functions stops a function after 300 s (its maximum, the job's timeout): stop
# starting batches well before that. The job runs hourly from 01:30 to 04:30 ET and
# each run carries on where the last one stopped (`_Progress`).
TIME_BUDGET_SECONDS = 240.0
DEVICE_PAGE = 500
PROGRESS_TTL_SECONDS = 3 * 24 * 3600


@dataclass
class _Progress:
    """How far the detection of one program day got, kept in the cache between runs.
    Losing it only repeats work: a finding already raised is never raised twice."""

    key: str
    tiers_done: list[str] = field(default_factory=list)
    device_after: str | None = None
    devices_done: bool = False

    @property
    def complete(self) -> bool:
        return self.devices_done

    @classmethod
    def load(cls, platform: Platform, day: date) -> _Progress:
        key = f"review:detect:{day.isoformat()}"
        try:
            saved = platform.cache.get_json(key) or {}
        except CacheUnavailable:
            logger.warning("detection progress unavailable; starting the day over")
            saved = {}
        return cls(
            key,
            list(saved.get("tiersDone", [])),
            saved.get("deviceAfter"),
            bool(saved.get("devicesDone", False)),
        )

    def save(self, platform: Platform) -> None:
        state = {
            "tiersDone": self.tiers_done,
            "deviceAfter": self.device_after,
            "devicesDone": self.devices_done,
        }
        try:
            platform.cache.set_json(self.key, state, PROGRESS_TTL_SECONDS)
        except CacheUnavailable:
            logger.warning("detection progress not saved; the next run repeats this batch")


def detect_anomalies(
    platform: Platform,
    day: date | None = None,
    *,
    time_budget_seconds: float = TIME_BUDGET_SECONDS,
    device_page: int = DEVICE_PAGE,
) -> dict[str, Any]:
    """Flag daily-points outliers of `day` (default: yesterday) and shared devices, in
    batches (one unit of work per tier, then per page of devices) until done or the
    time budget is spent. A scheduled run skips a day already complete; naming the day
    runs it again from the start."""
    now = platform.clock()
    target = day or program_day(now) - timedelta(days=1)
    progress = _Progress.load(platform, target)
    if progress.complete and day is None:
        return {"day": target.isoformat(), "anomalies": 0, "sharedDevices": 0, "complete": True}
    if progress.complete:
        progress = _Progress(progress.key)
    deadline = time.monotonic() + time_budget_seconds
    anomalies = _points_batches(platform, target, progress, deadline)
    shared = _device_batches(platform, progress, deadline, device_page)
    result = {
        "day": target.isoformat(),
        "anomalies": anomalies,
        "sharedDevices": shared,
        "complete": progress.complete,
    }
    logger.info("anomaly detection finished", extra=result)
    return result


def _points_batches(platform: Platform, day: date, progress: _Progress, deadline: float) -> int:
    """One unit of work per tier not done yet; the number of flags raised."""
    with platform.db.unit_of_work(readonly=True) as uow:
        by_tier = review_flags.daily_points_by_tier(uow, day)
    raised = 0
    for tier_code in sorted(set(by_tier) - set(progress.tiers_done)):
        if time.monotonic() >= deadline:
            return raised
        with platform.db.unit_of_work() as uow:
            flags = _points_flags(uow, day, tier_code, by_tier[tier_code])
            review_flags.insert_many(uow, flags, platform.clock())
        raised += len(flags)
        progress.tiers_done.append(tier_code)
        progress.save(platform)
    return raised


def _device_batches(
    platform: Platform, progress: _Progress, deadline: float, page_size: int
) -> int:
    """One unit of work per page of shared devices, after the tiers; flags raised."""
    raised = 0
    while not progress.devices_done and time.monotonic() < deadline:
        with platform.db.unit_of_work() as uow:
            page = devices.accounts_by_device(
                uow, anomaly.SHARED_DEVICE_ACCOUNTS, after=progress.device_after, limit=page_size
            )
            shared, device_ids = _device_flags(uow, page)
            review_flags.insert_many(uow, shared, platform.clock())
            devices.mark_flagged(uow, device_ids, platform.clock())
        raised += len(shared)
        progress.device_after = max(page, default=progress.device_after)
        progress.devices_done = len(page) < page_size
        progress.save(platform)
    return raised


def _skip(
    uow: UnitOfWork, reason: str, user_ids: list[uuid.UUID], key: str
) -> tuple[set[uuid.UUID], set[tuple[uuid.UUID, Any]]]:
    """Members with an open flag for `reason`, and (member, details[key]) already raised."""
    found = review_flags.flags_of(uow, reason, user_ids)
    return (
        {f.user_id for f in found if f.status == FlagStatus.OPEN},
        {(f.user_id, f.details.get(key)) for f in found},
    )


def _points_flags(
    uow: UnitOfWork, day: date, tier_code: str, points: dict[uuid.UUID, int]
) -> list[review_flags.NewFlag]:
    outliers = [(tier_code, o) for o in anomaly.outliers(points)]
    open_now, raised = _skip(uow, "anomaly", [o.user_id for _, o in outliers], "day")
    return [
        review_flags.NewFlag(
            o.user_id,
            "anomaly",
            {
                "day": day.isoformat(),
                "points": o.points,
                "tierCode": tier_code,
                "tierMean": round(o.mean, 2),
                "tierStdDev": round(o.std_dev, 2),
                "threshold": round(o.threshold, 2),
                "tierMembers": o.members,
            },
        )
        for tier_code, o in outliers
        if o.user_id not in open_now and (o.user_id, day.isoformat()) not in raised
    ]


def _device_flags(
    uow: UnitOfWork, page: dict[str, list[uuid.UUID]]
) -> tuple[list[review_flags.NewFlag], list[str]]:
    shared = anomaly.shared_devices(page)
    members = [u for accounts in shared.values() for u in accounts]
    open_now, raised = _skip(uow, "shared_device", members, "deviceId")
    flags: list[review_flags.NewFlag] = []
    for device_id, accounts in sorted(shared.items()):
        for user_id in accounts:
            if user_id in open_now or (user_id, device_id) in raised:
                continue
            open_now.add(user_id)  # one open flag per member and reason
            flags.append(
                review_flags.NewFlag(
                    user_id, "shared_device", {"deviceId": device_id, "accounts": len(accounts)}
                )
            )
    return flags, sorted(shared)


# ---- the admin queue --------------------------------------------------------------------


def _view(flag: review_flags.Flag, item: review_flags.QueueItem | None = None) -> ReviewFlagView:
    return ReviewFlagView(
        flag_id=flag.flag_id,
        user_id=flag.user_id,
        reason=flag.reason,
        status=flag.status,
        details=flag.details,
        created_at=flag.created_at,
        resolved_at=flag.resolved_at,
        resolved_by=flag.resolved_by,
        resolution_note=flag.resolution_note,
        email=item.email if item else None,
        display_name=item.display_name if item else None,
        tier_code=item.tier_code if item else None,
        user_status=item.user_status if item else None,
    )


def list_queue(platform: Platform, status: str, page: int, limit: int) -> ReviewQueuePage:
    wanted = None if status == "all" else status
    with platform.db.unit_of_work(readonly=True) as uow:
        total = review_flags.count_queue(uow, wanted)
        items = review_flags.list_queue(uow, wanted, (page - 1) * limit, limit)
    return ReviewQueuePage(
        items=[_view(item.flag, item) for item in items],
        pagination=Pagination(
            page=page, limit=limit, total_items=total, total_pages=math.ceil(total / limit)
        ),
    )


def resolve(
    platform: Platform, admin: Caller, *, flag_id: uuid.UUID, decision: str, note: str
) -> ReviewFlagView:
    """Clear a flag, or ban its member (which closes their other open flags too)."""
    fid, admin_id, now = flag_id, admin.user_id, platform.clock()
    status = "banned" if decision == "ban" else "cleared"
    with platform.db.unit_of_work() as uow:
        flag = review_flags.get(uow, fid)
        if flag is None:
            raise NotFound("There is no review flag with this id.")
        member = users.get(uow, flag.user_id)
        if flag.status != FlagStatus.OPEN or member is None:
            raise Conflict(f"This flag was already resolved ({flag.status}).")
        if status == "banned" and flag.user_id == admin_id:
            raise Conflict("You cannot ban your own account.")
        if not review_flags.resolve(uow, fid, status=status, admin_id=admin_id, note=note, now=now):
            raise Conflict("This flag was resolved by someone else meanwhile.")
        closed = [fid]
        if status == "banned":
            closed += _ban(uow, member, fid=fid, admin_id=admin_id, note=note, now=now)
        # Held prize wins follow the review: released on clear, forfeited + redrawn on ban.
        settle = redraws.forfeit_held if status == "banned" else fulfillment.release_held
        settle(uow, flag.user_id, now)
        for closed_id in closed:
            admin_audit.record_audit(
                uow,
                entity_type="review_flag",
                entity_id=closed_id,
                action=f"review_flag.{status}",
                actor_id=admin_id,
                before={"status": "open"},
                after={"status": status, "decidedOn": str(fid)},
                now=now,
            )
        admin_audit.record_admin_action(
            uow,
            admin_id=admin_id,
            action=f"review.{decision}",
            target_user_id=flag.user_id,
            reason=note,
            before={"flagStatus": "open", "userStatus": member.status},
            after={
                "flagStatus": status,
                "flagId": str(fid),
                "userStatus": "banned" if status == "banned" else member.status,
                "closedFlags": [str(c) for c in closed],
            },
            now=now,
        )
        resolved = review_flags.get(uow, fid)
    assert resolved is not None
    if status == "banned":
        leaderboard_boards.resync_member(platform, resolved.user_id)
    return _view(resolved)


def _ban(
    uow: UnitOfWork, member: users.User, *, fid: uuid.UUID, admin_id: uuid.UUID, note: str, now: Any
) -> list[uuid.UUID]:
    """Ban the member (status history, sessions revoked) and close their other flags."""
    if member.status != UserStatus.BANNED:
        users.change_status(
            uow,
            member,
            to_status="banned",
            reason=f"review flag {fid}: {note}",
            changed_by=admin_id,
            now=now,
        )
        sessions.revoke_user_sessions(uow, member.user_id, now=now, reason="banned after review")
        admin_audit.record_audit(
            uow,
            entity_type="user",
            entity_id=member.user_id,
            action="user.banned",
            actor_id=admin_id,
            before={"status": member.status},
            after={"status": "banned"},
            now=now,
        )
    others = [f for f in review_flags.open_flag_ids(uow, member.user_id) if f != fid]
    for other in others:
        review_flags.resolve(
            uow, other, status="banned", admin_id=admin_id, note=f"banned on flag {fid}", now=now
        )
    return others
