from __future__ import annotations

from pydantic import Field

from fittrack.schemas.base import ApiModel


class TierView(ApiModel):
    tier_code: str
    display_name: str
    biological_sex: str
    age_bracket: str
    fitness_level: str
    member_count: int = Field(
        description="Members on this tier's boards: complete profiles, accounts neither"
        " deleted nor banned."
    )


class TierList(ApiModel):
    tiers: list[TierView]
    open_leaderboard: str = "OPEN"
