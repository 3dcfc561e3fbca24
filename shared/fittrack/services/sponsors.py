"""Admin sponsors: list, create, view, update, deactivate (never delete). All audited."""

from __future__ import annotations

import dataclasses
import math
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from fittrack.db import UnitOfWork, ids
from fittrack.domain.errors import NotFound
from fittrack.domain.sponsors import SponsorStatus
from fittrack.repositories import admin_audit
from fittrack.repositories import sponsors as repo
from fittrack.schemas.base import Pagination
from fittrack.schemas.sponsors import AdminSponsorView, SponsorIn, SponsorPage, SponsorUpdate

if TYPE_CHECKING:
    from fittrack.domain.identity import Caller
    from fittrack.platform import Platform


def view(s: repo.Sponsor) -> AdminSponsorView:
    return AdminSponsorView(
        sponsor_id=s.sponsor_id,
        name=s.name,
        contact_name=s.contact_name,
        contact_email=s.contact_email,
        website_url=s.website_url,
        logo_url=s.logo_url,
        status=s.status,
        created_at=s.created_at,
        updated_at=s.updated_at,
    )


def list_sponsors(platform: Platform, status: str, page: int, limit: int) -> SponsorPage:
    wanted = None if status == "all" else status
    with platform.db.unit_of_work(readonly=True) as uow:
        total = repo.count(uow, wanted)
        items = repo.list_page(uow, wanted, (page - 1) * limit, limit)
    return SponsorPage(
        items=[view(s) for s in items],
        pagination=Pagination(
            page=page, limit=limit, total_items=total, total_pages=math.ceil(total / limit)
        ),
    )


def _load(uow: UnitOfWork, sponsor_id: uuid.UUID) -> repo.Sponsor:
    try:
        sid = sponsor_id
    except ValueError:
        raise NotFound("There is no sponsor with this id.") from None
    found = repo.get(uow, sid)
    if found is None:
        raise NotFound("There is no sponsor with this id.")
    return found


def get_sponsor(platform: Platform, sponsor_id: uuid.UUID) -> AdminSponsorView:
    with platform.db.unit_of_work(readonly=True) as uow:
        return view(_load(uow, sponsor_id))


def _audit(
    uow: UnitOfWork,
    admin: Caller,
    *,
    action: str,
    before: repo.Sponsor | None,
    after: repo.Sponsor,
    now: datetime,
) -> None:
    admin_id = admin.user_id
    before_doc = before.audit_view() if before else None
    admin_audit.record_audit(
        uow,
        entity_type="sponsor",
        entity_id=after.sponsor_id,
        action=f"sponsor.{action}",
        actor_id=admin_id,
        before=before_doc,
        after=after.audit_view(),
        now=now,
    )
    admin_audit.record_admin_action(
        uow,
        admin_id=admin_id,
        action=f"sponsor.{action}",
        target_user_id=None,
        reason=None,
        before={"sponsorId": str(after.sponsor_id), **(before_doc or {})},
        after={"sponsorId": str(after.sponsor_id), **after.audit_view()},
        now=now,
    )


def create_sponsor(platform: Platform, admin: Caller, body: SponsorIn) -> AdminSponsorView:
    now = platform.clock()
    sponsor = repo.Sponsor(
        sponsor_id=ids.new_id(),
        name=body.name,
        contact_name=body.contact_name,
        contact_email=body.contact_email,
        website_url=body.website_url,
        logo_url=body.logo_url,
        status="active",
        created_at=now,
        updated_at=now,
    )
    with platform.db.unit_of_work() as uow:
        repo.insert(uow, sponsor, now)
        _audit(uow, admin, action="created", before=None, after=sponsor, now=now)
    return view(sponsor)


def update_sponsor(
    platform: Platform, admin: Caller, sponsor_id: uuid.UUID, body: SponsorUpdate
) -> AdminSponsorView:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        before = _load(uow, sponsor_id)
        fields = {name: getattr(body, name) for name in body.model_fields_set}
        if fields.get("name") is None:
            fields.pop("name", None)  # a name can change, never be cleared
        if fields.get("status") is None:
            fields.pop("status", None)
        after = dataclasses.replace(before, **fields, updated_at=now)
        repo.update(uow, after, now)
        _audit(uow, admin, action="updated", before=before, after=after, now=now)
    return view(after)


def deactivate_sponsor(
    platform: Platform, admin: Caller, sponsor_id: uuid.UUID
) -> AdminSponsorView:
    """DELETE: the sponsor turns inactive (its prizes and history stay). Repeating is harmless."""
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        before = _load(uow, sponsor_id)
        if before.status == SponsorStatus.INACTIVE:
            return view(before)
        after = dataclasses.replace(before, status="inactive", updated_at=now)
        repo.update(uow, after, now)
        _audit(uow, admin, action="deactivated", before=before, after=after, now=now)
    return view(after)
