"""Member profiles: the user_profiles table, read together with the account row."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.drawings import DrawingStatus
from fittrack.domain.winners import WinnerStatus


@dataclass(frozen=True, kw_only=True)
class Profile:
    display_name: str | None = None
    biological_sex: str | None = None
    fitness_level: str | None = None
    goals: list[str] = field(default_factory=list)
    height_inches: int | None = None
    weight_pounds: int | None = None
    timezone: str = "America/New_York"
    open_leaderboard: bool = False
    age_bracket: str | None = None
    tier_code: str | None = None
    completed_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class Member:
    """The account fields /users/me shows, with the profile (None before the first save)."""

    user_id: uuid.UUID
    email: str
    role: str
    status: str
    email_verified_at: datetime | None
    point_balance: int
    lifetime_points: int
    premium_expires_at: datetime | None
    date_of_birth: date | None
    deleted_at: datetime | None
    created_at: datetime
    profile: Profile | None


@dataclass(frozen=True)
class Connection:
    provider: str
    status: str
    is_primary: bool
    last_sync_at: datetime | None


_PROFILE_COLUMNS = (
    "display_name",
    "biological_sex",
    "fitness_level",
    "goals",
    "height_inches",
    "weight_pounds",
    "timezone",
    "open_leaderboard",
    "age_bracket",
    "tier_code",
    "completed_at",
)
_SAVED_COLUMNS = ("user_id", *_PROFILE_COLUMNS, "created_at", "updated_at")


def _profile(row: dict[str, Any]) -> Profile:
    return Profile(
        display_name=row["display_name"],
        biological_sex=row["biological_sex"],
        fitness_level=row["fitness_level"],
        goals=list(row["goals"] or []),
        height_inches=row["height_inches"],
        weight_pounds=row["weight_pounds"],
        timezone=row["timezone"],
        open_leaderboard=bool(row["open_leaderboard"]),
        age_bracket=row["age_bracket"],
        tier_code=row["tier_code"],
        completed_at=row["completed_at"],
    )


def get_member(uow: UnitOfWork, user_id: uuid.UUID) -> Member | None:
    """The account and its profile in one query."""
    row = uow.query_one(
        "SELECT u.user_id, u.email, u.role, u.status, u.email_verified_at, u.point_balance,"
        " u.lifetime_points, u.premium_expires_at, u.date_of_birth, u.deleted_at, u.created_at,"
        " p.user_id AS profile_user_id, p.display_name, p.biological_sex, p.fitness_level,"
        " p.goals, p.height_inches, p.weight_pounds, p.timezone, p.open_leaderboard,"
        " p.age_bracket, p.tier_code, p.completed_at"
        " FROM users u LEFT JOIN user_profiles p ON p.user_id = u.user_id"
        " WHERE u.user_id = :id",
        {"id": ids.to_db(user_id)},
    )
    if row is None:
        return None
    return Member(
        user_id=ids.from_db(row["user_id"]),
        email=row["email"],
        role=row["role"],
        status=row["status"],
        email_verified_at=row["email_verified_at"],
        point_balance=row["point_balance"],
        lifetime_points=row["lifetime_points"],
        premium_expires_at=row["premium_expires_at"],
        date_of_birth=row["date_of_birth"],
        deleted_at=row["deleted_at"],
        created_at=row["created_at"],
        profile=_profile(row) if row["profile_user_id"] is not None else None,
    )


def list_connections(uow: UnitOfWork, user_id: uuid.UUID) -> list[Connection]:
    rows = uow.query(
        "SELECT provider, status, is_primary, last_sync_at FROM tracker_connections"
        " WHERE user_id = :id ORDER BY provider",
        {"id": ids.to_db(user_id)},
    )
    return [
        Connection(r["provider"], r["status"], bool(r["is_primary"]), r["last_sync_at"])
        for r in rows
    ]


def active_days_since(uow: UnitOfWork, user_id: uuid.UUID, since: date) -> list[date]:
    """The member's active program days from `since` on, latest first."""
    rows = uow.query(
        "SELECT program_day FROM daily_points WHERE user_id = :id AND program_day >= :since"
        " AND active_day = :yes ORDER BY program_day DESC",
        {"id": ids.to_db(user_id), "since": since, "yes": True},
    )
    return [row["program_day"] for row in rows]


def drawings_entered(uow: UnitOfWork, user_id: uuid.UUID) -> int:
    """Drawings (not cancelled) where the member holds a ticket bought or a free entry."""
    return int(
        uow.scalar(
            "SELECT COUNT(DISTINCT e.drawing_id) FROM ("
            " SELECT drawing_id FROM ticket_blocks WHERE user_id = :id AND refunded_at IS NULL"
            " UNION ALL SELECT drawing_id FROM free_entries WHERE user_id = :id) e"
            " JOIN drawings d ON d.drawing_id = e.drawing_id WHERE d.status <> :cancelled",
            {"id": ids.to_db(user_id), "cancelled": DrawingStatus.CANCELLED},
        )
        or 0
    )


def prizes_won(uow: UnitOfWork, user_id: uuid.UUID) -> int:
    """Prizes the member was drawn for, not counting forfeited ones."""
    return int(
        uow.scalar(
            "SELECT COUNT(*) FROM drawing_winners WHERE user_id = :id AND status <> :forfeited",
            {"id": ids.to_db(user_id), "forfeited": WinnerStatus.FORFEITED},
        )
        or 0
    )


def display_name_taken(uow: UnitOfWork, name: str, other_than: uuid.UUID) -> bool:
    """Whether another member holds `name`, compared case-insensitively."""
    row = uow.query_one(
        "SELECT user_id FROM user_profiles WHERE LOWER(display_name) = LOWER(:name)"
        " AND user_id <> :id",
        {"name": name, "id": ids.to_db(other_than)},
    )
    return row is not None


def save(uow: UnitOfWork, user_id: uuid.UUID, profile: Profile, now: datetime) -> None:
    """Insert or replace the profile; a display name held by another member (any case)
    raises UniqueViolation from the unique index."""
    values = {name: getattr(profile, name) for name in _PROFILE_COLUMNS}
    values["goals"] = uow.dialect.json(list(profile.goals))
    values.update(user_id=ids.to_db(user_id), created_at=now, updated_at=now)
    updated = [c for c in _SAVED_COLUMNS if c not in ("user_id", "created_at")]
    uow.execute(uow.dialect.upsert("user_profiles", _SAVED_COLUMNS, ["user_id"], updated), values)


def public_view(uow: UnitOfWork, user_id: uuid.UUID) -> tuple[str | None, str | None] | None:
    """(display name, tier code) of a member who has not deleted the account, else None."""
    row = uow.query_one(
        "SELECT p.display_name, p.tier_code FROM users u"
        " LEFT JOIN user_profiles p ON p.user_id = u.user_id"
        " WHERE u.user_id = :id AND u.deleted_at IS NULL",
        {"id": ids.to_db(user_id)},
    )
    return (row["display_name"], row["tier_code"]) if row else None


@dataclass(frozen=True, kw_only=True)
class BracketCandidate:
    user_id: uuid.UUID
    date_of_birth: date
    biological_sex: str | None
    fitness_level: str | None
    age_bracket: str


def bracket_candidates(uow: UnitOfWork, cutoffs: dict[str, date]) -> list[BracketCandidate]:
    """Members whose stored bracket they have outgrown: still in bracket B although born
    on or before B's cut-off. `cutoffs` maps each bracket but '60+' to its cut-off date."""
    params: dict[str, Any] = {}
    clauses = []
    for n, (bracket, cutoff) in enumerate(sorted(cutoffs.items())):
        clauses.append(f"(p.age_bracket = :bracket{n} AND u.date_of_birth <= :cutoff{n})")
        params[f"bracket{n}"], params[f"cutoff{n}"] = bracket, cutoff
    if not clauses:
        return []
    rows = uow.query(
        "SELECT u.user_id, u.date_of_birth, p.biological_sex, p.fitness_level, p.age_bracket"
        " FROM user_profiles p JOIN users u ON u.user_id = p.user_id"
        " WHERE u.deleted_at IS NULL AND u.date_of_birth IS NOT NULL"
        f" AND ({' OR '.join(clauses)})",
        params,
    )
    return [
        BracketCandidate(
            user_id=ids.from_db(r["user_id"]),
            date_of_birth=r["date_of_birth"],
            biological_sex=r["biological_sex"],
            fitness_level=r["fitness_level"],
            age_bracket=r["age_bracket"],
        )
        for r in rows
    ]


def move_bracket(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    from_bracket: str,
    to_bracket: str,
    tier_code: str | None,
    now: datetime,
) -> bool:
    """Move a member to the next bracket (and tier) unless someone already did."""
    changed = uow.execute(
        "UPDATE user_profiles SET age_bracket = :to_bracket, tier_code = :tier,"
        " updated_at = :now WHERE user_id = :id AND age_bracket = :from_bracket",
        {
            "to_bracket": to_bracket,
            "tier": tier_code,
            "now": now,
            "id": ids.to_db(user_id),
            "from_bracket": from_bracket,
        },
    )
    return changed == 1
