"""A whole verification document, checked in the order docs/drawings.md gives."""

from __future__ import annotations

import uuid
from typing import Any

from drawing_verifier.beacon import check_terms
from drawing_verifier.hashing import chain_heads, merkle_root, sha256
from drawing_verifier.receipts import check_my_entries
from drawing_verifier.report import Report
from drawing_verifier.selection import V1, V2, check_picks
from drawing_verifier.transparency import check_log


def verify(doc: dict[str, Any], log: list[dict[str, Any]] | None = None) -> tuple[int, list[str]]:
    """(exit status, report lines); with the transparency log, its entries are checked too."""
    report = Report(f"drawing {doc.get('drawingId')} ({doc.get('name')}): {doc.get('status')}")
    snapshot, seed_hex = doc.get("snapshot"), doc.get("seed")
    if doc.get("status") != "completed" or not seed_hex or not snapshot:
        note = "  not drawn yet: nothing to verify (the seed is revealed at the draw)"
        return 2, [*report.lines, note]
    algorithm = doc.get("algorithm")
    if algorithm not in (V1, V2):
        return 2, [*report.lines, f"  unknown algorithm {algorithm!r}"]
    seed, blocks = bytes.fromhex(seed_hex), snapshot["blocks"]
    if algorithm == V2:
        check_terms(doc, report)
    else:
        report.check(
            sha256(seed).hex() == doc.get("seedCommitment"), "SHA-256(seed) equals the commitment"
        )
    root, heads = _check_snapshot(doc, snapshot, report)
    winners, rank_of = check_picks(doc, report, seed, root, blocks)
    if log is not None:
        check_log(doc, log, report)
    if doc.get("myEntries"):
        check_my_entries(doc["myEntries"], root, heads, report)
    report.note("winners:")
    for w in winners:
        report.note(
            f"  pick {w['drawIndex']}: rank {rank_of.get(w['prizeId'])} ticket "
            f"#{w['ticketNumber']} owner {w['ownerHash'][:16]}... ({w['status']})"
        )
    failures = report.failures
    report.note("VERIFIED" if not failures else f"MISMATCH ({len(failures)} check(s) failed)")
    return (0 if not failures else 1), report.lines


def _check_snapshot(
    doc: dict[str, Any], snapshot: dict[str, Any], report: Report
) -> tuple[str, list[str]]:
    """The blocks number the tickets without gaps, hash to the published Merkle root and
    end the purchase chain at the published head; (the root, the chain's heads)."""
    blocks = snapshot["blocks"]
    expected, contiguous = 1, True
    for first, last, _owner in blocks:
        contiguous &= int(first) == expected and int(last) >= int(first)
        expected = int(last) + 1
    report.check(
        contiguous and expected - 1 == snapshot["totalTickets"],
        f"blocks number tickets 1..{snapshot['totalTickets']} without gaps",
    )
    root = merkle_root(blocks)
    report.check(root == doc.get("merkleRoot"), f"Merkle root {root[:16]}... matches")
    heads = chain_heads(uuid.UUID(doc["drawingId"]).bytes, blocks)
    if doc.get("entriesHead"):
        report.check(
            (heads[-1] if heads else None) == doc["entriesHead"],
            "the purchase chain recomputed from the blocks ends at the published head",
        )
    return root, heads
