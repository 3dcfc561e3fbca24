"""Sponsor API models."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from fittrack.schemas.base import HTTP_URL, MAX_PAGE, ApiModel, Pagination

# No spaces and, as in every text field, no control characters.
_LOCAL = r"[^@\s\x00-\x1f\x7f]+"
_EMAIL = rf"^{_LOCAL}@{_LOCAL}\.{_LOCAL}$"


class SponsorIn(ApiModel):
    name: str = Field(min_length=1, max_length=200)
    contact_name: str | None = Field(None, max_length=200)
    contact_email: str | None = Field(None, max_length=320, pattern=_EMAIL)
    website_url: str | None = Field(None, max_length=500, pattern=HTTP_URL)
    logo_url: str | None = Field(None, max_length=500, pattern=HTTP_URL)


class SponsorUpdate(ApiModel):
    """Only the fields sent change; `status` can reactivate a sponsor."""

    name: str | None = Field(None, min_length=1, max_length=200)
    contact_name: str | None = Field(None, max_length=200)
    contact_email: str | None = Field(None, max_length=320, pattern=_EMAIL)
    website_url: str | None = Field(None, max_length=500, pattern=HTTP_URL)
    logo_url: str | None = Field(None, max_length=500, pattern=HTTP_URL)
    status: Literal["active", "inactive"] | None = None


class AdminSponsorView(ApiModel):
    sponsor_id: uuid.UUID
    name: str
    contact_name: str | None = None
    contact_email: str | None = None
    website_url: str | None = None
    logo_url: str | None = None
    status: str
    created_at: datetime | None = None
    updated_at: datetime | None = None


class SponsorPage(ApiModel):
    items: list[AdminSponsorView]
    pagination: Pagination


class SponsorQuery(ApiModel):
    status: Literal["active", "inactive", "all"] = "all"
    page: int = Field(1, ge=1, le=MAX_PAGE)
    limit: int = Field(20, ge=1, le=100)
