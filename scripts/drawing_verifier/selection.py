"""The draw itself: the picks a seed and snapshot give, and the winners and alternates
the document shows against them, each holding the right prize."""

from __future__ import annotations

import uuid
from typing import Any

from drawing_verifier.hashing import sha256
from drawing_verifier.report import Report

V1, V2 = "fittrack-draw-v1", "fittrack-draw-v2"


class Stream:
    """x_c = first 8 bytes (big-endian) of H(algorithm || seed || root || id || c)."""

    def __init__(self, seed: bytes, root: bytes, drawing_id: bytes, algorithm: str) -> None:
        self.prefix = algorithm.encode() + seed + root + drawing_id
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
    seed: bytes,
    root: bytes,
    drawing_id: bytes,
    blocks: list[list[Any]],
    count: int,
    algorithm: str = V1,
) -> list[tuple[int, str]]:
    """The first `count` picks as (ticket number, owner hash): each uniform over the tickets
    of owners not picked yet, in ticket order."""
    stream = Stream(seed, root, drawing_id, algorithm)
    chosen: list[tuple[int, str]] = []
    picked: set[str] = set()
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


def check_picks(
    doc: dict[str, Any], report: Report, seed: bytes, root: str, blocks: list[list[Any]]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every recorded pick is the one the seed gives, holding its prize; (the winners in
    draw order, each prize's rank)."""
    check = report.check
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
        doc["algorithm"],
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
    return winners, rank_of
