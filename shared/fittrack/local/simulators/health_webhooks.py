"""How Google signs Google Health notifications, for the simulator (docs/trackers.md).

A P-256 key made at start, published as a Tink JSON keyset (the shape of
https://www.gstatic.com/googlehealthapi/webhooks/webhooks_public_keyset.json: an
`EcdsaPublicKey` protobuf per key, SHA-256, NIST P-256, DER signatures, TINK output
prefix), and the `GOOGLE-HEALTH-API-SIGNATURE` value for a body: base64 of 0x01, the
4-byte key id and the DER ECDSA signature over the raw bytes.
"""

from __future__ import annotations

import base64
import json
import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

ECDSA_TYPE_URL = "type.googleapis.com/google.crypto.tink.EcdsaPublicKey"
HASH_SHA256, CURVE_NIST_P256, ENCODING_DER = 3, 2, 2


class WebhookSigner:
    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.key_id = secrets.randbits(31) | 1

    def sign(self, body: bytes) -> str:
        signature = self.key.sign(body, ec.ECDSA(hashes.SHA256()))
        return base64.b64encode(b"\x01" + self.key_id.to_bytes(4, "big") + signature).decode()

    def keyset(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        params = _fields((1, HASH_SHA256), (2, CURVE_NIST_P256), (3, ENCODING_DER))
        value = _fields(
            (2, params),
            (3, b"\x00" + numbers.x.to_bytes(32, "big")),
            (4, b"\x00" + numbers.y.to_bytes(32, "big")),
        )
        entry = {
            "keyData": {
                "typeUrl": ECDSA_TYPE_URL,
                "value": base64.b64encode(value).decode(),
                "keyMaterialType": "ASYMMETRIC_PUBLIC",
            },
            "status": "ENABLED",
            "keyId": self.key_id,
            "outputPrefixType": "TINK",
        }
        return json.dumps({"primaryKeyId": self.key_id, "key": [entry]}).encode()


def _fields(*fields: tuple[int, int | bytes]) -> bytes:
    out = bytearray()
    for number, value in fields:
        if isinstance(value, int):
            out += _varint(number << 3) + _varint(value)
        else:
            out += _varint(number << 3 | 2) + _varint(len(value)) + value
    return bytes(out)


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)
