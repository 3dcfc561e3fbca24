"""Admin reads and writes about members: search, the detail page's parts, the action
history, and premium grants.

Prefix search is written as a range (`col >= :p AND col < :p_end`) rather than LIKE, so
both SQLite and Oracle use the plain indexes on `email_normalized` and
`LOWER(display_name)` and no wildcard in what an admin types has a meaning.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids

# Sorts the list offers, each on an indexed column, with the id as the tie-breaker.
SORTS = {
    "createdAt": "u.created_at",
    "email": "u.email_normalized",
    "displayName": "LOWER(p.display_name)",
    "lastLoginAt": "u.last_login_at",
}
# Above every character a member can type: the end of a prefix range.
_PREFIX_END = "\U0010ffff"


@dataclass(frozen=True, kw_only=True)
class Search:
    email: str | None = None
    display_name: str | None = None
    status: str | None = None
    role: str | None = None
    tier_code: str | None = None
    sort: str = "-createdAt"


@dataclass(frozen=True, kw_only=True)
class MemberRow:
    user_id: uuid.UUID
    email: str
    display_name: str | None
    role: str
    status: str
    tier_code: str | None
    point_balance: int
    premium_expires_at: datetime | None
    last_login_at: datetime | None
    created_at: datetime


# Written so no index serves it: nearly every row has no deletion, and SQLite without
# statistics would otherwise walk ix_users_deleted_at instead of the search's own index.
_NOT_DELETED = "CASE WHEN u.deleted_at IS NULL THEN 1 ELSE 0 END = 1"


def _from(search: Search) -> str:
    """A filter on the profile makes it an inner join, so its indexes can lead."""
    join = "JOIN" if search.display_name or search.tier_code else "LEFT JOIN"
    return f" FROM users u {join} user_profiles p ON p.user_id = u.user_id"


def _where(search: Search) -> tuple[str, dict[str, Any]]:
    clauses = [_NOT_DELETED]
    params: dict[str, Any] = {}
    if search.email:
        clauses.append("u.email_normalized >= :email AND u.email_normalized < :email_end")
        params.update(email=search.email.lower(), email_end=search.email.lower() + _PREFIX_END)
    if search.display_name:
        clauses.append("LOWER(p.display_name) >= :name AND LOWER(p.display_name) < :name_end")
        name = search.display_name.lower()
        params.update(name=name, name_end=name + _PREFIX_END)
    for column, value in (
        ("u.status", search.status),
        ("u.role", search.role),
        ("p.tier_code", search.tier_code),
    ):
        if value:
            bind = column.split(".")[1]
            clauses.append(f"{column} = :{bind}")
            params[bind] = value
    return " WHERE " + " AND ".join(clauses), params


def count(uow: UnitOfWork, search: Search) -> int:
    where, params = _where(search)
    return int(uow.scalar(f"SELECT COUNT(*) AS n{_from(search)}{where}", params) or 0)


def search_page(uow: UnitOfWork, search: Search, offset: int, limit: int) -> list[MemberRow]:
    where, params = _where(search)
    column = SORTS[search.sort.lstrip("-")]
    direction = "DESC" if search.sort.startswith("-") else "ASC"
    rows = uow.query(
        "SELECT u.user_id, u.email, p.display_name, u.role, u.status, p.tier_code,"
        " u.point_balance, u.premium_expires_at, u.last_login_at, u.created_at"
        f"{_from(search)}{where} ORDER BY {column} {direction}, u.user_id {uow.dialect.paginate()}",
        {**params, "offset": offset, "limit": limit},
    )
    return [
        MemberRow(
            user_id=ids.from_db(r["user_id"]),
            email=r["email"],
            display_name=r["display_name"],
            role=r["role"],
            status=r["status"],
            tier_code=r["tier_code"],
            point_balance=int(r["point_balance"]),
            premium_expires_at=r["premium_expires_at"],
            last_login_at=r["last_login_at"],
            created_at=r["created_at"],
        )
        for r in rows
    ]


# ---- the detail page ------------------------------------------------------------------


def ledger_summary(uow: UnitOfWork, user_id: uuid.UUID) -> dict[str, tuple[int, int]]:
    """Per entry type (earn, spend, adjust, refund): (entries, points)."""
    rows = uow.query(
        "SELECT entry_type, COUNT(*) AS n, SUM(amount) AS total FROM point_ledger"
        " WHERE user_id = :id GROUP BY entry_type",
        {"id": ids.to_db(user_id)},
    )
    return {r["entry_type"]: (int(r["n"]), int(r["total"] or 0)) for r in rows}


@dataclass(frozen=True, kw_only=True)
class Win:
    winner_id: uuid.UUID
    drawing_id: uuid.UUID
    prize_name: str
    status: str
    selected_at: datetime


def recent_wins(uow: UnitOfWork, user_id: uuid.UUID, limit: int) -> list[Win]:
    rows = uow.query(
        "SELECT w.winner_id, w.drawing_id, p.name AS prize_name, w.status, w.selected_at"
        " FROM drawing_winners w JOIN prizes p ON p.prize_id = w.prize_id"
        f" WHERE w.user_id = :id ORDER BY w.selected_at DESC, w.winner_id {uow.dialect.limit()}",
        {"id": ids.to_db(user_id), "limit": limit},
    )
    return [
        Win(
            winner_id=ids.from_db(r["winner_id"]),
            drawing_id=ids.from_db(r["drawing_id"]),
            prize_name=r["prize_name"],
            status=r["status"],
            selected_at=r["selected_at"],
        )
        for r in rows
    ]


def recent_flags(uow: UnitOfWork, user_id: uuid.UUID, limit: int) -> list[dict[str, Any]]:
    rows = uow.query(
        "SELECT flag_id, reason, status, created_at, resolved_at, resolution_note"
        " FROM review_flags WHERE user_id = :id"
        f" ORDER BY created_at DESC, flag_id {uow.dialect.limit()}",
        {"id": ids.to_db(user_id), "limit": limit},
    )
    for row in rows:
        row["flag_id"] = ids.from_db(row["flag_id"])
    return rows


# ---- the action history ------------------------------------------------------------------

# Admin actions on the member, the review flags raised against them (by the nightly
# job or an admin) and the member's appeals (once confirmed), as one time line: keys
# first (paged in SQL), details after.
_HISTORY = (
    "SELECT 'action' AS source, action_id AS item_id, created_at FROM admin_actions"
    " WHERE target_user_id = :u UNION ALL SELECT 'flag' AS source, flag_id AS item_id,"
    " created_at FROM review_flags WHERE user_id = :u UNION ALL SELECT 'appeal' AS source,"
    " appeal_id AS item_id, created_at FROM appeals WHERE user_id = :u"
    " AND status <> 'unconfirmed'"
)


@dataclass(frozen=True, kw_only=True)
class HistoryItem:
    item_id: uuid.UUID
    kind: str
    actor_id: uuid.UUID | None
    reason: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    created_at: datetime


def count_history(uow: UnitOfWork, user_id: uuid.UUID) -> int:
    return int(uow.scalar(f"SELECT COUNT(*) AS n FROM ({_HISTORY}) h", {"u": ids.to_db(user_id)}))


def history_page(uow: UnitOfWork, user_id: uuid.UUID, offset: int, limit: int) -> list[HistoryItem]:
    keys = uow.query(
        f"SELECT source, item_id, created_at FROM ({_HISTORY}) h"
        f" ORDER BY created_at DESC, item_id DESC {uow.dialect.paginate()}",
        {"u": ids.to_db(user_id), "offset": offset, "limit": limit},
    )
    found = {**_actions(uow, keys), **_flags(uow, keys), **_appeals(uow, keys)}
    return [found[ids.from_db(k["item_id"])] for k in keys]


def _ids_of(keys: list[dict[str, Any]], source: str) -> dict[str, bytes]:
    return {f"i{n}": bytes(k["item_id"]) for n, k in enumerate(keys) if k["source"] == source}


def _in(binds: dict[str, bytes]) -> str:
    return ", ".join(f":{name}" for name in binds)


def _actions(uow: UnitOfWork, keys: list[dict[str, Any]]) -> dict[uuid.UUID, HistoryItem]:
    binds = _ids_of(keys, "action")
    if not binds:
        return {}
    rows = uow.query(
        "SELECT action_id, admin_id, action, reason, before, after, created_at"
        f" FROM admin_actions WHERE action_id IN ({_in(binds)})",
        binds,
    )
    items = (
        HistoryItem(
            item_id=ids.from_db(r["action_id"]),
            kind=r["action"],
            actor_id=ids.from_db(r["admin_id"]),
            reason=r["reason"],
            before=r["before"],
            after=r["after"],
            created_at=r["created_at"],
        )
        for r in rows
    )
    return {item.item_id: item for item in items}


def _flags(uow: UnitOfWork, keys: list[dict[str, Any]]) -> dict[uuid.UUID, HistoryItem]:
    binds = _ids_of(keys, "flag")
    if not binds:
        return {}
    rows = uow.query(
        "SELECT flag_id, reason, status, details, created_by, created_at"
        f" FROM review_flags WHERE flag_id IN ({_in(binds)})",
        binds,
    )
    items = (
        HistoryItem(
            item_id=ids.from_db(r["flag_id"]),
            kind="flag.raised",
            actor_id=ids.from_db(r["created_by"]),
            reason=r["reason"],
            before=None,
            after={"status": r["status"], "details": r["details"] or {}},
            created_at=r["created_at"],
        )
        for r in rows
    )
    return {item.item_id: item for item in items}


# ---- premium ------------------------------------------------------------------------------


def expired_premium(uow: UnitOfWork, now: datetime, limit: int) -> list[tuple[uuid.UUID, Any]]:
    """Members whose premium ended by `now`, oldest expiry first: (id, expiry)."""
    rows = uow.query(
        "SELECT user_id, premium_expires_at FROM users WHERE role = :premium"
        " AND premium_expires_at <= :now"
        f" ORDER BY premium_expires_at, user_id {uow.dialect.limit()}",
        {"premium": "premium", "now": now, "limit": limit},
    )
    return [(ids.from_db(r["user_id"]), r["premium_expires_at"]) for r in rows]


def end_expired_premium(uow: UnitOfWork, user_id: uuid.UUID, now: datetime) -> bool:
    """Back to `user` if the grant is still expired (a renewal meanwhile wins)."""
    changed = uow.execute(
        "UPDATE users SET role = :member_role, premium_expires_at = NULL, updated_at = :now"
        " WHERE user_id = :id AND role = :premium AND premium_expires_at <= :now",
        {"member_role": "user", "premium": "premium", "now": now, "id": ids.to_db(user_id)},
    )
    return changed == 1


def _appeals(uow: UnitOfWork, keys: list[dict[str, Any]]) -> dict[uuid.UUID, HistoryItem]:
    """A member's appeal, as sent (its decision is an admin action of its own)."""
    binds = _ids_of(keys, "appeal")
    if not binds:
        return {}
    rows = uow.query(
        "SELECT appeal_id, user_id, channel, created_at"
        f" FROM appeals WHERE appeal_id IN ({_in(binds)})",
        binds,
    )
    items = (
        HistoryItem(
            item_id=ids.from_db(r["appeal_id"]),
            kind="appeal.submitted",
            actor_id=ids.from_db(r["user_id"]),
            reason=None,
            before=None,
            after={"appealId": str(ids.from_db(r["appeal_id"])), "channel": r["channel"]},
            created_at=r["created_at"],
        )
        for r in rows
    )
    return {item.item_id: item for item in items}
