"""The public transparency log (docs/drawings.md, "Public transparency log")."""

from __future__ import annotations

import uuid

from pydantic import Field

from fittrack.schemas.base import ApiModel

MAX_ENTRIES = 1000
MAX_SEQ = 10**15  # far beyond any log; keeps binds inside a 64-bit integer


class TransparencyQuery(ApiModel):
    """Entries `from`..`to` (sequence numbers, both included; `to` defaults to the
    checkpoint's size), at most 1,000 at a time."""

    first: int = Field(1, alias="from", ge=1, le=MAX_SEQ)
    last: int | None = Field(None, alias="to", ge=1, le=MAX_SEQ)

    contract_refusals = {("to", "before_from"): "Not before `from`."}


class TransparencyEntryView(ApiModel):
    seq: int
    event: str
    drawing_id: uuid.UUID | None = None
    body: str = Field(description="The entry's canonical JSON, exactly as hashed.")
    prev_hash: str = Field(description="The previous entry's hash, hex (64 zeros for entry 1).")
    entry_hash: str = Field(description="SHA-256(prev hash bytes || body UTF-8), hex.")


class TransparencyEntries(ApiModel):
    size: int = Field(description="The log's size when read.")
    entries: list[TransparencyEntryView]


class TransparencyCheckpoint(ApiModel):
    origin: str
    size: int
    head: str = Field(description="The hash of entry `size`, hex.")
    note: str = Field(description="The signed checkpoint note (C2SP tlog-checkpoint shape).")


class TransparencyKey(ApiModel):
    key_name: str
    verifier_key: str = Field(description="<name>+<key id hex>+<base64(0x01 || Ed25519 key)>.")
    public_key: str = Field(description="The raw Ed25519 public key, hex.")
