"""The audit log: append-only and hash-chained. Every audit write goes through `append`.

Entry n carries `seq` = n, `prev_hash` = entry n-1's hash ("0" * 64 for the first)
and `entry_hash` = SHA-256 of the canonical JSON (sorted keys, no spaces) of
{seq, prevHash, auditId, entityType, entityId, action, actorId, before, after,
createdAt}. Changing, removing or reordering any entry breaks every hash after
it; `verify_chain` finds the first break. Appends are serialised on the chain's
head row (`audit_chain_head`, locked FOR UPDATE on Oracle; SQLite write
transactions are serialised already), so the chain never forks.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from fittrack.db import UniqueViolation, UnitOfWork, ids

GENESIS = "0" * 64
CHAIN = "audit_log"
_COLUMNS = (
    "audit_id, entity_type, entity_id, action, actor_id, before, after, created_at,"
    " seq, prev_hash, entry_hash"
)


@dataclass(frozen=True, kw_only=True)
class AuditEntry:
    audit_id: uuid.UUID
    entity_type: str
    entity_id: uuid.UUID | None
    action: str
    actor_id: uuid.UUID | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    created_at: datetime
    seq: int | None
    prev_hash: str | None
    entry_hash: str | None


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str | None = None


def _plain(doc: dict[str, Any] | None) -> dict[str, Any] | None:
    """The document as it reads back from a JSON column."""
    return None if doc is None else json.loads(json.dumps(doc, default=str))


def _moment(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def entry_hash(
    seq: int,
    prev_hash: str,
    *,
    audit_id: uuid.UUID,
    entity_type: str,
    entity_id: uuid.UUID | None,
    action: str,
    actor_id: uuid.UUID | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    created_at: datetime,
) -> str:
    doc = {
        "seq": seq,
        "prevHash": prev_hash,
        "auditId": audit_id.hex,
        "entityType": entity_type,
        "entityId": entity_id.hex if entity_id else None,
        "action": action,
        "actorId": actor_id.hex if actor_id else None,
        "before": before,
        "after": after,
        "createdAt": _moment(created_at),
    }
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _lock_head(uow: UnitOfWork, now: datetime) -> tuple[int, str]:
    select = (
        "SELECT last_seq, last_hash FROM audit_chain_head WHERE chain_name = :name"
        + uow.dialect.for_update()
    )
    row = uow.query_one(select, {"name": CHAIN})
    if row is None:
        # Another writer may create it first (Oracle): its row is the head then.
        with contextlib.suppress(UniqueViolation):
            uow.execute(
                uow.dialect.upsert(
                    "audit_chain_head",
                    ("chain_name", "last_seq", "last_hash", "updated_at"),
                    ("chain_name",),
                    (),
                ),
                {"chain_name": CHAIN, "last_seq": 0, "last_hash": GENESIS, "updated_at": now},
            )
        row = uow.query_one(select, {"name": CHAIN})
    assert row is not None
    return int(row["last_seq"]), str(row["last_hash"])


def append(
    uow: UnitOfWork,
    *,
    entity_type: str,
    entity_id: uuid.UUID | None,
    action: str,
    actor_id: uuid.UUID | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    now: datetime,
) -> AuditEntry:
    """Append one entry to the chain, in the caller's transaction."""
    last_seq, last_hash = _lock_head(uow, now)
    entity = ids.from_db(ids.to_db(entity_id)) if entity_id is not None else None
    actor = ids.from_db(ids.to_db(actor_id)) if actor_id is not None else None
    entry = AuditEntry(
        audit_id=ids.new_id(),
        entity_type=entity_type,
        entity_id=entity,
        action=action,
        actor_id=actor,
        before=_plain(before),
        after=_plain(after),
        created_at=now,
        seq=last_seq + 1,
        prev_hash=last_hash,
        entry_hash=None,
    )
    digest = entry_hash(
        entry.seq or 0,
        last_hash,
        audit_id=entry.audit_id,
        entity_type=entity_type,
        entity_id=entity,
        action=action,
        actor_id=actor,
        before=entry.before,
        after=entry.after,
        created_at=now,
    )
    uow.execute(
        f"INSERT INTO audit_log ({_COLUMNS}) VALUES (:id, :type, :entity, :action, :actor,"
        " :before, :after, :now, :seq, :prev, :hash)",
        {
            "id": ids.to_db(entry.audit_id),
            "type": entity_type,
            "entity": ids.to_db(entity),
            "action": action,
            "actor": ids.to_db(actor),
            "before": uow.dialect.json(entry.before),
            "after": uow.dialect.json(entry.after),
            "now": now,
            "seq": entry.seq,
            "prev": last_hash,
            "hash": digest,
        },
    )
    uow.execute(
        "UPDATE audit_chain_head SET last_seq = :seq, last_hash = :hash,"
        " updated_at = :now WHERE chain_name = :name",
        {"seq": entry.seq, "hash": digest, "now": now, "name": CHAIN},
    )
    return replace(entry, entry_hash=digest)


def _from_row(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        audit_id=ids.from_db(row["audit_id"]),
        entity_type=row["entity_type"],
        entity_id=ids.from_db(row["entity_id"]),
        action=row["action"],
        actor_id=ids.from_db(row["actor_id"]),
        before=row["before"],
        after=row["after"],
        created_at=row["created_at"],
        seq=row["seq"],
        prev_hash=row["prev_hash"],
        entry_hash=row["entry_hash"],
    )


def for_entities(uow: UnitOfWork, entity_ids: Sequence[uuid.UUID]) -> list[AuditEntry]:
    """Entries about any of these entities, in chain order."""
    found: list[AuditEntry] = []
    unique = list(dict.fromkeys(entity_ids))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        binds = {f"e{n}": ids.to_db(e) for n, e in enumerate(chunk)}
        rows = uow.query(
            f"SELECT {_COLUMNS} FROM audit_log WHERE entity_id IN"
            f" ({', '.join(':' + name for name in binds)})",
            binds,
        )
        found += [_from_row(row) for row in rows]
    return sorted(found, key=lambda e: (e.seq is None, e.seq or 0, e.created_at))


def verify_chain(uow: UnitOfWork, batch: int = 5000) -> ChainCheck:
    """Recompute every chained entry's hash and link; report the first break."""
    expected_seq, prev, checked = 1, GENESIS, 0
    while True:
        rows = uow.query(
            f"SELECT {_COLUMNS} FROM audit_log WHERE seq >= :from_seq"
            f" ORDER BY seq {uow.dialect.limit()}",
            {"from_seq": expected_seq, "limit": batch},
        )
        for row in rows:
            entry = _from_row(row)
            if entry.seq != expected_seq:
                return ChainCheck(False, checked, expected_seq, "entry missing")
            if entry.prev_hash != prev:
                return ChainCheck(False, checked, entry.seq, "link to the previous entry broken")
            digest = entry_hash(
                expected_seq,
                prev,
                audit_id=entry.audit_id,
                entity_type=entry.entity_type,
                entity_id=entry.entity_id,
                action=entry.action,
                actor_id=entry.actor_id,
                before=entry.before,
                after=entry.after,
                created_at=entry.created_at,
            )
            if digest != entry.entry_hash:
                return ChainCheck(False, checked, entry.seq, "entry changed")
            prev, expected_seq, checked = digest, expected_seq + 1, checked + 1
        if len(rows) < batch:
            break
    head = uow.query_one(
        "SELECT last_seq, last_hash FROM audit_chain_head WHERE chain_name = :name", {"name": CHAIN}
    )
    if head is not None and (int(head["last_seq"]) != checked or head["last_hash"] != prev):
        return ChainCheck(False, checked, checked + 1, "entries after this one are missing")
    return ChainCheck(True, checked)


@dataclass(frozen=True, kw_only=True)
class Filter:
    actor_id: uuid.UUID | None = None
    entity_type: str | None = None
    entity_id: uuid.UUID | None = None
    action: str | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive


def _where(wanted: Filter) -> tuple[str, dict[str, Any]]:
    """Each filter given narrows by one bound comparison (the columns are indexed:
    actor, entity, created_at)."""
    clauses: list[str] = []
    binds: dict[str, Any] = {}
    for column, value in (
        ("actor_id", ids.to_db(wanted.actor_id) if wanted.actor_id else None),
        ("entity_type", wanted.entity_type),
        ("entity_id", ids.to_db(wanted.entity_id) if wanted.entity_id else None),
        ("action", wanted.action),
    ):
        if value is not None:
            clauses.append(f"{column} = :{column}")
            binds[column] = value
    if wanted.since is not None:
        clauses.append("created_at >= :since")
        binds["since"] = wanted.since
    if wanted.until is not None:
        clauses.append("created_at < :until")
        binds["until"] = wanted.until
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", binds


def search(
    uow: UnitOfWork, wanted: Filter, *, offset: int, limit: int
) -> tuple[list[AuditEntry], int]:
    """A page of matching entries, newest first, and how many match in all."""
    where, binds = _where(wanted)
    total = uow.query_one(f"SELECT COUNT(*) AS n FROM audit_log{where}", binds)
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM audit_log{where} ORDER BY created_at DESC, seq DESC"
        f" {uow.dialect.paginate()}",
        {**binds, "offset": offset, "limit": limit},
    )
    return [_from_row(row) for row in rows], int(total["n"]) if total else 0
