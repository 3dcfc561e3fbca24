"""The audit log as admins read it: filtered pages and the hash-chain check."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import TYPE_CHECKING

from fittrack.domain.errors import FieldError, ValidationFailed
from fittrack.domain.sync import day_start
from fittrack.repositories import audit
from fittrack.schemas.audit import AuditPage, AuditQuery, ChainVerification
from fittrack.schemas.base import Pagination
from fittrack.schemas.drawing_admin import AuditEntryView

if TYPE_CHECKING:
    from fittrack.platform import Platform


def view(entry: audit.AuditEntry) -> AuditEntryView:
    return AuditEntryView(
        audit_id=entry.audit_id,
        seq=entry.seq,
        entity_type=entry.entity_type,
        entity_id=entry.entity_id,
        action=entry.action,
        actor_id=entry.actor_id,
        before=entry.before,
        after=entry.after,
        created_at=entry.created_at,
        prev_hash=entry.prev_hash,
        entry_hash=entry.entry_hash,
    )


def _filter(query: AuditQuery) -> audit.Filter:
    first, last = query.from_date, query.to_date
    if first is not None and last is not None and last < first:
        raise ValidationFailed([FieldError("to", "Not before `from`.", "before_from")])
    return audit.Filter(
        actor_id=query.actor_id,
        entity_type=query.entity_type,
        entity_id=query.entity_id,
        action=query.action,
        since=day_start(query.from_date) if query.from_date else None,
        until=day_start(query.to_date + timedelta(days=1)) if query.to_date else None,
    )


def search(platform: Platform, query: AuditQuery) -> AuditPage:
    wanted = _filter(query)
    offset = (query.page - 1) * query.limit
    with platform.db.unit_of_work(readonly=True) as uow:
        entries, total = audit.search(uow, wanted, offset=offset, limit=query.limit)
    return AuditPage(
        entries=[view(e) for e in entries],
        pagination=Pagination(
            page=query.page,
            limit=query.limit,
            total_items=total,
            total_pages=math.ceil(total / query.limit),
        ),
    )


def verify(platform: Platform) -> ChainVerification:
    with platform.db.unit_of_work(readonly=True) as uow:
        check = audit.verify_chain(uow)
    return ChainVerification(
        ok=check.ok, checked=check.checked, first_bad_seq=check.first_bad_seq, problem=check.problem
    )
