"""Admin drawings on the wire: create/update bodies, the admin view, templates, audit."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StrictBool, StrictInt

from fittrack.schemas.base import HTTP_URL, MAX_PAGE, ApiModel, Pagination
from fittrack.schemas.drawings import DrawingResults, DrawingType, DrawingView, EligibilityView
from fittrack.schemas.values import JsonDatetime, JsonInt, Usd, integral

AdminStatus = Literal["draft", "scheduled", "open", "closed", "completed", "cancelled"]


# Bounded inside the validator so the contract says minimum/maximum (see values.JsonInt).
TicketCost = Annotated[Annotated[StrictInt, Field(ge=1, le=10_000_000)], BeforeValidator(integral)]


_TIME_RULES = {
    ("drawingTime", "too_early"): "More than 5 minutes after now (sales close 5 minutes "
    "before the drawing).",
    ("drawingTime", "too_late"): "At most 5 years after now.",
    ("opensAt", "after_close"): "Before sales close (5 minutes before the drawing time).",
}


class DrawingCreate(ApiModel):
    """POST /admin/drawings. Cost and time default to SPEC.md's for the type."""

    contract_refusals = _TIME_RULES

    drawing_type: DrawingType = Field(alias="type")
    name: str = Field(min_length=1, max_length=200)
    description: str | None = Field(None, max_length=4000)
    ticket_cost_points: TicketCost | None = None
    drawing_time: JsonDatetime | None = None
    opens_at: JsonDatetime | None = None
    eligibility: EligibilityView = Field(default_factory=lambda: EligibilityView())


class DrawingUpdate(ApiModel):
    """PUT /admin/drawings/{id} (draft or scheduled only): the fields given change."""

    contract_refusals = _TIME_RULES

    drawing_type: DrawingType | None = Field(None, alias="type")
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=4000)
    ticket_cost_points: TicketCost | None = None
    drawing_time: JsonDatetime | None = None
    opens_at: JsonDatetime | None = None
    eligibility: EligibilityView | None = None


class CancelDrawing(ApiModel):
    reason: str | None = Field(None, max_length=500)


class AdminDrawingsQuery(ApiModel):
    status: AdminStatus | None = None
    drawing_type: DrawingType | None = Field(None, alias="type")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    limit: int = Field(20, ge=1, le=100)


class AdminDrawingView(DrawingView):
    template_id: uuid.UUID | None = None
    period_key: str | None = None
    next_ticket_number: int
    cancel_reason: str | None = None
    created_by: uuid.UUID | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class AdminDrawingList(ApiModel):
    drawings: list[AdminDrawingView]
    pagination: Pagination


class ExecutionResult(ApiModel):
    drawing: AdminDrawingView
    results: DrawingResults


class AuditEntryView(ApiModel):
    audit_id: uuid.UUID
    seq: int | None = None
    entity_type: str
    entity_id: uuid.UUID | None = None
    action: str
    actor_id: uuid.UUID | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    created_at: datetime
    prev_hash: str | None = None
    entry_hash: str | None = None


class DrawingAudit(ApiModel):
    drawing_id: uuid.UUID
    entries: list[AuditEntryView]


class TemplatePrize(ApiModel):
    rank: JsonInt = Field(ge=1, le=1000)
    name: str = Field(min_length=1, max_length=200)
    description: str | None = Field(None, max_length=4000)
    value_usd: Usd
    quantity: JsonInt = Field(1, ge=1, le=10_000)
    fulfillment_type: Literal["digital", "physical"]
    sponsor_id: uuid.UUID | None = None
    image_url: str | None = Field(None, max_length=1000, pattern=HTTP_URL)


class TemplateIn(ApiModel):
    """POST /admin/drawing-templates and PUT /admin/drawing-templates/{id}."""

    contract_refusals = {("prizes", "duplicate"): "Each prize has a rank no other prize has."}

    name: str = Field(min_length=1, max_length=200)
    drawing_type: DrawingType = Field(alias="type")
    description: str | None = Field(None, max_length=4000)
    ticket_cost_points: TicketCost | None = None
    eligibility: EligibilityView = Field(default_factory=lambda: EligibilityView())
    prizes: list[TemplatePrize] = Field(default_factory=list, max_length=100)
    is_active: StrictBool = True


class TemplateView(ApiModel):
    template_id: uuid.UUID
    name: str
    type: DrawingType
    description: str | None = None
    ticket_cost_points: int
    eligibility: EligibilityView
    prizes: list[TemplatePrize]
    is_active: bool
    next_drawing_time: datetime
    created_at: datetime | None = None
    updated_at: datetime | None = None


class TemplateList(ApiModel):
    templates: list[TemplateView]
