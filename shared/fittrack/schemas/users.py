"""The member's own account, profile and public profile, as the API shows them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StrictBool, StrictInt, StrictStr, field_validator

from fittrack.domain import profiles
from fittrack.schemas.base import ApiModel
from fittrack.schemas.values import integral

Sex = Literal["male", "female"]
FitnessLevel = Literal["beginner", "intermediate", "advanced"]
Goal = Literal["weight_loss", "muscle_building", "endurance", "general_health", "stress_relief"]


# Bounded inside the validator so the contract says minimum/maximum (see values.JsonInt).
HeightInches = Annotated[
    Annotated[StrictInt, Field(ge=profiles.HEIGHT_INCHES[0], le=profiles.HEIGHT_INCHES[1])],
    BeforeValidator(integral),
]
WeightPounds = Annotated[
    Annotated[StrictInt, Field(ge=profiles.WEIGHT_POUNDS[0], le=profiles.WEIGHT_POUNDS[1])],
    BeforeValidator(integral),
]


class ProfileUpdate(ApiModel):
    """PUT /users/me/profile: the whole editable profile. Anything else sent
    (tierCode, ageBracket, role, pointBalance, status, ...) is ignored: SPEC.md says a
    tier sent by a client is ignored, and a client may send back the profile it read."""

    display_name: StrictStr = Field(
        min_length=profiles.DISPLAY_NAME_MIN,
        max_length=profiles.DISPLAY_NAME_MAX,
        pattern=r"^[A-Za-z0-9 _-]+$",
    )
    biological_sex: Sex
    fitness_level: FitnessLevel
    goals: list[Goal] = Field(default_factory=list, max_length=len(profiles.GOALS) * 2)
    height_inches: HeightInches | None = None
    weight_pounds: WeightPounds | None = None
    timezone: StrictStr = Field(
        profiles.DEFAULT_TIMEZONE, json_schema_extra={"enum": list(profiles.timezones())}
    )
    open_leaderboard: StrictBool = False

    @field_validator("display_name")
    @classmethod
    def _display_name(cls, value: str) -> str:
        problem = profiles.display_name_problem(value)
        if problem:
            raise ValueError(f"The display name {problem}.")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        if not profiles.is_valid_timezone(value):
            raise ValueError("Use an IANA time zone name such as 'America/Chicago'.")
        return value

    @field_validator("goals")
    @classmethod
    def _goals(cls, value: list[str]) -> list[str]:
        return profiles.normalize_goals(value)


class ProfileView(ApiModel):
    display_name: str | None = None
    biological_sex: str | None = None
    fitness_level: str | None = None
    goals: list[str] = Field(default_factory=list)
    height_inches: int | None = None
    weight_pounds: int | None = None
    timezone: str = profiles.DEFAULT_TIMEZONE
    open_leaderboard: bool = False
    age_bracket: str | None = None
    tier_code: str | None = None
    complete: bool = False


class ConnectionView(ApiModel):
    provider: str
    status: str
    is_primary: bool
    last_sync_at: datetime | None = None


class MemberStats(ApiModel):
    lifetime_points: int
    current_streak: int
    drawings_entered: int = Field(
        description="Drawings (not cancelled ones) where I hold a ticket or a free entry."
    )
    prizes_won: int = Field(
        description="Prizes I was drawn for (including ones on hold), not counting forfeited ones."
    )


class MeView(ApiModel):
    user_id: uuid.UUID
    email: str
    role: str
    status: str
    email_verified: bool
    point_balance: int
    lifetime_points: int
    premium_expires_at: datetime | None = None
    created_at: datetime
    profile: ProfileView
    connections: list[ConnectionView]
    stats: MemberStats


class PublicProfile(ApiModel):
    """What anyone may see of a member: nothing private."""

    user_id: uuid.UUID
    display_name: str | None = None
    tier_code: str | None = None
    ranks: dict[str, int] = Field(default_factory=dict)
