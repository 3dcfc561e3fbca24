"""Leaderboards as the API shows them."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from fittrack.schemas.base import MAX_PAGE, ApiModel, Pagination


class LeaderboardQuery(ApiModel):
    tier: str | None = Field(
        default=None, max_length=20, description="A tier code or OPEN; defaults to your own tier."
    )
    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    limit: int = Field(default=20, ge=1, le=100)


class MyPositionQuery(ApiModel):
    tier: str | None = Field(
        default=None, max_length=20, description="A tier code or OPEN; defaults to your own tier."
    )


class RankingEntry(ApiModel):
    rank: int
    user_id: uuid.UUID
    display_name: str
    points_earned: int


class LeaderboardView(ApiModel):
    period: str
    tier_code: str
    tier_name: str
    total_users_in_tier: int
    reset_time: datetime | None  # None for all-time
    user_rank: int | None  # None when you are not on this board
    rankings: list[RankingEntry]
    pagination: Pagination


class MyPositionView(ApiModel):
    period: str
    tier_code: str
    tier_name: str
    total_users_in_tier: int
    reset_time: datetime | None
    user_rank: int
    points_earned: int
    rankings: list[RankingEntry]  # you and up to 10 members either side
