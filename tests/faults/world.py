"""What the drills act on: funded members, open drawings, and reads of their state."""

from __future__ import annotations

import uuid
from typing import Any

from fittrack.platform import Platform
from tests.fixtures import drawings as drawing_fixtures
from tests.fixtures.members import Member, MemberFactory

PROBLEM = "application/problem+json"


def funded(platform: Platform, member_factory: MemberFactory, points: int) -> Member:
    member = member_factory()
    with platform.db.unit_of_work() as uow:
        drawing_fixtures.give(uow, member.user_id, points, platform.clock())
    return member


def open_drawing(platform: Platform, cost: int = 100, prizes: tuple[int, ...] = (1,)) -> uuid.UUID:
    admin_id = drawing_fixtures.admin(platform)
    return drawing_fixtures.drawing(platform, admin_id, cost=cost, prizes_=prizes)


def balance(platform: Platform, user_id: uuid.UUID) -> int:
    with platform.db.unit_of_work(readonly=True) as uow:
        return int(
            uow.scalar("SELECT point_balance FROM users WHERE user_id = :u", {"u": user_id.bytes})
        )


def counts(platform: Platform) -> dict[str, int]:
    """Rows of the tables a member's writes touch: equal before and after a refusal."""
    tables = ("point_ledger", "ticket_blocks", "user_profiles", "notifications", "audit_log")
    with platform.db.unit_of_work(readonly=True) as uow:
        found = {t: int(uow.scalar(f"SELECT COUNT(*) FROM {t}")) for t in tables}
        found["tickets"] = int(uow.scalar("SELECT COALESCE(SUM(total_tickets), 0) FROM drawings"))
    return found


def is_unavailable_problem(response: Any) -> bool:
    """A clean 503: an RFC 7807 body of the service-unavailable type and a Retry-After."""
    if response.status_code != 503 or not response.headers.get("Content-Type", "").startswith(
        PROBLEM
    ):
        return False
    body = response.json()
    return (
        body.get("status") == 503
        and str(body.get("type", "")).endswith("/service-unavailable")
        and int(response.headers.get("Retry-After", "0")) >= 1
        and "sqlite" not in response.text.lower()
    )
