"""The member's own profile, public profiles, and the birthday tier refresh."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fittrack.clock import program_day
from fittrack.db import UniqueViolation, UnitOfWork
from fittrack.domain import profiles as rules
from fittrack.domain.errors import Conflict, Forbidden, NotFound, Unauthorized
from fittrack.domain.streaks import current_streak
from fittrack.repositories import profiles as repo
from fittrack.schemas.users import (
    ConnectionView,
    MemberStats,
    MeView,
    ProfileUpdate,
    ProfileView,
    PublicProfile,
)
from fittrack.services import leaderboard_boards

if TYPE_CHECKING:
    from fittrack.domain.identity import Caller
    from fittrack.platform import Platform

# How far back /users/me looks for the current streak (one indexed range read).
STREAK_WINDOW = timedelta(days=366)
CANNOT_EDIT = ("suspended", "banned")


class DisplayNameTaken(Conflict):
    code = "display-name-taken"
    title = "Display name taken"

    def __init__(self) -> None:
        super().__init__(
            "Another member already uses this display name; choose another.",
            errors=[{"field": "displayName", "message": "already taken", "code": "taken"}],
        )


class RegistrationIncomplete(Conflict):
    code = "registration-incomplete"
    title = "Registration details missing"


def member_or_gone(uow: UnitOfWork, user_id: uuid.UUID) -> repo.Member:
    """The caller's account; a deleted (or unknown) account is gone: 401 problem."""
    member = repo.get_member(uow, user_id)
    if member is None or member.deleted_at is not None:
        raise Unauthorized("This account no longer exists.")
    return member


def profile_view(profile: repo.Profile | None) -> ProfileView:
    if profile is None:
        return ProfileView()
    return ProfileView(
        display_name=profile.display_name,
        biological_sex=profile.biological_sex,
        fitness_level=profile.fitness_level,
        goals=list(profile.goals),
        height_inches=profile.height_inches,
        weight_pounds=profile.weight_pounds,
        timezone=profile.timezone,
        open_leaderboard=profile.open_leaderboard,
        age_bracket=profile.age_bracket,
        tier_code=profile.tier_code,
        complete=profile.completed_at is not None,
    )


def get_me(platform: Platform, caller: Caller) -> MeView:
    today = program_day(platform.clock())
    with platform.db.unit_of_work(readonly=True) as uow:
        member = member_or_gone(uow, caller.user_id)
        connections = repo.list_connections(uow, member.user_id)
        active_days = repo.active_days_since(uow, member.user_id, today - STREAK_WINDOW)
        entered = repo.drawings_entered(uow, member.user_id)
        won = repo.prizes_won(uow, member.user_id)
    return MeView(
        user_id=member.user_id,
        email=member.email,
        role=member.role,
        status=member.status,
        email_verified=member.email_verified_at is not None,
        point_balance=member.point_balance,
        lifetime_points=member.lifetime_points,
        premium_expires_at=member.premium_expires_at,
        created_at=member.created_at,
        profile=profile_view(member.profile),
        connections=[
            ConnectionView(
                provider=c.provider,
                status=c.status,
                is_primary=c.is_primary,
                last_sync_at=c.last_sync_at,
            )
            for c in connections
        ],
        stats=MemberStats(
            lifetime_points=member.lifetime_points,
            current_streak=current_streak(active_days, today),
            drawings_entered=entered,
            prizes_won=won,
        ),
    )


def update_profile(platform: Platform, caller: Caller, update: ProfileUpdate) -> ProfileView:
    """Replace the editable profile; the server derives age bracket and tier."""
    now = platform.clock()
    try:
        with platform.db.unit_of_work() as uow:
            member = member_or_gone(uow, caller.user_id)
            profile = _updated_profile(member, update, now)
            if repo.display_name_taken(uow, update.display_name, member.user_id):
                raise DisplayNameTaken()
            repo.save(uow, member.user_id, profile, now)
    except UniqueViolation:
        # Another member took the name between our check and our write.
        raise DisplayNameTaken() from None
    leaderboard_boards.resync_member(platform, caller.user_id)  # a new tier or opt-in/out
    return profile_view(profile)


def _updated_profile(member: repo.Member, update: ProfileUpdate, now: datetime) -> repo.Profile:
    if member.status in CANNOT_EDIT:
        raise Forbidden(f"A {member.status} account cannot change its profile.")
    if member.date_of_birth is None:
        raise RegistrationIncomplete(
            "Finish registration first: your date of birth, state of residence and consents "
            "are still missing."
        )
    try:
        standing = rules.standing(
            member.date_of_birth, update.biological_sex, update.fitness_level, program_day(now)
        )
    except ValueError:
        raise RegistrationIncomplete("Members must be 18 or older.") from None
    complete = rules.is_complete(
        update.display_name, update.biological_sex, update.fitness_level, standing.tier_code
    )
    previous = member.profile.completed_at if member.profile else None
    return repo.Profile(
        display_name=update.display_name,
        biological_sex=update.biological_sex,
        fitness_level=update.fitness_level,
        goals=list(update.goals),
        height_inches=update.height_inches,
        weight_pounds=update.weight_pounds,
        timezone=update.timezone,
        open_leaderboard=update.open_leaderboard,
        age_bracket=standing.age_bracket,
        tier_code=standing.tier_code,
        completed_at=(previous or now) if complete else None,
    )


def public_profile(platform: Platform, user_id: uuid.UUID) -> PublicProfile:
    try:
        member_id = user_id
    except ValueError:
        raise NotFound("There is no such member.") from None
    with platform.db.unit_of_work(readonly=True) as uow:
        found = repo.public_view(uow, member_id)
    if found is None:
        raise NotFound("There is no such member.")
    display_name, tier_code = found
    return PublicProfile(user_id=member_id, display_name=display_name, tier_code=tier_code)


def refresh_tiers(platform: Platform) -> int:
    """Move members whose birthday took them into the next age bracket (and tier).

    Idempotent: only members still in a bracket they have outgrown are candidates,
    and each move is conditional on the bracket it leaves.
    """
    now = platform.clock()
    today = program_day(now)
    moved: list[uuid.UUID] = []
    with platform.db.unit_of_work() as uow:
        for candidate in repo.bracket_candidates(uow, rules.bracket_cutoffs(today)):
            standing = rules.standing(
                candidate.date_of_birth, candidate.biological_sex, candidate.fitness_level, today
            )
            if standing.age_bracket != candidate.age_bracket and repo.move_bracket(
                uow,
                candidate.user_id,
                from_bracket=candidate.age_bracket,
                to_bracket=standing.age_bracket,
                tier_code=standing.tier_code,
                now=now,
            ):
                moved.append(candidate.user_id)
    for user_id in moved:
        leaderboard_boards.resync_member(platform, user_id)
    return len(moved)
