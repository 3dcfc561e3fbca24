"""How many members compete in each tier."""

from __future__ import annotations

from fittrack.db import UnitOfWork
from fittrack.domain.accounts import UserStatus

# Who is on a tier's boards: a complete profile, an account neither deleted nor banned
# (the same members the leaderboards rank).
_MEMBERS = (
    "SELECT p.tier_code, COUNT(*) AS n FROM user_profiles p JOIN users u ON u.user_id = p.user_id"
    " WHERE p.completed_at IS NOT NULL AND p.tier_code IS NOT NULL"
    " AND u.deleted_at IS NULL AND u.status <> :banned"
)


def member_counts(uow: UnitOfWork) -> dict[str, int]:
    """Members per tier code, in one grouped query (tiers without members are absent)."""
    rows = uow.query(_MEMBERS + " GROUP BY p.tier_code", {"banned": UserStatus.BANNED})
    return {row["tier_code"]: int(row["n"]) for row in rows}


def member_count(uow: UnitOfWork, tier_code: str) -> int:
    rows = uow.query(
        _MEMBERS + " AND p.tier_code = :code GROUP BY p.tier_code",
        {"banned": UserStatus.BANNED, "code": tier_code},
    )
    return int(rows[0]["n"]) if rows else 0
