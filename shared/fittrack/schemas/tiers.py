from __future__ import annotations

from fittrack.schemas.base import ApiModel


class TierView(ApiModel):
    tier_code: str
    display_name: str
    biological_sex: str
    age_bracket: str
    fitness_level: str


class TierList(ApiModel):
    tiers: list[TierView]
    open_leaderboard: str = "OPEN"
