"""Sponsors: who gives the prizes; deactivated, never deleted."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class SponsorStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


@dataclass(frozen=True, kw_only=True)
class Sponsor:
    sponsor_id: uuid.UUID
    name: str
    contact_name: str | None
    contact_email: str | None
    website_url: str | None
    logo_url: str | None
    status: str
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def audit_view(self) -> dict[str, Any]:
        """What the audit log keeps (business data, no personal contact details)."""
        return {
            "name": self.name,
            "websiteUrl": self.website_url,
            "logoUrl": self.logo_url,
            "status": self.status,
        }
