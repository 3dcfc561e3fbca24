"""Fulfillment API models: the admin's view and actions, the winner's prizes and forms."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from fittrack.domain import addresses
from fittrack.domain.constants import US_STATES
from fittrack.schemas.base import (
    MAX_PAGE,
    PRINTABLE_ASCII,
    ApiModel,
    Pagination,
    declared_required,
    string_with,
)

Status = Literal[
    "pending",
    "winner_notified",
    "address_confirmed",
    "address_invalid",
    "shipped",
    "delivered",
    "forfeited",
]


class FulfillmentView(ApiModel):
    fulfillment_id: uuid.UUID
    winner_id: uuid.UUID
    user_id: uuid.UUID
    prize_id: uuid.UUID
    drawing_id: uuid.UUID
    drawing_name: str
    prize_name: str
    prize_rank: int
    value_usd: float
    fulfillment_type: str
    status: str
    held: bool
    shipping_address: dict[str, Any] | None = None
    delivery_email: str | None = None
    address_confirmed_at: datetime | None = None
    carrier: str | None = None
    tracking_number: str | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    tax_info_required: bool
    tax_info_received: bool
    tax_info_received_at: datetime | None = None
    tax_id_last4: str | None = None
    notified_at: datetime | None = None
    warning_due_at: datetime | None = None
    warning_sent_at: datetime | None = None
    forfeit_due_at: datetime | None = None
    forfeited_at: datetime | None = None
    notes: str | None = None
    redrawn_fulfillment_id: uuid.UUID | None = None
    created_at: datetime
    updated_at: datetime


class FulfillmentPage(ApiModel):
    items: list[FulfillmentView]
    pagination: Pagination


class FulfillmentQuery(ApiModel):
    status: Status | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)
    limit: int = Field(20, ge=1, le=100)


class UpdateFulfillment(ApiModel):
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    notes: str | None = Field(None, max_length=4000)
    address_status: Literal["invalid", "confirmed"] | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> UpdateFulfillment:
        if not self.model_fields_set:
            raise ValueError("Give notes or addressStatus: an update must change something.")
        return self


class ShipPrize(ApiModel):
    carrier: str = Field(min_length=1, max_length=64, pattern=PRINTABLE_ASCII)
    tracking_number: str = Field(min_length=1, max_length=128, pattern=PRINTABLE_ASCII)


class ForfeitPrize(ApiModel):
    reason: str = Field("forfeited by an admin", min_length=1, max_length=500)


class MyPrizeView(ApiModel):
    fulfillment_id: uuid.UUID
    prize_id: uuid.UUID
    drawing_id: uuid.UUID
    drawing_name: str
    prize_name: str
    prize_rank: int
    value_usd: float
    fulfillment_type: str
    image_url: str | None = None
    status: str
    awaiting_review: bool
    next_action: Literal["confirm_address", "confirm_email", "tax_details"] | None = None
    shipping_address: dict[str, Any] | None = None
    delivery_email: str | None = None
    carrier: str | None = None
    tracking_number: str | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    tax_info_required: bool
    tax_info_received: bool
    confirm_by: datetime | None = None
    won_at: datetime


class MyPrizePage(ApiModel):
    items: list[MyPrizeView]
    pagination: Pagination


class PageQuery(ApiModel):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    limit: int = Field(20, ge=1, le=100)


_LIMIT = addresses.ADDRESS_LIMITS


class AddressIn(ApiModel):
    """A US postal address, declared as fittrack.domain.addresses checks it."""

    model_config = declared_required("name", "street1", "city", "state", "zip")

    name: str | None = Field(
        None, max_length=_LIMIT["name"], json_schema_extra=string_with(minLength=1)
    )
    street1: str | None = Field(
        None,
        max_length=_LIMIT["street1"],
        json_schema_extra=string_with(pattern=addresses.STREET_PATTERN),
    )
    street2: str | None = Field(None, max_length=_LIMIT["street2"])
    city: str | None = Field(
        None, max_length=_LIMIT["city"], json_schema_extra=string_with(minLength=1)
    )
    state: str | None = Field(
        None, max_length=2, json_schema_extra=string_with(enum=sorted(US_STATES))
    )
    zip: str | None = Field(
        None, max_length=10, json_schema_extra=string_with(pattern=addresses.ZIP_PATTERN)
    )
    phone: str | None = Field(
        None, max_length=20, json_schema_extra={"pattern": addresses.PHONE_PATTERN}
    )


class ConfirmDelivery(ApiModel):
    """A shipping address for a physical prize, or an email for a digital one."""

    address: AddressIn | None = None
    email: str | None = Field(None, max_length=320)


class TaxDetailsIn(ApiModel):
    legal_name: str = Field(min_length=1, max_length=200)
    tax_id: str = Field(
        min_length=9, max_length=11, json_schema_extra={"pattern": addresses.TAX_ID_PATTERN}
    )
    address: AddressIn


class TaxDetailsReceipt(ApiModel):
    fulfillment_id: uuid.UUID
    tax_info_received: bool
    tax_id_last4: str
    received_at: datetime
