"""Prizes of a drawing (admin, only while the drawing is draft or scheduled) and the
public prize showcase. Every admin change is audited."""

from __future__ import annotations

import dataclasses
import math
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from fittrack.db import UnitOfWork, ids
from fittrack.domain.errors import Conflict, FieldConflict, FieldError, NotFound
from fittrack.domain.sponsors import SponsorStatus
from fittrack.repositories import admin_audit, sponsors
from fittrack.repositories import prizes as repo
from fittrack.schemas.base import Pagination
from fittrack.schemas.prizes import (
    AdminPrizeView,
    PrizeIn,
    PrizeUpdate,
    ShowcaseItem,
    ShowcasePage,
    SponsorBrief,
)

if TYPE_CHECKING:
    from fittrack.domain.identity import Caller
    from fittrack.platform import Platform

EDITABLE_DRAWING_STATUSES = ("draft", "scheduled")


def _brief(s: sponsors.Sponsor | None) -> SponsorBrief | None:
    return (
        None
        if s is None
        else SponsorBrief(
            sponsor_id=s.sponsor_id, name=s.name, website_url=s.website_url, logo_url=s.logo_url
        )
    )


def view(p: repo.Prize, sponsor: sponsors.Sponsor | None = None) -> AdminPrizeView:
    return AdminPrizeView(
        prize_id=p.prize_id,
        drawing_id=p.drawing_id,
        rank=p.rank,
        name=p.name,
        description=p.description,
        value_usd=float(p.value_usd),
        quantity=p.quantity,
        fulfillment_type=p.fulfillment_type,
        sponsor_id=p.sponsor_id,
        sponsor=_brief(sponsor),
        image_url=p.image_url,
    )


def _editable_drawing(uow: UnitOfWork, drawing_id: uuid.UUID) -> None:
    status = repo.drawing_status(uow, drawing_id)
    if status is None:
        raise NotFound("There is no drawing with this id.")
    if status not in EDITABLE_DRAWING_STATUSES:
        raise Conflict(
            f"Prizes can change only while the drawing is draft or scheduled (it is {status}).",
            drawingStatus=status,
        )


def _check(
    uow: UnitOfWork, prize: repo.Prize, changed_sponsor: bool, except_prize: uuid.UUID | None = None
) -> sponsors.Sponsor | None:
    if repo.rank_taken(uow, prize.drawing_id, prize.rank, except_prize):
        raise Conflict(f"This drawing already has a prize of rank {prize.rank}.")
    if prize.sponsor_id is None:
        return None
    sponsor = sponsors.get(uow, prize.sponsor_id)
    if sponsor is None or (changed_sponsor and sponsor.status != SponsorStatus.ACTIVE):
        raise FieldConflict(
            [FieldError("sponsorId", "Choose an active sponsor.", "invalid_sponsor")]
        )
    return sponsor


def _audit(
    uow: UnitOfWork,
    admin: Caller,
    *,
    action: str,
    before: repo.Prize | None,
    after: repo.Prize | None,
    now: datetime,
) -> None:
    admin_id = admin.user_id
    subject = after or before
    assert subject is not None
    docs = [p.audit_view() if p else None for p in (before, after)]
    admin_audit.record_audit(
        uow,
        entity_type="prize",
        entity_id=subject.prize_id,
        action=f"prize.{action}",
        actor_id=admin_id,
        before=docs[0],
        after=docs[1],
        now=now,
    )
    admin_audit.record_admin_action(
        uow,
        admin_id=admin_id,
        action=f"prize.{action}",
        target_user_id=None,
        reason=None,
        before={"prizeId": str(subject.prize_id), **(docs[0] or {})},
        after={"prizeId": str(subject.prize_id), **(docs[1] or {})},
        now=now,
    )


def add_prize(
    platform: Platform, admin: Caller, drawing_id: uuid.UUID, body: PrizeIn
) -> AdminPrizeView:
    now = platform.clock()
    prize = repo.Prize(
        prize_id=ids.new_id(),
        drawing_id=drawing_id,
        rank=body.rank,
        name=body.name,
        description=body.description,
        value_usd=body.value_usd,
        quantity=body.quantity,
        fulfillment_type=body.fulfillment_type,
        sponsor_id=body.sponsor_id,
        image_url=body.image_url,
    )
    with platform.db.unit_of_work() as uow:
        _editable_drawing(uow, prize.drawing_id)
        sponsor = _check(uow, prize, changed_sponsor=True)
        repo.insert(uow, prize, now)
        _audit(uow, admin, action="created", before=None, after=prize, now=now)
    return view(prize, sponsor)


def _load(uow: UnitOfWork, prize_id: uuid.UUID) -> repo.Prize:
    found = repo.get(uow, prize_id)
    if found is None:
        raise NotFound("There is no prize with this id.")
    return found


def update_prize(
    platform: Platform, admin: Caller, prize_id: uuid.UUID, body: PrizeUpdate
) -> AdminPrizeView:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        before = _load(uow, prize_id)
        _editable_drawing(uow, before.drawing_id)
        fields = {name: getattr(body, name) for name in body.model_fields_set}
        for required in ("rank", "name", "value_usd", "quantity", "fulfillment_type"):
            if fields.get(required) is None:
                fields.pop(required, None)
        after = dataclasses.replace(before, **fields)
        sponsor = _check(uow, after, after.sponsor_id != before.sponsor_id, before.prize_id)
        repo.update(uow, after, now)
        _audit(uow, admin, action="updated", before=before, after=after, now=now)
    return view(after, sponsor)


def remove_prize(platform: Platform, admin: Caller, prize_id: uuid.UUID) -> None:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        before = _load(uow, prize_id)
        _editable_drawing(uow, before.drawing_id)
        repo.delete(uow, before.prize_id)
        _audit(uow, admin, action="deleted", before=before, after=None, now=now)


def showcase(platform: Platform, page: int, limit: int) -> ShowcasePage:
    """Prizes of upcoming drawings (scheduled, open or closed), soonest first."""
    with platform.db.unit_of_work(readonly=True) as uow:
        total = repo.count_showcase(uow)
        rows = repo.list_showcase(uow, (page - 1) * limit, limit)
        by_id = sponsors.get_many(uow, [r.prize.sponsor_id for r in rows if r.prize.sponsor_id])
    items = [
        ShowcaseItem(
            **view(
                r.prize, by_id.get(r.prize.sponsor_id) if r.prize.sponsor_id else None
            ).model_dump(),
            drawing_name=r.drawing_name,
            drawing_type=r.drawing_type,
            drawing_status=r.drawing_status,
            drawing_time=r.drawing_time,
        )
        for r in rows
    ]
    return ShowcasePage(
        items=items,
        pagination=Pagination(
            page=page, limit=limit, total_items=total, total_pages=math.ceil(total / limit)
        ),
    )
