"""Admin member management: search, detail, status, premium, action history."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar, Literal

from pydantic import Field

from fittrack.schemas.appeals import AppealView
from fittrack.schemas.base import MAX_PAGE, ApiModel, Pagination
from fittrack.schemas.values import JsonDatetime

MemberSort = Literal[
    "createdAt", "-createdAt", "email", "-email", "displayName", "-displayName",
    "lastLoginAt", "-lastLoginAt",
]  # fmt: skip


class AdminUserQuery(ApiModel):
    # Prefixes, case-insensitive (an index range on both backends; docs/admin.md).
    email: str | None = Field(default=None, min_length=1, max_length=320)
    display_name: str | None = Field(default=None, min_length=1, max_length=30)
    status: Literal["pending", "active", "suspended", "banned"] | None = None
    role: Literal["user", "premium", "admin"] | None = None
    tier: str | None = Field(default=None, min_length=1, max_length=20, pattern=r"^[A-Z0-9-]+$")
    sort: MemberSort = "-createdAt"
    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    limit: int = Field(default=20, ge=1, le=100)


class AdminUserRow(ApiModel):
    user_id: uuid.UUID
    email: str
    display_name: str | None = None
    role: str
    status: str
    tier_code: str | None = None
    point_balance: int
    premium_expires_at: datetime | None = None
    last_login_at: datetime | None = None
    created_at: datetime


class AdminUserPage(ApiModel):
    items: list[AdminUserRow]
    pagination: Pagination


class LedgerTotals(ApiModel):
    entries: int
    points: int


class AdminConnection(ApiModel):
    connection_id: uuid.UUID
    provider: str
    status: str
    is_primary: bool
    sync_status: str
    last_sync_at: datetime | None = None
    next_sync_at: datetime | None = None
    failure_count: int
    last_error: str | None = None
    linked_at: datetime


class AdminFlag(ApiModel):
    flag_id: uuid.UUID
    reason: str
    status: str
    created_at: datetime
    resolved_at: datetime | None = None
    resolution_note: str | None = None


class AdminSession(ApiModel):
    session_id: uuid.UUID
    device_id: str
    user_agent: str | None = None
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime


class AdminEntry(ApiModel):
    drawing_id: uuid.UUID
    tickets: int
    points_spent: int
    last_entry_at: datetime


class AdminWin(ApiModel):
    winner_id: uuid.UUID
    drawing_id: uuid.UUID
    prize_name: str
    status: str
    selected_at: datetime


class AdminUserDetail(ApiModel):
    user_id: uuid.UUID
    email: str
    email_verified_at: datetime | None = None
    role: str
    status: str
    premium_expires_at: datetime | None = None
    # What makes the member premium now: an admin grant or a Stripe subscription (the
    # later end wins, docs/billing.md); None when they are not premium.
    premium_source: Literal["admin", "subscription"] | None = None
    created_at: datetime
    display_name: str | None = None
    tier_code: str | None = None
    fitness_level: str | None = None
    profile_completed_at: datetime | None = None
    point_balance: int
    lifetime_points: int
    # Per entry type (earn, spend, adjust, refund); the sum of `points` is the balance.
    ledger: dict[str, LedgerTotals]
    connections: list[AdminConnection]
    open_flags: int
    flags: list[AdminFlag]  # the 20 newest
    sessions: list[AdminSession]  # the active ones
    drawings_entered: int
    entries: list[AdminEntry]  # the 20 most recent drawings entered
    prizes_won: int
    wins: list[AdminWin]  # the 20 newest
    appeals: list[AppealView]  # the 20 newest, confirmed ones


class ChangeStatus(ApiModel):
    status: Literal["active", "suspended", "banned"]
    reason: str = Field(min_length=1, max_length=1000)


class GrantPremium(ApiModel):
    until: JsonDatetime

    contract_refusals: ClassVar[dict[tuple[str, str], str]] = {
        ("until", "in_past"): "The premium end must be in the future.",
        ("until", "too_late"): "At most 5 years after now.",
    }


class AdminUserStatus(ApiModel):
    """What a status or premium change answers: the account as it is now."""

    user_id: uuid.UUID
    role: str
    status: str
    premium_expires_at: datetime | None = None
    sessions_revoked: int = 0


class AdminActionView(ApiModel):
    action_id: uuid.UUID
    # user.status, adjust_points, premium.granted, premium.ended, premium.expired,
    # review.clear, review.ban, flag.raised
    action: str
    actor_id: uuid.UUID | None = None  # None: the system (a scheduled job)
    reason: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    created_at: datetime


class AdminActionPage(ApiModel):
    items: list[AdminActionView]
    pagination: Pagination


class HistoryQuery(ApiModel):
    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    limit: int = Field(default=20, ge=1, le=100)


class PremiumExpiry(ApiModel):
    expired: int
