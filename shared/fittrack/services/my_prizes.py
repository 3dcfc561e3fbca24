"""The winner's side: my prizes, confirming where a prize goes, and tax details.

A member sees only their own fulfillments: someone else's id is a 404, exactly as
an id that does not exist. Tax ids are encrypted at rest (AES-GCM, bound to the
fulfillment id) and never logged, returned or written to the audit log; only the
last four digits are kept readable.
"""

from __future__ import annotations

import json
import math
import uuid
from typing import TYPE_CHECKING

from fittrack.adapters.crypto import cipher_from_secrets
from fittrack.db import UnitOfWork, ids
from fittrack.domain import addresses
from fittrack.domain import fulfillment as rules
from fittrack.domain.errors import Conflict, FieldError, NotFound, ValidationFailed
from fittrack.repositories import admin_audit
from fittrack.repositories import fulfillments as repo
from fittrack.schemas.base import Pagination
from fittrack.schemas.fulfillment import (
    AddressIn,
    ConfirmDelivery,
    MyPrizePage,
    MyPrizeView,
    TaxDetailsIn,
    TaxDetailsReceipt,
)
from fittrack.services import fulfillment as core

if TYPE_CHECKING:
    from fittrack.platform import Platform

TAX_CIPHER_CONTEXT = b"fulfillment-tax-details:"


def _next_action(f: repo.Fulfillment) -> str | None:
    if f.status in rules.AWAITING_WINNER:
        return "confirm_email" if f.fulfillment_type == "digital" else "confirm_address"
    if (
        f.status == rules.ADDRESS_CONFIRMED
        and f.tax_info_required
        and f.tax_info_received_at is None
    ):
        return "tax_details"
    return None


def view(f: repo.Fulfillment) -> MyPrizeView:
    waiting = f.status in rules.AWAITING_WINNER
    return MyPrizeView(
        fulfillment_id=f.fulfillment_id,
        prize_id=f.prize_id,
        drawing_id=f.drawing_id,
        drawing_name=f.drawing_name,
        prize_name=f.prize_name,
        prize_rank=f.prize_rank,
        value_usd=float(f.value_usd),
        fulfillment_type=f.fulfillment_type,
        image_url=f.image_url,
        status=f.status,
        awaiting_review=f.status == rules.PENDING,
        next_action=_next_action(f),  # type: ignore[arg-type]
        shipping_address=f.shipping_address,
        delivery_email=f.delivery_email,
        carrier=f.carrier,
        tracking_number=f.tracking_number,
        shipped_at=f.shipped_at,
        delivered_at=f.delivered_at,
        tax_info_required=f.tax_info_required,
        tax_info_received=f.tax_info_received_at is not None,
        confirm_by=f.forfeit_due_at if waiting else None,
        won_at=f.created_at,
    )


def list_mine(platform: Platform, user_id: uuid.UUID, page: int, limit: int) -> MyPrizePage:
    uid = user_id
    with platform.db.unit_of_work(readonly=True) as uow:
        total = repo.count(uow, user_id=uid)
        items = [view(f) for f in repo.list_page(uow, (page - 1) * limit, limit=limit, user_id=uid)]
    return MyPrizePage(
        items=items,
        pagination=Pagination(
            page=page, limit=limit, total_items=total, total_pages=math.ceil(total / limit)
        ),
    )


def _mine(uow: UnitOfWork, user_id: uuid.UUID, fulfillment_id: uuid.UUID) -> repo.Fulfillment:
    f = core.load(uow, fulfillment_id)
    if f.user_id != user_id:
        raise NotFound("There is no fulfillment with this id.")
    return f


def get_mine(platform: Platform, user_id: uuid.UUID, fulfillment_id: uuid.UUID) -> MyPrizeView:
    with platform.db.unit_of_work(readonly=True) as uow:
        return view(_mine(uow, user_id, fulfillment_id))


def _address(raw: AddressIn | None, prefix: str = "address") -> addresses.UsAddress:
    if raw is None:
        raise ValidationFailed(
            [FieldError(prefix, "A US shipping address is required.", "required")]
        )
    found, errors = addresses.validate_us_address(
        name=raw.name,
        street1=raw.street1,
        street2=raw.street2,
        city=raw.city,
        state=raw.state,
        zip_code=raw.zip,
        phone=raw.phone,
        prefix=prefix,
    )
    if found is None:
        raise ValidationFailed(errors, "This is not a valid US address.")
    return found


def confirm_delivery(
    platform: Platform, user_id: uuid.UUID, fulfillment_id: uuid.UUID, body: ConfirmDelivery
) -> MyPrizeView:
    """Confirm (or correct, until it ships) the address or the delivery email."""
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        f = _mine(uow, user_id, fulfillment_id)
        if f.status not in rules.WINNER_MAY_CONFIRM:
            raise rules.IllegalFulfillmentTransition(
                f"This prize cannot take an address now (it is {f.status}).",
                currentStatus=f.status,
                targetStatus=rules.ADDRESS_CONFIRMED,
            )
        if f.fulfillment_type == "digital":
            email, errors = addresses.validate_email(body.email)
            if email is None:
                raise ValidationFailed(errors, "A digital prize needs a delivery email.")
            changes: dict[str, object] = {"delivery_email": email}
        else:
            changes = {"shipping_address": _address(body.address).as_dict()}
        changes["address_confirmed_at"] = now
        done = (
            core.update_fields(uow, f, changes, now)
            if f.status == rules.ADDRESS_CONFIRMED
            else core.transition(uow, f, target=rules.ADDRESS_CONFIRMED, changes=changes, now=now)
        )
        admin_audit.record_audit(
            uow,
            entity_type="fulfillment",
            entity_id=f.fulfillment_id,
            action="fulfillment.address_confirmed",
            actor_id=user_id,
            before=f.audit_view(),
            after=done.audit_view(),
            now=now,
        )
        return view(done)


def submit_tax_details(
    platform: Platform, user_id: uuid.UUID, fulfillment_id: uuid.UUID, body: TaxDetailsIn
) -> TaxDetailsReceipt:
    """Store the winner's 1099 details, encrypted; answer with a receipt (last 4 digits).

    Which prize comes first (404, 409), then what was typed (400)."""
    now = platform.clock()
    cipher = cipher_from_secrets(platform.secrets)
    with platform.db.unit_of_work() as uow:
        f = _mine(uow, user_id, fulfillment_id)
        if not f.tax_info_required:
            raise Conflict("This prize is worth less than $600: no tax details are needed.")
        if f.status not in (rules.PENDING, *rules.WINNER_MAY_CONFIRM):
            raise Conflict(
                f"This prize no longer takes tax details (it is {f.status}).",
                currentStatus=f.status,
            )
        tax_id, errors = addresses.validate_tax_id(body.tax_id)
        address = _address(body.address)
        if tax_id is None:
            raise ValidationFailed(errors, "The tax details are not valid.")
        plain = json.dumps(
            {"legalName": body.legal_name, "taxId": tax_id, "address": address.as_dict()},
            separators=(",", ":"),
        )
        blob = cipher.encrypt(plain, TAX_CIPHER_CONTEXT + ids.to_db(f.fulfillment_id))
        repo.save_tax_details(uow, f.fulfillment_id, blob=blob, last4=tax_id[-4:], now=now)
        core.update_fields(uow, f, {"tax_info_received_at": now}, now)
        admin_audit.record_audit(
            uow,
            entity_type="fulfillment",
            entity_id=f.fulfillment_id,
            action="fulfillment.tax_details_received",
            actor_id=user_id,
            before={"taxInfoReceived": f.tax_info_received_at is not None},
            after={"taxInfoReceived": True},
            now=now,
        )
    return TaxDetailsReceipt(
        fulfillment_id=f.fulfillment_id,
        tax_info_received=True,
        tax_id_last4=tax_id[-4:],
        received_at=now,
    )


def read_tax_details(platform: Platform, uow: UnitOfWork, fulfillment_id: uuid.UUID) -> dict | None:
    """Decrypt a winner's tax details (for the 1099 export; never logged)."""
    row = repo.tax_details(uow, fulfillment_id)
    if row is None:
        return None
    cipher = cipher_from_secrets(platform.secrets)
    plain = cipher.decrypt(
        bytes(row["details_encrypted"]), TAX_CIPHER_CONTEXT + ids.to_db(fulfillment_id)
    )
    result: dict = json.loads(plain)
    return result
