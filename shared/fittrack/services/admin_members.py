"""Admin reads about members: the search list, one member's detail page, their history."""

from __future__ import annotations

import math
import uuid
from typing import TYPE_CHECKING

from fittrack.db import UnitOfWork
from fittrack.domain.errors import NotFound
from fittrack.repositories import admin_users as repo
from fittrack.repositories import appeals, connections, profiles, review_flags, sessions, tickets
from fittrack.schemas import admin_users as views
from fittrack.schemas.appeals import AppealView
from fittrack.schemas.base import Pagination
from fittrack.services import premium

if TYPE_CHECKING:
    from fittrack.platform import Platform

# How many of each list the detail page shows (newest first); the totals are counted.
DETAIL_ITEMS = 20


def _pagination(page: int, limit: int, total: int) -> Pagination:
    return Pagination(
        page=page, limit=limit, total_items=total, total_pages=math.ceil(total / limit)
    )


def search(platform: Platform, query: views.AdminUserQuery) -> views.AdminUserPage:
    wanted = repo.Search(
        email=query.email,
        display_name=query.display_name,
        status=query.status,
        role=query.role,
        tier_code=query.tier,
        sort=query.sort,
    )
    offset = (query.page - 1) * query.limit
    with platform.db.unit_of_work(readonly=True) as uow:
        total = repo.count(uow, wanted)
        rows = repo.search_page(uow, wanted, offset, query.limit)
    return views.AdminUserPage(
        items=[views.AdminUserRow.model_validate(row, from_attributes=True) for row in rows],
        pagination=_pagination(query.page, query.limit, total),
    )


def existing_member(uow: UnitOfWork, user_id: uuid.UUID) -> profiles.Member:
    """The member, or 404 (a deleted account is gone for admins too)."""
    member = profiles.get_member(uow, user_id)
    if member is None or member.deleted_at is not None:
        raise NotFound("There is no member with this id.")
    return member


def detail(platform: Platform, user_id: uuid.UUID) -> views.AdminUserDetail:
    now = platform.clock()
    with platform.db.unit_of_work(readonly=True) as uow:
        member = existing_member(uow, user_id)
        profile = member.profile
        return views.AdminUserDetail(
            user_id=member.user_id,
            email=member.email,
            email_verified_at=member.email_verified_at,
            role=member.role,
            status=member.status,
            premium_expires_at=member.premium_expires_at,
            premium_source=premium.current(uow, user_id, now).source,  # type: ignore[arg-type]
            created_at=member.created_at,
            display_name=profile.display_name if profile else None,
            tier_code=profile.tier_code if profile else None,
            fitness_level=profile.fitness_level if profile else None,
            profile_completed_at=profile.completed_at if profile else None,
            point_balance=member.point_balance,
            lifetime_points=member.lifetime_points,
            ledger={
                kind: views.LedgerTotals(entries=n, points=points)
                for kind, (n, points) in repo.ledger_summary(uow, user_id).items()
            },
            connections=[
                views.AdminConnection.model_validate(c, from_attributes=True)
                for c in connections.list_for_user(uow, user_id)
            ],
            open_flags=len(review_flags.open_flag_ids(uow, user_id)),
            flags=[views.AdminFlag(**f) for f in repo.recent_flags(uow, user_id, DETAIL_ITEMS)],
            sessions=[
                views.AdminSession.model_validate(s, from_attributes=True)
                for s in sessions.list_active(uow, user_id, now)
            ],
            drawings_entered=tickets.count_my_drawings(uow, user_id),
            entries=[
                views.AdminEntry.model_validate(e, from_attributes=True)
                for e in tickets.my_drawings(uow, user_id, 0, DETAIL_ITEMS)
            ],
            prizes_won=profiles.prizes_won(uow, user_id),
            wins=[
                views.AdminWin.model_validate(w, from_attributes=True)
                for w in repo.recent_wins(uow, user_id, DETAIL_ITEMS)
            ],
            appeals=[
                AppealView.model_validate(a, from_attributes=True)
                for a in appeals.for_member(uow, user_id, DETAIL_ITEMS)
            ],
        )


def history(platform: Platform, user_id: uuid.UUID, page: int, limit: int) -> views.AdminActionPage:
    with platform.db.unit_of_work(readonly=True) as uow:
        existing_member(uow, user_id)
        total = repo.count_history(uow, user_id)
        items = repo.history_page(uow, user_id, (page - 1) * limit, limit)
    return views.AdminActionPage(
        items=[
            views.AdminActionView(
                action_id=i.item_id,
                action=i.kind,
                actor_id=i.actor_id,
                reason=i.reason,
                before=i.before,
                after=i.after,
                created_at=i.created_at,
            )
            for i in items
        ],
        pagination=_pagination(page, limit, total),
    )
