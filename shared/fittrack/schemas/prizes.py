"""Prize API models: the admin's prize of a drawing and the public showcase."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from fittrack.schemas.base import HTTP_URL, MAX_PAGE, ApiModel, Pagination
from fittrack.schemas.values import Usd


class PrizeIn(ApiModel):
    rank: int = Field(ge=1, le=1000)
    name: str = Field(min_length=1, max_length=200)
    description: str | None = Field(None, max_length=2000)
    value_usd: Usd
    quantity: int = Field(1, ge=1, le=10000)
    fulfillment_type: Literal["digital", "physical"]
    sponsor_id: uuid.UUID | None = None
    image_url: str | None = Field(None, max_length=500, pattern=HTTP_URL)


class PrizeUpdate(ApiModel):
    """Only the fields sent change."""

    rank: int | None = Field(None, ge=1, le=1000)
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=2000)
    value_usd: Usd | None = None
    quantity: int | None = Field(None, ge=1, le=10000)
    fulfillment_type: Literal["digital", "physical"] | None = None
    sponsor_id: uuid.UUID | None = None
    image_url: str | None = Field(None, max_length=500, pattern=HTTP_URL)


class SponsorBrief(ApiModel):
    sponsor_id: uuid.UUID
    name: str
    website_url: str | None = None
    logo_url: str | None = None


class AdminPrizeView(ApiModel):
    prize_id: uuid.UUID
    drawing_id: uuid.UUID
    rank: int
    name: str
    description: str | None = None
    value_usd: float
    quantity: int
    fulfillment_type: str
    sponsor_id: uuid.UUID | None = None
    sponsor: SponsorBrief | None = None
    image_url: str | None = None


class ShowcaseItem(AdminPrizeView):
    drawing_name: str
    drawing_type: str
    drawing_status: str
    drawing_time: datetime


class ShowcasePage(ApiModel):
    items: list[ShowcaseItem]
    pagination: Pagination


class ShowcaseQuery(ApiModel):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    limit: int = Field(20, ge=1, le=100)
