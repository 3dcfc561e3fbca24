"""Demo members for `make dev`: a few hundred across all 30 tiers, several weeks of
tracker data fed through the ingestion service, then the leaderboards and the
review queue built from it.

Idempotent and resumable: members are found by email, and each member's data is
(re)fed from the last program day already stored, so a second run on the same
day only tops up today's growing totals, and a later run adds the days since.
The work is batched: all accounts in one transaction, the data in one
transaction per chunk of members (`ingest_in`), a week of older days per ingest
and a sync each for yesterday and today.
"""

from __future__ import annotations

import secrets
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.clock import program_day
from fittrack.domain.activities import Activity
from fittrack.domain.constants import SWEEPSTAKES_RULES_VERSION, TERMS_VERSION
from fittrack.local.seed_activity import (
    HISTORY_DAYS,
    SHARED_DEVICE,
    DemoMember,
    day_activities,
    plan,
)
from fittrack.repositories import daily_points, devices, profiles, users
from fittrack.services import ingest, leaderboard_boards, review
from fittrack.services.passwords import hash_password

if TYPE_CHECKING:
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.seed")
CHUNK = 40  # members per ingest transaction


def seed_members(platform: Platform, count: int | None = None) -> dict[str, Any]:
    """Create the demo members that are missing and feed their days up to now."""
    started = time.perf_counter()
    now = platform.clock()
    today = program_day(now)
    members = plan(today) if count is None else plan(today, count)
    password = _create_missing(platform, members, now)
    user_ids, last_days = _existing(platform, members, today)
    fed = _feed(platform, members, user_ids=user_ids, last_days=last_days, now=now)
    with platform.db.unit_of_work() as uow:
        for member in members[4:7]:  # one tablet, three accounts: for the review queue
            devices.record_device(uow, user_ids[member.number], SHARED_DEVICE, now)
    flags = review.detect_anomalies(platform, today - timedelta(days=1))
    boards = leaderboard_boards.refresh(platform)
    if password is not None:
        _append_credentials(platform.settings.home / "demo-credentials.txt", members, password)
    summary = {
        "members": len(members),
        "newMembers": len(members) if password else 0,
        "memberDays": fed,
        "flags": flags["anomalies"] + flags["sharedDevices"],
        "boards": boards["boards"],
        "seconds": round(time.perf_counter() - started, 2),
    }
    logger.info("demo members ready", extra=summary)
    return summary


def _create_missing(platform: Platform, members: list[DemoMember], now: datetime) -> str | None:
    """Create the members that do not exist yet (one transaction); their password, or None
    when every member existed already."""
    with platform.db.unit_of_work(readonly=True) as uow:
        missing = [m for m in members if users.find_by_email(uow, m.email) is None]
    if not missing:
        return None
    password = "Member-" + secrets.token_urlsafe(10) + "1!"
    password_hash = hash_password(password)  # once: every demo member shares it
    joined = now - timedelta(days=HISTORY_DAYS + 30)
    with platform.db.unit_of_work() as uow:
        for member in missing:
            user_id = users.insert(
                uow,
                users.NewUser(
                    email=member.email,
                    password_hash=password_hash,
                    date_of_birth=member.date_of_birth,
                    state_of_residence=member.state,
                    terms_version=TERMS_VERSION,
                    rules_version=SWEEPSTAKES_RULES_VERSION,
                    status="active",
                    email_verified_at=joined,
                ),
                joined,
            )
            profiles.save(
                uow,
                user_id,
                profiles.Profile(
                    display_name=member.display_name,
                    biological_sex=member.tier.sex,
                    fitness_level=member.tier.fitness_level,
                    goals=list(member.goals),
                    height_inches=member.height_inches,
                    weight_pounds=member.weight_pounds,
                    open_leaderboard=member.open_leaderboard,
                    age_bracket=member.tier.age_bracket,
                    tier_code=member.tier.code,
                    completed_at=joined + timedelta(hours=1),
                ),
                joined,
            )
    return password


def _existing(
    platform: Platform, members: list[DemoMember], today: date
) -> tuple[dict[int, uuid.UUID], dict[int, date | None]]:
    """Each member's id and the last program day with points already stored."""
    first = today - timedelta(days=HISTORY_DAYS - 1)
    user_ids: dict[int, uuid.UUID] = {}
    last_days: dict[int, date | None] = {}
    with platform.db.unit_of_work(readonly=True) as uow:
        for member in members:
            user = users.find_by_email(uow, member.email)
            if user is None:
                raise RuntimeError(f"demo member {member.email} vanished while seeding")
            user_ids[member.number] = user.user_id
            days = daily_points.since(uow, user.user_id, first)
            last_days[member.number] = days[-1].program_day if days else None
    return user_ids, last_days


def _feed(
    platform: Platform,
    members: list[DemoMember],
    *,
    user_ids: dict[int, uuid.UUID],
    last_days: dict[int, date | None],
    now: datetime,
) -> int:
    """Feed every member's days from their last stored day (or the history start) to today,
    one transaction per chunk of members. Older days go in weekly syncs, yesterday and
    today in a sync each, each sync at its own time (leaderboard reach times)."""
    today = program_day(now)
    yesterday = today - timedelta(days=1)
    history_start = today - timedelta(days=HISTORY_DAYS - 1)
    fed = 0
    for start in range(0, len(members), CHUNK):
        with platform.db.unit_of_work() as uow:
            for member in members[start : start + CHUNK]:
                first = last_days[member.number] or history_start
                for days in _syncs(first, today):
                    records: list[Activity] = []
                    for day in days:
                        found, synced = day_activities(member, day, now, yesterday)
                        records += found
                    batch = ingest.validated(records, synced)
                    ingest.ingest_in(uow, user_ids[member.number], batch, synced)
                    fed += len(days)
    return fed


def _syncs(first: date, today: date) -> list[list[date]]:
    """Days first..today grouped as the demo "syncs" them: a week at a time up to the
    day before yesterday, then yesterday, then today."""
    days = [first + timedelta(days=n) for n in range((today - first).days + 1)]
    older, recent = days[:-2], days[-2:]
    return [older[n : n + 7] for n in range(0, len(older), 7)] + [[day] for day in recent]


def _append_credentials(path: Path, members: list[DemoMember], password: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as out:
        out.write(
            f"demo members ({len(members)}, all with this password)\n"
            f"  email:    {members[0].email} (any @{members[0].email.split('@')[1]})\n"
            f"  password: {password}\n"
        )
    path.chmod(0o600)
