"""fittrack-draw-v2's checks before the draw itself: the committed terms, the drand
round they fixed (its chain, its BLS signature, the seed from it), the prizes."""

from __future__ import annotations

import hashlib
import struct
import uuid
from typing import Any

from drawing_verifier.hashing import canonical, sha256
from drawing_verifier.report import Report
from drawing_verifier.selection import V2

# The League of Entropy's mainnet chains, by chain hash.
KNOWN_CHAINS = {
    "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971": "drand quicknet",
    "8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce": "drand default",
}
DST_G1 = b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_"
DST_G2 = b"BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_"


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


def check_terms(doc: dict[str, Any], report: Report) -> None:
    """The v2 checks before the draw itself: terms, beacon round, prizes."""
    check = report.check
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
    report.note(f"  beacon: {known}, round {b['round']}")
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
