"""The transparency log's rows: appended under the chain head's lock, never changed."""

from __future__ import annotations

import contextlib
import uuid
from datetime import datetime
from typing import Any

from fittrack.db import UniqueViolation, UnitOfWork, ids
from fittrack.domain import transparency
from fittrack.domain.draw_terms import canonical, instant

CHAIN = "transparency"  # its head row in audit_chain_head


def _lock_head(uow: UnitOfWork, now: datetime) -> tuple[int, str]:
    select = (
        "SELECT last_seq, last_hash FROM audit_chain_head WHERE chain_name = :name"
        + uow.dialect.for_update()
    )
    row = uow.query_one(select, {"name": CHAIN})
    if row is None:
        with contextlib.suppress(UniqueViolation):  # another writer created it first
            uow.execute(
                "INSERT INTO audit_chain_head (chain_name, last_seq, last_hash, updated_at)"
                " VALUES (:name, 0, :hash, :now)",
                {"name": CHAIN, "hash": transparency.GENESIS, "now": now},
            )
        row = uow.query_one(select, {"name": CHAIN})
    assert row is not None
    return int(row["last_seq"]), str(row["last_hash"])


def append(
    uow: UnitOfWork,
    *,
    event: str,
    drawing_id: uuid.UUID | None,
    data: dict[str, Any],
    now: datetime,
) -> transparency.Entry:
    last_seq, last_hash = _lock_head(uow, now)
    seq = last_seq + 1
    body = canonical(
        {
            **data,
            "seq": seq,
            "event": event,
            "drawingId": drawing_id.hex if drawing_id else None,
            "at": instant(now),
        }
    )
    entry = transparency.Entry(
        seq=seq,
        body=body,
        prev_hash=last_hash,
        entry_hash=transparency.entry_hash(last_hash, body),
    )
    uow.execute(
        "INSERT INTO transparency_log (seq, event, drawing_id, body, prev_hash, entry_hash,"
        " created_at) VALUES (:seq, :event, :drawing, :body, :prev, :hash, :now)",
        {
            "seq": seq,
            "event": event,
            "drawing": ids.to_db(drawing_id) if drawing_id else None,
            "body": body,
            "prev": last_hash,
            "hash": entry.entry_hash,
            "now": now,
        },
    )
    uow.execute(
        "UPDATE audit_chain_head SET last_seq = :seq, last_hash = :hash, updated_at = :now"
        " WHERE chain_name = :name",
        {"seq": seq, "hash": entry.entry_hash, "now": now, "name": CHAIN},
    )
    return entry


def head(uow: UnitOfWork) -> tuple[int, str]:
    row = uow.query_one(
        "SELECT last_seq, last_hash FROM audit_chain_head WHERE chain_name = :name",
        {"name": CHAIN},
    )
    return (int(row["last_seq"]), str(row["last_hash"])) if row else (0, transparency.GENESIS)


def entries(uow: UnitOfWork, first: int, last: int) -> list[transparency.Entry]:
    rows = uow.query(
        "SELECT seq, body, prev_hash, entry_hash FROM transparency_log"
        " WHERE seq BETWEEN :first AND :last ORDER BY seq",
        {"first": first, "last": last},
    )
    return [
        transparency.Entry(
            seq=int(r["seq"]),
            body=str(r["body"]),
            prev_hash=str(r["prev_hash"]),
            entry_hash=str(r["entry_hash"]),
        )
        for r in rows
    ]
