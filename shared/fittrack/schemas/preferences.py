"""GET/PUT /users/me/notification-preferences."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field, StrictBool
from pydantic.json_schema import JsonDict

from fittrack.domain.constants import MANDATORY_EMAIL
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


def _only_on(schema: JsonDict) -> None:
    """A mandatory email may be sent as on (or left out), never as off."""
    schema["anyOf"] = [{"type": "boolean", "const": True}, {"type": "null"}]


def _choice(kind: str) -> Any:
    extra = _only_on if kind in MANDATORY_EMAIL else None
    return Field(None, json_schema_extra=extra)


class EmailChoices(ApiModel):
    """Only the kinds sent change; a kind never chosen keeps email on. Switching off a
    mandatory email is refused with a field error (the domain's message)."""

    prize_won: StrictBool | None = _choice("prize_won")
    forfeit_warning: StrictBool | None = _choice("forfeit_warning")
    prize_shipped: StrictBool | None = _choice("prize_shipped")
    account_status: StrictBool | None = _choice("account_status")


class NotificationPreferencesUpdate(ApiModel):
    email: EmailChoices = Field(
        description="Email on (true) or off (false) per kind; switching off a kind whose"
        " `emailRequired` is true is a 400 problem."
    )
