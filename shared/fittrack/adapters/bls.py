"""BLS12-381 signatures of drand rounds (py_ecc, the Ethereum Foundation's pure-Python curves).

Chains with the signature on G2 (public key on G1) check
e(public key, H_G2(message)) = e(G1 generator, signature); quicknet's scheme swaps the
groups: e(signature, G2 generator) = e(H_G1(message), public key). Both hash to the
curve per RFC 9380 with drand's domain separation tags. Points are decompressed
(ZCash encoding), must lie in the prime-order subgroup, and the two pairings share
one final exponentiation. Signing is here for the local beacon simulator only.
"""

from __future__ import annotations

import hashlib
from typing import Any

from py_ecc.bls.hash_to_curve import hash_to_G1, hash_to_G2
from py_ecc.bls.point_compression import (
    compress_G1,
    compress_G2,
    decompress_G1,
    decompress_G2,
)
from py_ecc.bls.typing import G1Compressed, G2Compressed
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

from fittrack.domain import beacon

DST_G2 = b"BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_"
DST_G1 = b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_"
G1_BYTES, G2_BYTES = 48, 96
SHA256: Any = hashlib.sha256  # py_ecc types its hash argument as a hash object


def _g1(raw: bytes) -> Any:
    if len(raw) != G1_BYTES:
        raise ValueError("a G1 point is 48 bytes")
    point = decompress_G1(G1Compressed(int.from_bytes(raw, "big")))
    if is_inf(point) or not is_inf(multiply(point, curve_order)):
        raise ValueError("the G1 point is not in the subgroup")
    return point


def _g2(raw: bytes) -> Any:
    if len(raw) != G2_BYTES:
        raise ValueError("a G2 point is 96 bytes")
    point = decompress_G2(
        G2Compressed((int.from_bytes(raw[:48], "big"), int.from_bytes(raw[48:], "big")))
    )
    if is_inf(point) or not is_inf(multiply(point, curve_order)):
        raise ValueError("the G2 point is not in the subgroup")
    return point


def _pairings_cancel(left: tuple[Any, Any], right: tuple[Any, Any]) -> bool:
    """e(left) * e(right) == 1, each pair given as (G2 point, G1 point)."""
    product = pairing(*left, final_exponentiate=False) * pairing(*right, final_exponentiate=False)
    return bool(final_exponentiate(product) == FQ12.one())


def verify(info: beacon.ChainInfo, found: beacon.Round) -> bool:
    """Whether the round's signature is the chain's signature of the round's message."""
    try:
        digest = beacon.message(info, found)
        if info.signature_on_g1:
            on_g1 = hash_to_G1(digest, DST_G1, SHA256)
            return _pairings_cancel((neg(G2), _g1(found.signature)), (_g2(info.public_key), on_g1))
        on_g2 = hash_to_G2(digest, DST_G2, SHA256)
        return _pairings_cancel((_g2(found.signature), neg(G1)), (on_g2, _g1(info.public_key)))
    except (ValueError, beacon.BeaconError):
        return False


def public_key(secret: int, on_g2: bool) -> bytes:
    if on_g2:
        x, y = compress_G2(multiply(G2, secret))
        return x.to_bytes(48, "big") + y.to_bytes(48, "big")
    return int(compress_G1(multiply(G1, secret))).to_bytes(48, "big")


def sign(secret: int, digest: bytes, on_g1: bool) -> bytes:
    """A BLS signature with drand's tags (the simulator's; real chains sign by threshold)."""
    if on_g1:
        return int(compress_G1(multiply(hash_to_G1(digest, DST_G1, SHA256), secret))).to_bytes(
            48, "big"
        )
    x, y = compress_G2(multiply(hash_to_G2(digest, DST_G2, SHA256), secret))
    return x.to_bytes(48, "big") + y.to_bytes(48, "big")
