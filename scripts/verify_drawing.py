"""Recompute a FitTrack drawing from its public proof and compare it with the published result.

    python scripts/verify_drawing.py SOURCE [--log LOG]   (also: fittrack verify-drawing)

SOURCE is a saved `GET /api/v1/drawings/{id}/verification` document, its URL, or
"-" for standard input. LOG, optional, is a saved (or the URL of a)
`GET /.well-known/fittrack-transparency/entries?from=1` answer: the drawing's events
in the public transparency log must then agree with the document. Exit status: 0
when everything matches, 1 when anything does not, 2 when the document cannot be
verified (unreadable, or not drawn yet).

This is an independent reference implementation of docs/drawings.md: Python's
standard library only (plus py_ecc, `pip install py_ecc`, for the drand beacon's
BLS12-381 signature of fittrack-draw-v2 drawings), nothing imported from FitTrack,
deliberately simple (no clever data structures), so anyone can read it and port it.
"""

from __future__ import annotations

import hashlib
import json
import struct
import sys
import urllib.request
import uuid
from typing import Any

V1, V2 = "fittrack-draw-v1", "fittrack-draw-v2"
# The League of Entropy's mainnet chains, by chain hash.
KNOWN_CHAINS = {
    "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971": "drand quicknet",
    "8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce": "drand default",
}
DST_G1 = b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_"
DST_G2 = b"BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_"


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


def leaf(first: int, last: int, owner: str) -> bytes:
    return sha256(
        b"\x00"
        + int(first).to_bytes(8, "big")
        + int(last).to_bytes(8, "big")
        + bytes.fromhex(owner)
    )


def chain_heads(drawing_id: bytes, blocks: list[list[Any]]) -> list[str]:
    """The purchase chain's heads: head_0 = H("fittrack-entries-v1" || id), then
    head_k = H(0x02 || head_(k-1) || leaf_k) for each block in ticket order."""
    head, heads = sha256(b"fittrack-entries-v1" + drawing_id), []
    for first, last, owner in blocks:
        head = sha256(b"\x02" + head + leaf(first, last, owner))
        heads.append(head.hex())
    return heads


def proof_root(first: int, last: int, owner: str, steps: list[dict[str, str]]) -> str:
    node = sha256(
        b"\x00" + first.to_bytes(8, "big") + last.to_bytes(8, "big") + bytes.fromhex(owner)
    )
    for step in steps:
        sibling = bytes.fromhex(step["hash"])
        pair = sibling + node if step["side"] == "left" else node + sibling
        node = sha256(b"\x01" + pair)
    return node.hex()


def canonical(document: Any) -> bytes:
    """Keys sorted, no whitespace, UTF-8 with non-ASCII characters unescaped."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def chain_hash(b: dict[str, Any]) -> str:
    """drand's: H(u32 period || i64 genesis time || public key || genesis seed || beacon id)."""
    data = struct.pack(">I", int(b["period"])) + struct.pack(">q", int(b["genesisTime"]))
    data += bytes.fromhex(b["publicKey"]) + bytes.fromhex(b["genesisSeed"])
    if b["beaconId"] not in ("", "default"):
        data += b["beaconId"].encode()
    return sha256(data).hex()


def beacon_message(scheme: str, round_number: int, previous: str | None) -> bytes:
    number = round_number.to_bytes(8, "big")
    if scheme == "pedersen-bls-chained":
        return sha256(bytes.fromhex(previous or "") + number)
    return sha256(number)


def bls_verifies(scheme: str, public_key: bytes, message: bytes, signature: bytes) -> bool:
    """The pairing check of drand's schemes (signature on G1 for quicknet, else on G2)."""
    from py_ecc.bls.hash_to_curve import hash_to_G1, hash_to_G2
    from py_ecc.bls.point_compression import decompress_G1, decompress_G2
    from py_ecc.optimized_bls12_381 import (
        FQ12,
        G1,
        G2,
        curve_order,
        final_exponentiate,
        is_inf,
        multiply,
        neg,
        pairing,
    )

    def g1(raw: bytes) -> Any:
        assert len(raw) == 48
        return decompress_G1(int.from_bytes(raw, "big"))

    def g2(raw: bytes) -> Any:
        assert len(raw) == 96
        return decompress_G2((int.from_bytes(raw[:48], "big"), int.from_bytes(raw[48:], "big")))

    try:
        if scheme == "bls-unchained-g1-rfc9380":
            sig, key, hashed = (
                g1(signature),
                g2(public_key),
                hash_to_G1(message, DST_G1, hashlib.sha256),
            )
            pairs = ((neg(G2), sig), (key, hashed))
        else:
            sig, key, hashed = (
                g2(signature),
                g1(public_key),
                hash_to_G2(message, DST_G2, hashlib.sha256),
            )
            pairs = ((sig, neg(G1)), (hashed, key))
        if not all(is_inf(multiply(p, curve_order)) for p in (sig, key)):
            return False
        product = pairing(*pairs[0], final_exponentiate=False)
        product *= pairing(*pairs[1], final_exponentiate=False)
        return bool(final_exponentiate(product) == FQ12.one())
    except (AssertionError, ValueError):
        return False


def check_terms(doc: dict[str, Any], check: Any, out: list[str]) -> None:
    """The v2 checks before the draw itself: terms, beacon round, prizes."""
    terms, beacon = doc.get("terms"), doc.get("beacon")
    if not terms or not beacon:
        check(False, "the document carries the committed terms and the beacon round")
        return
    check(
        sha256(canonical(terms)).hex() == doc.get("seedCommitment"),
        "SHA-256(terms) equals the commitment",
    )
    check(
        terms["algorithm"] == V2 and terms["drawingId"] == uuid.UUID(doc["drawingId"]).hex,
        "the terms name this drawing and fittrack-draw-v2",
    )
    b = terms["beacon"]
    check(
        chain_hash(b) == b["chainHash"], f"the chain info hashes to chain {b['chainHash'][:16]}..."
    )
    known = KNOWN_CHAINS.get(b["chainHash"], "NOT a League of Entropy mainnet chain")
    out.append(f"  beacon: {known}, round {b['round']}")
    check(beacon["round"] == b["round"], f"the draw used round {b['round']}, fixed at opening")
    signature = bytes.fromhex(beacon["signature"])
    check(
        sha256(signature).hex() == beacon["randomness"] == doc.get("seed"),
        "the seed is SHA-256 of the round's signature",
    )
    message = beacon_message(b["scheme"], int(beacon["round"]), beacon.get("previousSignature"))
    try:
        verified = bls_verifies(b["scheme"], bytes.fromhex(b["publicKey"]), message, signature)
        check(verified, f"the round's BLS signature verifies ({b['scheme']})")
    except ImportError:
        check(False, "the round's BLS signature verifies (install py_ecc to check it)")
    committed = sorted((p["prizeId"], p["rank"], int(p["quantity"])) for p in terms["prizes"])
    shown = sorted(
        (uuid.UUID(p["prizeId"]).hex, p["rank"], int(p["quantity"])) for p in doc["prizes"]
    )
    check(committed == shown, "the prizes drawn for are the prizes committed to")


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
    stream, chosen, picked = Stream(seed, root, drawing_id, algorithm), [], set()
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


def check_log(doc: dict[str, Any], log: list[dict[str, Any]], check: Any) -> None:
    """The drawing's events in the public transparency log (entries 1..n, as served by
    /.well-known/fittrack-transparency/entries) agree with the document."""
    prev, chained = "0" * 64, True
    for entry in log:
        expected = sha256(bytes.fromhex(prev) + entry["body"].encode("utf-8")).hex()
        chained &= entry["prevHash"] == prev and entry["entryHash"] == expected
        prev = entry["entryHash"]
    check(
        chained and [e["seq"] for e in log] == list(range(1, len(log) + 1)),
        "the log chains from entry 1",
    )
    mine = uuid.UUID(doc["drawingId"]).hex
    events = {}
    for entry in log:
        body = json.loads(entry["body"])
        if body.get("drawingId") == mine:
            events.setdefault(body["event"], []).append(body)
    opened, closed, executed = (
        events.get(k, [None])[0] for k in ("drawing.opened", "drawing.closed", "drawing.executed")
    )
    check(
        bool(opened) and opened["seedCommitment"] == doc.get("seedCommitment"),
        "the log recorded this commitment at opening",
    )
    check(
        bool(closed)
        and closed["merkleRoot"] == doc.get("merkleRoot")
        and closed["entriesHead"] == doc.get("entriesHead"),
        "the log recorded this snapshot at close",
    )
    check(
        bool(executed) and executed["seed"] == doc.get("seed"),
        "the log recorded this seed at the draw",
    )
    status = {p["drawIndex"]: p["status"] for p in (executed or {}).get("picks", [])}
    for body in events.get("drawing.redrawn", []):
        status[body["drawIndex"]] = body["status"]
    for body in events.get("drawing.forfeited", []):
        status[body["drawIndex"]] = "forfeited"
    shown = {w["drawIndex"]: w["status"] for w in doc.get("winners", [])}
    forfeits = {i for i, s in shown.items() if s == "forfeited"}
    check(
        forfeits == {i for i, s in status.items() if s == "forfeited"}
        and set(shown) == set(status),
        "every pick and forfeit is in the log",
    )


def verify(doc: dict[str, Any], log: list[dict[str, Any]] | None = None) -> tuple[int, list[str]]:
    """(exit status, report lines); with the transparency log, its entries are checked too."""
    out: list[str] = [f"drawing {doc.get('drawingId')} ({doc.get('name')}): {doc.get('status')}"]
    failures: list[str] = []

    def check(ok: bool, what: str) -> None:
        out.append(f"  [{'ok' if ok else 'FAIL'}] {what}")
        if not ok:
            failures.append(what)

    snapshot, seed_hex = doc.get("snapshot"), doc.get("seed")
    if doc.get("status") != "completed" or not seed_hex or not snapshot:
        return 2, out + ["  not drawn yet: nothing to verify (the seed is revealed at the draw)"]
    algorithm = doc.get("algorithm")
    if algorithm not in (V1, V2):
        return 2, out + [f"  unknown algorithm {algorithm!r}"]
    seed, blocks = bytes.fromhex(seed_hex), snapshot["blocks"]
    if algorithm == V2:
        check_terms(doc, check, out)
    else:
        check(
            sha256(seed).hex() == doc.get("seedCommitment"), "SHA-256(seed) equals the commitment"
        )
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
    heads = chain_heads(uuid.UUID(doc["drawingId"]).bytes, blocks)
    if doc.get("entriesHead"):
        check(
            (heads[-1] if heads else None) == doc["entriesHead"],
            "the purchase chain recomputed from the blocks ends at the published head",
        )
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
        algorithm,
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
    if log is not None:
        check_log(doc, log, check)
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
            if block.get("chainHead"):
                index = int(block["leafIndex"])
                check(
                    index < len(heads) and heads[index] == block["chainHead"],
                    f"my receipt's chain head for tickets {block['firstTicketNumber']}-"
                    f"{block['lastTicketNumber']} is in the purchase chain",
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
    if len(args) not in (1, 3) or (len(args) == 3 and args[1] != "--log"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        doc = load(args[0])
        log = load(args[2])["entries"] if len(args) == 3 else None
    except (OSError, ValueError, KeyError) as error:
        print(f"cannot read {args[-1]}: {error}", file=sys.stderr)
        return 2
    try:
        status, lines = verify(doc, log)
    except (KeyError, TypeError, ValueError) as error:
        status, lines = 1, [f"malformed verification document: {error!r}"]
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
