"""Admin: the recurring drawing templates the lifecycle job creates drawings from.

A template names the type (daily, weekly, monthly, annual: SPEC.md times in ET),
the ticket cost (default SPEC.md's for the type), eligibility and the prizes to
copy into each drawing. DELETE deactivates: drawings already made keep pointing
at their template.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain import drawings as rules
from fittrack.domain.eligibility import Rules
from fittrack.domain.errors import FieldConflict, FieldError, NotFound, ValidationFailed
from fittrack.repositories import audit, sponsors, templates
from fittrack.schemas.drawing_admin import TemplateIn, TemplateList, TemplatePrize, TemplateView
from fittrack.schemas.drawings import EligibilityView

if TYPE_CHECKING:
    from fittrack.platform import Platform


def _view(t: templates.Template, platform: Platform) -> TemplateView:
    rules_ = Rules.from_json(t.eligibility)
    return TemplateView(
        template_id=t.template_id,
        name=t.name,
        type=t.drawing_type,  # type: ignore[arg-type]
        description=t.description,
        ticket_cost_points=t.ticket_cost_points,
        eligibility=EligibilityView(
            user_type=rules_.user_type,  # type: ignore[arg-type]
            min_account_age_days=rules_.min_account_age_days,
        ),
        prizes=[TemplatePrize.model_validate(p) for p in t.prizes],
        is_active=t.is_active,
        next_drawing_time=rules.next_drawing_time(t.drawing_type, platform.clock()),
        created_at=t.created_at,
        updated_at=t.updated_at,
    )


def _check(uow: UnitOfWork, body: TemplateIn) -> list[dict[str, Any]]:
    ranks = [p.rank for p in body.prizes]
    if len(set(ranks)) != len(ranks):
        raise ValidationFailed(
            [FieldError("prizes", "Each prize needs a rank of its own.", "duplicate")]
        )
    unknown = [
        FieldError(f"prizes.{n}.sponsorId", "There is no such sponsor.", "not_found")
        for n, prize in enumerate(body.prizes)
        if prize.sponsor_id is not None and sponsors.get(uow, prize.sponsor_id) is None
    ]
    if unknown:
        raise FieldConflict(unknown)
    return [p.model_dump(mode="json") for p in sorted(body.prizes, key=lambda p: p.rank)]


def _audit(t: templates.Template) -> dict[str, Any]:
    return {
        "name": t.name,
        "type": t.drawing_type,
        "ticketCostPoints": t.ticket_cost_points,
        "eligibility": t.eligibility,
        "prizes": len(t.prizes),
        "isActive": t.is_active,
    }


def list_templates(platform: Platform) -> TemplateList:
    with platform.db.unit_of_work(readonly=True) as uow:
        found = templates.list_all(uow)
    return TemplateList(templates=[_view(t, platform) for t in found])


def create(platform: Platform, admin_id: uuid.UUID, body: TemplateIn) -> TemplateView:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        new = templates.Template(
            template_id=ids.new_id(),
            name=body.name,
            drawing_type=body.drawing_type,
            description=body.description,
            ticket_cost_points=body.ticket_cost_points or rules.TICKET_COSTS[body.drawing_type],
            eligibility=Rules(
                body.eligibility.user_type, body.eligibility.min_account_age_days
            ).to_json(),
            prizes=_check(uow, body),
            is_active=body.is_active,
            created_by=admin_id,
        )
        templates.insert(uow, new, now)
        audit.append(
            uow,
            entity_type="drawing_template",
            entity_id=new.template_id,
            action="drawing_template.created",
            actor_id=admin_id,
            before=None,
            after=_audit(new),
            now=now,
        )
        saved = templates.get(uow, new.template_id)
    assert saved is not None
    return _view(saved, platform)


def _load(uow: UnitOfWork, template_id: uuid.UUID) -> templates.Template:
    found = templates.get(uow, template_id)
    if found is None:
        raise NotFound("There is no drawing template with this id.")
    return found


def update(
    platform: Platform, admin_id: uuid.UUID, template_id: uuid.UUID, body: TemplateIn
) -> TemplateView:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        current = _load(uow, template_id)
        changed = replace(
            current,
            name=body.name,
            drawing_type=body.drawing_type,
            description=body.description,
            ticket_cost_points=body.ticket_cost_points or rules.TICKET_COSTS[body.drawing_type],
            eligibility=Rules(
                body.eligibility.user_type, body.eligibility.min_account_age_days
            ).to_json(),
            prizes=_check(uow, body),
            is_active=body.is_active,
        )
        templates.update(uow, changed, now)
        audit.append(
            uow,
            entity_type="drawing_template",
            entity_id=current.template_id,
            action="drawing_template.updated",
            actor_id=admin_id,
            before=_audit(current),
            after=_audit(changed),
            now=now,
        )
        saved = _load(uow, template_id)
    return _view(saved, platform)


def deactivate(platform: Platform, admin_id: uuid.UUID, template_id: uuid.UUID) -> TemplateView:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        current = _load(uow, template_id)
        if current.is_active:
            templates.update(uow, replace(current, is_active=False), now)
            audit.append(
                uow,
                entity_type="drawing_template",
                entity_id=current.template_id,
                action="drawing_template.deactivated",
                actor_id=admin_id,
                before={"isActive": True},
                after={"isActive": False},
                now=now,
            )
        saved = _load(uow, template_id)
    return _view(saved, platform)
