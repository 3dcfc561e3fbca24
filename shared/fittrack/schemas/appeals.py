"""Appeals (PRD US-055): a member's appeal, the public form, and the admins' queue."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from fittrack.schemas.base import MAX_PAGE, ApiModel, Pagination

APPEAL_MESSAGE_MAX = 2000


class AppealRequest(ApiModel):
    message: str = Field(min_length=1, max_length=APPEAL_MESSAGE_MAX)


class PublicAppealRequest(ApiModel):
    email: str = Field(min_length=1, max_length=320)
    message: str = Field(min_length=1, max_length=APPEAL_MESSAGE_MAX)


class ConfirmAppealRequest(ApiModel):
    token: str = Field(min_length=1, max_length=512, repr=False)


class ConfirmedAppeal(ApiModel):
    appeal_id: uuid.UUID
    status: str


class AppealView(ApiModel):
    appeal_id: uuid.UUID
    channel: Literal["member", "public"]
    message: str
    status: Literal["pending", "upheld", "reinstated"]
    decision_note: str | None = None
    decided_at: datetime | None = None
    created_at: datetime


class MyAppeals(ApiModel):
    items: list[AppealView]


class AdminAppealView(AppealView):
    user_id: uuid.UUID
    email: str
    decided_by: uuid.UUID | None = None


class AdminAppealQuery(ApiModel):
    status: Literal["pending", "upheld", "reinstated"] | None = None
    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    limit: int = Field(default=20, ge=1, le=100)


class AdminAppealPage(ApiModel):
    items: list[AdminAppealView]
    pagination: Pagination


class DecideAppeal(ApiModel):
    decision: Literal["uphold", "reinstate"]
    note: str = Field(min_length=1, max_length=1000)
