"""GET/PUT /users/me/notification-preferences."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field, StrictBool

from fittrack.schemas.base import ApiModel

PreferenceKind = Literal["prize_won", "forfeit_warning", "prize_shipped", "account_status"]


class KindPreference(ApiModel):
    kind: PreferenceKind = Field(description="The notification kind (NotificationView.kind).")
    label: str
    email: bool = Field(description="Whether this kind is also sent by email.")
    email_required: bool = Field(
        description="An email the member cannot switch off (what they must know to claim or"
        " keep a prize, and changes to their account): `email` is always true."
    )
    in_app: Literal[True] = Field(True, description="In-app notifications are always on.")


class NotificationPreferences(ApiModel):
    kinds: list[KindPreference]
    updated_at: datetime | None = Field(
        None, description="When the member last changed a choice; null while all are defaults."
    )


class EmailChoices(ApiModel):
    """Only the kinds sent change; a kind never chosen keeps email on."""

    prize_won: StrictBool | None = None
    forfeit_warning: StrictBool | None = None
    prize_shipped: StrictBool | None = None
    account_status: StrictBool | None = None


class NotificationPreferencesUpdate(ApiModel):
    email: EmailChoices = Field(
        description="Email on (true) or off (false) per kind; switching off a kind whose"
        " `emailRequired` is true is a 400 problem."
    )
