"""Ids: uuid.UUID in Python, 16 raw bytes in the database (RAW(16) / BLOB).

New ids are UUIDv7-shaped (48-bit millisecond timestamp, then random bits), so
they sort roughly by creation time and keep index inserts near the right edge.
"""

from __future__ import annotations

import os
import time
import uuid
from typing import overload

_TIMESTAMP_MASK = (1 << 48) - 1
_VERSION_7 = 0x7 << 76
_VARIANT_RFC4122 = 0b10 << 62


def new_id() -> uuid.UUID:
    millis = time.time_ns() // 1_000_000 & _TIMESTAMP_MASK
    random_bits = int.from_bytes(os.urandom(10), "big")
    rand_a = random_bits >> 68  # top 12 bits
    rand_b = random_bits & ((1 << 62) - 1)  # low 62 bits
    return uuid.UUID(int=millis << 80 | _VERSION_7 | rand_a << 64 | _VARIANT_RFC4122 | rand_b)


@overload
def to_db(value: uuid.UUID | str) -> bytes: ...
@overload
def to_db(value: None) -> None: ...
def to_db(value: uuid.UUID | str | None) -> bytes | None:
    """The 16 bytes to bind for an id; accepts a UUID or its text form."""
    if value is None:
        return None
    if isinstance(value, str):
        value = uuid.UUID(value)
    return value.bytes


@overload
def from_db(value: bytes | memoryview | uuid.UUID) -> uuid.UUID: ...
@overload
def from_db(value: None) -> None: ...
def from_db(value: bytes | memoryview | uuid.UUID | None) -> uuid.UUID | None:
    """The UUID stored in a 16-byte id column."""
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(bytes=bytes(value))
