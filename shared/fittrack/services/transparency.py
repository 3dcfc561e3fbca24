"""The public transparency log of drawing events and its signed checkpoints.

`record` appends an event inside the caller's transaction (the drawing change and
its log entry commit together). Checkpoints are signed with the platform's Ed25519
key (`transparency-signing-key` in the secret store; the `cryptography` package),
whose public half is served at /.well-known/fittrack-transparency/key.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fittrack.db import UnitOfWork
from fittrack.domain import transparency as log
from fittrack.domain.errors import FieldError, ValidationFailed
from fittrack.repositories import transparency as entries_repo
from fittrack.schemas.transparency import (
    MAX_ENTRIES,
    TransparencyCheckpoint,
    TransparencyEntries,
    TransparencyEntryView,
    TransparencyKey,
    TransparencyQuery,
)

if TYPE_CHECKING:
    from fittrack.platform import Platform

SIGNING_KEY_NAME = "transparency-signing-key"


def record(
    uow: UnitOfWork, event: str, drawing_id: uuid.UUID | None, data: dict[str, Any], now: datetime
) -> log.Entry:
    return entries_repo.append(uow, event=event, drawing_id=drawing_id, data=data, now=now)


def _key(platform: Platform) -> Ed25519PrivateKey:
    raw = platform.secrets.get_or_create(
        SIGNING_KEY_NAME,
        lambda: (
            Ed25519PrivateKey.generate()
            .private_bytes(
                serialization.Encoding.Raw,
                serialization.PrivateFormat.Raw,
                serialization.NoEncryption(),
            )
            .hex()
        ),
    )
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(raw))


def _public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def origin(platform: Platform) -> str:
    return f"{urlsplit(platform.settings.public_base_url).netloc}/transparency"


def public_key(platform: Platform) -> TransparencyKey:
    name, raw = origin(platform), _public(_key(platform))
    return TransparencyKey(
        key_name=name, verifier_key=log.verifier_key(name, raw), public_key=raw.hex()
    )


def checkpoint(platform: Platform) -> TransparencyCheckpoint:
    with platform.db.unit_of_work(readonly=True) as uow:
        size, head = entries_repo.head(uow)
    key, name = _key(platform), origin(platform)
    point = log.Checkpoint(origin=name, size=size, head=head)
    signature = key.sign(log.note_text(point).encode())
    return TransparencyCheckpoint(
        origin=name,
        size=size,
        head=head,
        note=log.signed_note(point, name, _public(key), signature),
    )


def entries(platform: Platform, query: TransparencyQuery) -> TransparencyEntries:
    if query.last is not None and query.last < query.first:
        raise ValidationFailed([FieldError("to", "Not before `from`.", "before_from")])
    with platform.db.unit_of_work(readonly=True) as uow:
        size, _ = entries_repo.head(uow)
        last = min(query.last or size, size, query.first + MAX_ENTRIES - 1)
        rows = entries_repo.entries(uow, query.first, last)
    return TransparencyEntries(size=size, entries=[_view(e) for e in rows])


def _view(entry: log.Entry) -> TransparencyEntryView:
    body = json.loads(entry.body)
    return TransparencyEntryView(
        seq=entry.seq,
        event=str(body["event"]),
        drawing_id=uuid.UUID(body["drawingId"]) if body.get("drawingId") else None,
        body=entry.body,
        prev_hash=entry.prev_hash,
        entry_hash=entry.entry_hash,
    )
