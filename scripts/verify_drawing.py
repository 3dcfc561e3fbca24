"""Recompute a FitTrack drawing from its public proof and compare it with the published result.

    python scripts/verify_drawing.py SOURCE        (also: fittrack verify-drawing SOURCE)

SOURCE is a saved `GET /api/v1/drawings/{id}/verification` document, its URL, or
"-" for standard input. Exit status: 0 when everything matches, 1 when anything does
not, 2 when the document cannot be verified (unreadable, or not drawn yet).

This is an independent reference implementation of docs/drawings.md: Python's
standard library only, nothing imported from FitTrack, deliberately simple (no
clever data structures), so anyone can read it and port it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import urllib.request
import uuid
from typing import Any

ALGORITHM = "fittrack-draw-v1"


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def load(source: str) -> dict[str, Any]:
    if source == "-":
        return dict(json.load(sys.stdin))
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 (http/https only)
            return dict(json.loads(answer.read()))
    with open(source, encoding="utf-8") as handle:
        return dict(json.load(handle))


def merkle_root(blocks: list[list[Any]]) -> str:
    """Leaves H(0x00 || first u64 || last u64 || owner); nodes H(0x01 || left || right);
    an odd last node moves up unchanged; no leaves: H("")."""
    level = [
        sha256(
            b"\x00"
            + int(first).to_bytes(8, "big")
            + int(last).to_bytes(8, "big")
            + bytes.fromhex(owner)
        )
        for first, last, owner in blocks
    ]
    if not level:
        return sha256(b"").hex()
    while len(level) > 1:
        paired = [sha256(b"\x01" + level[i] + level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2 == 1:
            paired.append(level[-1])
        level = paired
    return level[0].hex()


def proof_root(first: int, last: int, owner: str, steps: list[dict[str, str]]) -> str:
    node = sha256(
        b"\x00" + first.to_bytes(8, "big") + last.to_bytes(8, "big") + bytes.fromhex(owner)
    )
    for step in steps:
        sibling = bytes.fromhex(step["hash"])
        pair = sibling + node if step["side"] == "left" else node + sibling
        node = sha256(b"\x01" + pair)
    return node.hex()


class Stream:
    """x_c = first 8 bytes (big-endian) of H("fittrack-draw-v1" || seed || root || id || c)."""

    def __init__(self, seed: bytes, root: bytes, drawing_id: bytes) -> None:
        self.prefix = ALGORITHM.encode() + seed + root + drawing_id
        self.counter = 0

    def uniform(self, n: int) -> int:
        limit = (2**64 // n) * n
        while True:
            digest = sha256(self.prefix + self.counter.to_bytes(8, "big"))
            self.counter += 1
            x = int.from_bytes(digest[:8], "big")
            if x < limit:
                return x % n


def picks(
    seed: bytes, root: bytes, drawing_id: bytes, blocks: list[list[Any]], count: int
) -> list[tuple[int, str]]:
    """The first `count` picks as (ticket number, owner hash): each uniform over the tickets
    of owners not picked yet, in ticket order."""
    stream, chosen, picked = Stream(seed, root, drawing_id), [], set()
    while len(chosen) < count:
        remaining = [(int(f), int(last), o) for f, last, o in blocks if o not in picked]
        total = sum(last - f + 1 for f, last, _ in remaining)
        if total == 0:
            break
        u = stream.uniform(total)
        for first, last, owner in remaining:
            size = last - first + 1
            if u < size:
                chosen.append((first + u, owner))
                picked.add(owner)
                break
            u -= size
    return chosen


def verify(doc: dict[str, Any]) -> tuple[int, list[str]]:
    """(exit status, report lines)."""
    out: list[str] = [f"drawing {doc.get('drawingId')} ({doc.get('name')}): {doc.get('status')}"]
    failures: list[str] = []

    def check(ok: bool, what: str) -> None:
        out.append(f"  [{'ok' if ok else 'FAIL'}] {what}")
        if not ok:
            failures.append(what)

    snapshot, seed_hex = doc.get("snapshot"), doc.get("seed")
    if doc.get("status") != "completed" or not seed_hex or not snapshot:
        return 2, out + ["  not drawn yet: nothing to verify (the seed is revealed at the draw)"]
    if doc.get("algorithm") != ALGORITHM:
        return 2, out + [f"  unknown algorithm {doc.get('algorithm')!r}"]
    seed, blocks = bytes.fromhex(seed_hex), snapshot["blocks"]
    check(sha256(seed).hex() == doc.get("seedCommitment"), "SHA-256(seed) equals the commitment")
    expected, contiguous = 1, True
    for first, last, _owner in blocks:
        contiguous &= int(first) == expected and int(last) >= int(first)
        expected = int(last) + 1
    check(
        contiguous and expected - 1 == snapshot["totalTickets"],
        f"blocks number tickets 1..{snapshot['totalTickets']} without gaps",
    )
    root = merkle_root(blocks)
    check(root == doc.get("merkleRoot"), f"Merkle root {root[:16]}... matches")
    slots = [
        p["prizeId"]
        for p in sorted(doc["prizes"], key=lambda p: p["rank"])
        for _ in range(int(p["quantity"]))
    ]
    rank_of = {p["prizeId"]: p["rank"] for p in doc["prizes"]}
    winners = sorted(doc.get("winners", []), key=lambda w: w["drawIndex"])
    alternates = doc.get("alternates", [])
    wanted = max([w["drawIndex"] for w in winners + alternates], default=-1) + 1
    sequence = picks(
        seed,
        bytes.fromhex(root),
        uuid.UUID(doc["drawingId"]).bytes,
        blocks,
        max(wanted, len(slots)),
    )
    check(
        [w["drawIndex"] for w in winners] == list(range(len(winners))),
        "every pick up to the last one used is recorded once",
    )
    initial = [w for w in winners if w.get("replacesDrawIndex") is None]
    check(
        len(initial) == min(len(slots), len(sequence)),
        "every prize slot that could be filled was drawn",
    )
    by_index = {w["drawIndex"]: w for w in winners}
    for w in winners + alternates:
        i = w["drawIndex"]
        same = i < len(sequence) and sequence[i] == (w["ticketNumber"], w["ownerHash"])
        check(same, f"pick {i}: ticket #{w['ticketNumber']} owner {w['ownerHash'][:12]}...")
    for w in winners:
        replaced = (
            by_index.get(w["replacesDrawIndex"]) if w.get("replacesDrawIndex") is not None else None
        )
        if replaced is None:
            ok = (
                w.get("replacesDrawIndex") is None
                and w["drawIndex"] < len(slots)
                and w["prizeId"] == slots[w["drawIndex"]]
            )
        else:
            ok = replaced["status"] == "forfeited" and replaced["prizeId"] == w["prizeId"]
        check(ok, f"pick {w['drawIndex']} holds the right prize (rank {rank_of.get(w['prizeId'])})")
    owners = [w["ownerHash"] for w in winners]
    check(len(set(owners)) == len(owners), "no member was drawn twice")
    mine = doc.get("myEntries")
    if mine:
        for block in mine["blocks"]:
            got = proof_root(
                block["firstTicketNumber"],
                block["lastTicketNumber"],
                mine["ownerHash"],
                block["proof"],
            )
            check(
                got == root,
                f"my tickets {block['firstTicketNumber']}-"
                f"{block['lastTicketNumber']} are in the snapshot",
            )
    out.append("winners:")
    for w in winners:
        out.append(
            f"  pick {w['drawIndex']}: rank {rank_of.get(w['prizeId'])} ticket "
            f"#{w['ticketNumber']} owner {w['ownerHash'][:16]}... ({w['status']})"
        )
    out.append("VERIFIED" if not failures else f"MISMATCH ({len(failures)} check(s) failed)")
    return (0 if not failures else 1), out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        doc = load(args[0])
    except (OSError, ValueError) as error:
        print(f"cannot read {args[0]}: {error}", file=sys.stderr)
        return 2
    try:
        status, lines = verify(doc)
    except (KeyError, TypeError, ValueError) as error:
        status, lines = 1, [f"malformed verification document: {error!r}"]
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
