from __future__ import annotations

from pydantic import Field

from fittrack.schemas.base import ApiModel


class OutboxQuery(ApiModel):
    limit: int = Field(50, ge=1, le=500)
    to: str | None = None
