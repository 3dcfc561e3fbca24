"""What admins did: admin_actions (a member's action history) and the audit_log.

The audit log is append-only (triggers refuse UPDATE and DELETE) and hash-chained
(`record_audit` delegates to repositories/audit.py); keep personal data out of
`before`/`after`. Both inserts run in the caller's transaction, next to the
change they record.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids


def record_admin_action(
    uow: UnitOfWork,
    *,
    admin_id: uuid.UUID | None,
    action: str,
    target_user_id: uuid.UUID | None,
    reason: str | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    now: datetime,
    action_id: uuid.UUID | None = None,
) -> uuid.UUID:
    action_id = action_id or ids.new_id()
    uow.execute(
        "INSERT INTO admin_actions (action_id, admin_id, action, target_user_id, reason,"
        " before, after, created_at) VALUES (:id, :admin, :action, :target, :reason, :before,"
        " :after, :now)",
        {
            "id": ids.to_db(action_id),
            "admin": ids.to_db(admin_id),
            "action": action,
            "target": ids.to_db(target_user_id),
            "reason": reason,
            "before": uow.dialect.json(before),
            "after": uow.dialect.json(after),
            "now": now,
        },
    )
    return action_id


def record_audit(
    uow: UnitOfWork,
    *,
    entity_type: str,
    entity_id: uuid.UUID | None,
    action: str,
    actor_id: uuid.UUID | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    now: datetime,
) -> uuid.UUID:
    """Append to the hash-chained audit log (repositories/audit.py does the chaining)."""
    from fittrack.repositories import audit

    return audit.append(
        uow,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        actor_id=actor_id,
        before=before,
        after=after,
        now=now,
    ).audit_id


def actions_for(uow: UnitOfWork, target_user_id: uuid.UUID) -> list[dict[str, Any]]:
    """A member's admin action history, newest first."""
    rows = uow.query(
        "SELECT action_id, admin_id, action, target_user_id, reason, before, after, created_at"
        " FROM admin_actions WHERE target_user_id = :id ORDER BY created_at DESC",
        {"id": ids.to_db(target_user_id)},
    )
    for row in rows:
        for key in ("action_id", "admin_id", "target_user_id"):
            row[key] = ids.from_db(row[key])
    return rows
