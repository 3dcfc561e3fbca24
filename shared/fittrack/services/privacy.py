"""CCPA: a member exports all of their data, or deletes the account.

Deletion anonymises at once (the member is gone from that moment); the purge
job removes the remaining personal rows of members deleted 30 or more days ago.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from pydantic.alias_generators import to_camel

from fittrack import log
from fittrack.domain.errors import Unauthorized
from fittrack.repositories import member_data
from fittrack.services import billing, leaderboard_boards
from fittrack.services.profiles import member_or_gone

if TYPE_CHECKING:
    from fittrack.domain.identity import Caller
    from fittrack.platform import Platform

PURGE_AFTER = timedelta(days=30)
EXPORT_FORMAT = "fittrack-export/1"

logger = log.get_logger("fittrack.privacy")


def export(platform: Platform, caller: Caller) -> dict[str, Any]:
    """Everything stored about the caller, tables and columns in camelCase."""
    now = platform.clock()
    with platform.db.unit_of_work(readonly=True) as uow:
        member = member_or_gone(uow, caller.user_id)
        tables = member_data.export(uow, member.user_id)
    return {
        "format": EXPORT_FORMAT,
        "exportedAt": now,
        "userId": member.user_id,
        "data": {
            to_camel(table): [{to_camel(k): v for k, v in row.items()} for row in rows]
            for table, rows in tables.items()
        },
    }


def delete_account(platform: Platform, caller: Caller) -> None:
    """Anonymise the caller's account now; the old tokens stop working with it. A paid
    subscription first stops renewing (the period already paid simply runs out)."""
    billing.stop_renewal(platform, caller.user_id)
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        member = member_or_gone(uow, caller.user_id)
        if not member_data.anonymise(uow, member.user_id, now):
            raise Unauthorized("This account no longer exists.")
        member_data.record_audit(uow, member.user_id, "account_deleted", now)
    leaderboard_boards.remove_member(platform, member.user_id)
    logger.info("account deleted", extra={"userId": str(member.user_id)})


def purge_deleted(platform: Platform) -> int:
    """Purge members deleted at least PURGE_AFTER ago; each in its own transaction."""
    now = platform.clock()
    with platform.db.unit_of_work(readonly=True) as uow:
        due = member_data.purge_due(uow, now - PURGE_AFTER)
    purged = 0
    for user_id in due:
        with platform.db.unit_of_work() as uow:
            if member_data.purge(uow, user_id, now):
                member_data.record_audit(uow, user_id, "account_purged", now)
                purged += 1
    return purged
