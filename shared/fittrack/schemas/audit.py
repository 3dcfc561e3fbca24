"""GET /admin/audit and /admin/audit/verify: the hash-chained audit log, read by admins."""

from __future__ import annotations

import uuid

from pydantic import Field

from fittrack.schemas.base import MAX_PAGE, ApiModel, Pagination, ProgramDate
from fittrack.schemas.drawing_admin import AuditEntryView

# Entity types and actions are dotted lower-case words (fulfillment, drawing.executed).
_NAME = r"^[a-z][a-z0-9_.]*$"


class AuditQuery(ApiModel):
    """Every filter given narrows; dates are America/New_York days, both included."""

    actor_id: uuid.UUID | None = None
    entity_type: str | None = Field(None, max_length=64, pattern=_NAME)
    entity_id: uuid.UUID | None = None
    action: str | None = Field(None, max_length=100, pattern=_NAME)
    from_date: ProgramDate | None = Field(None, alias="from")
    to_date: ProgramDate | None = Field(None, alias="to")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    limit: int = Field(50, ge=1, le=200)

    contract_refusals = {("to", "before_from"): "Not before `from`."}


class AuditPage(ApiModel):
    entries: list[AuditEntryView]
    pagination: Pagination


class ChainVerification(ApiModel):
    ok: bool
    checked: int = Field(description="Entries whose hash and link were recomputed.")
    first_bad_seq: int | None = Field(
        None, description="Where the chain breaks: the first entry that does not verify."
    )
    problem: str | None = None
