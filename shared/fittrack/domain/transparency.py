"""The public transparency log: hash-chained drawing events and signed checkpoints.

Entry n (n = 1, 2, ...) is a canonical JSON body (keys sorted, no whitespace,
UTF-8) holding `seq`, `event`, `drawingId`, `at` and the event's data, with

  entry_hash_n = H(prev_hash_n || body_n),  prev_hash_1 = 32 zero bytes

A checkpoint is a signed note in the C2SP tlog-checkpoint shape: the text
"<origin>\\n<size>\\n<base64 of entry_hash_size>\\n", a blank line, and one
signature line "— <key name> <base64(key id || Ed25519 signature of the text)>",
key id = first 4 bytes of H(key name || 0x0A || 0x01 || public key). Here the
third line is the chain head (entry n's hash), not an RFC 6962 tree root: whoever
keeps two checkpoints can show the log was never rewritten by recomputing the
chain from entries 1..n, and two signed checkpoints of one size with different
heads are proof of a fork.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64
ED25519 = b"\x01"
SIGNATURE_DASH = "\u2014"


@dataclass(frozen=True, kw_only=True)
class Entry:
    seq: int
    body: str  # canonical JSON
    prev_hash: str
    entry_hash: str


@dataclass(frozen=True, kw_only=True)
class Checkpoint:
    origin: str
    size: int
    head: str  # hex


def entry_hash(prev_hash: str, body: str) -> str:
    return hashlib.sha256(bytes.fromhex(prev_hash) + body.encode("utf-8")).hexdigest()


def chain_breaks(entries: Iterable[Entry], start_prev: str = GENESIS) -> int | None:
    """The seq of the first entry that does not chain onto the one before, else None."""
    prev = start_prev
    for e in entries:
        if e.prev_hash != prev or entry_hash(e.prev_hash, e.body) != e.entry_hash:
            return e.seq
        prev = e.entry_hash
    return None


def extends(old: Checkpoint, entries: list[Entry]) -> bool:
    """Whether entries 1..m (m >= old.size) chain correctly through the old checkpoint's
    head: the log a keeper saw then was not rewritten since."""
    if len(entries) < old.size or chain_breaks(entries) is not None:
        return False
    return old.size == 0 or entries[old.size - 1].entry_hash == old.head


def note_text(checkpoint: Checkpoint) -> str:
    head = base64.b64encode(bytes.fromhex(checkpoint.head)).decode()
    return f"{checkpoint.origin}\n{checkpoint.size}\n{head}\n"


def key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + public_key).digest()[:4]


def verifier_key(name: str, public_key: bytes) -> str:
    """The signed-note verifier key: <name>+<key id hex>+<base64(0x01 || public key)>."""
    return (
        f"{name}+{key_id(name, public_key).hex()}+{base64.b64encode(ED25519 + public_key).decode()}"
    )


def signed_note(checkpoint: Checkpoint, name: str, public_key: bytes, signature: bytes) -> str:
    blob = base64.b64encode(key_id(name, public_key) + signature).decode()
    return f"{note_text(checkpoint)}\n{SIGNATURE_DASH} {name} {blob}\n"


def parse_note(note: str) -> tuple[Checkpoint, str, bytes, bytes]:
    """(checkpoint, key name, key id, signature) of a signed note; ValueError when malformed."""
    text, sep, signatures = note.partition("\n\n")
    lines = text.split("\n")
    if not sep or len(lines) != 3 or not lines[1].isdigit():
        raise ValueError("not a checkpoint note")
    first = signatures.split("\n")[0].split(" ")
    if len(first) != 3 or first[0] != SIGNATURE_DASH:
        raise ValueError("no signature line")
    blob = base64.b64decode(first[2])
    checkpoint = Checkpoint(
        origin=lines[0], size=int(lines[1]), head=base64.b64decode(lines[2]).hex()
    )
    return checkpoint, first[1], blob[:4], blob[4:]
