"""Premium from every source at once: an admin grant and a Stripe subscription each
keep their own end, and the member is premium until the later one (docs/billing.md)."""

from __future__ import annotations

import uuid
from datetime import datetime

from fittrack.db import UnitOfWork
from fittrack.domain.billing import Premium, combine
from fittrack.repositories import premium as repo


def current(uow: UnitOfWork, user_id: uuid.UUID, now: datetime) -> Premium:
    return combine(repo.sources(uow, user_id), now)


def set_source(
    uow: UnitOfWork, user_id: uuid.UUID, source: str, until: datetime | None, now: datetime
) -> Premium:
    """Give `source`'s end (None: it gives nothing now); the users row follows the sum."""
    repo.set_source(uow, user_id, source, until, now)
    after = current(uow, user_id, now)
    repo.set_member_premium(uow, user_id, after.expires_at, now)
    return after


def only_from_subscription(uow: UnitOfWork, user_id: uuid.UUID, now: datetime) -> bool:
    """Premium that no admin grant gives (an admin cannot end it; the member cancels)."""
    live = {name for name, end in repo.sources(uow, user_id).items() if end > now}
    return live == {"subscription"}
