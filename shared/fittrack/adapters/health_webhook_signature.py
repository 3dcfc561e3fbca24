"""Google Health webhook signatures: `GOOGLE-HEALTH-API-SIGNATURE` over the raw body.

Google signs every data-change notification (not the verification handshake) with
Tink ECDSA P-256 / SHA-256 and publishes the public keyset, rotated about every 30
days, at KEYSET_URL (health.v4.json and the Google Health API webhooks guide). The
header is base64 of a Tink signature: one version byte 0x01, the signing key's id
(4 bytes, big-endian), then the signature (DER, or r||s for IEEE_P1363 keys). The
keyset is Tink's JSON format; each key's `keyData.value` is a serialized
`EcdsaPublicKey` protobuf (field 2 params: hash, curve, encoding; fields 3 and 4 the
point's x and y). That is small enough to read here without the Tink library.

The keyset is cached per process for an hour; a signature by an unknown key id
fetches it again (at most once a minute), since Google rotates keys.
"""

from __future__ import annotations

import base64
import binascii
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests

KEYSET_URL = "https://www.gstatic.com/googlehealthapi/webhooks/webhooks_public_keyset.json"
HEADER = "GOOGLE-HEALTH-API-SIGNATURE"
ECDSA_TYPE_URL = "type.googleapis.com/google.crypto.tink.EcdsaPublicKey"
TINK_PREFIX = 0x01
CACHE_SECONDS = 3600
REFETCH_SECONDS = 60
HTTP_TIMEOUT_SECONDS = 5
SHA256, NIST_P256 = 3, 2  # Tink's HashType and EllipticCurveType numbers
DER, IEEE_P1363 = 2, 1  # Tink's EcdsaSignatureEncoding numbers


class SignatureInvalid(Exception):
    """The notification is not signed by Google (missing, malformed or wrong)."""


class KeysetUnavailable(Exception):
    """Google's public keyset could not be fetched or read."""


@dataclass(frozen=True)
class _Key:
    public: Any  # cryptography EllipticCurvePublicKey
    encoding: int


class WebhookVerifier:
    def __init__(self, keyset_url: str = KEYSET_URL) -> None:
        self.keyset_url = keyset_url
        self._lock = threading.Lock()
        self._keys: dict[int, _Key] = {}
        self._fetched_at = float("-inf")

    def verify(self, header: str | None, body: bytes) -> None:
        """Raise SignatureInvalid unless `header` is Google's signature of `body`."""
        key_id, signature = _parse_header(header)
        key = self._key(key_id)
        if key is None:
            raise SignatureInvalid("The notification is signed with a key Google does not list.")
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec

        try:
            der = _as_der(signature) if key.encoding == IEEE_P1363 else signature
            key.public.verify(der, body, ec.ECDSA(hashes.SHA256()))
        except (InvalidSignature, ValueError):
            raise SignatureInvalid("The notification's signature does not verify.") from None

    def _key(self, key_id: int) -> _Key | None:
        with self._lock:
            age = time.monotonic() - self._fetched_at
            stale = age > CACHE_SECONDS or (key_id not in self._keys and age > REFETCH_SECONDS)
        if stale:
            keys = _read_keyset(_fetch(self.keyset_url))
            with self._lock:
                self._keys, self._fetched_at = keys, time.monotonic()
        with self._lock:
            return self._keys.get(key_id)


_verifiers: dict[str, WebhookVerifier] = {}
_verifiers_lock = threading.Lock()


def verifier(keyset_url: str) -> WebhookVerifier:
    """The process's verifier for this keyset (its cache lives as long as the process)."""
    with _verifiers_lock:
        return _verifiers.setdefault(keyset_url, WebhookVerifier(keyset_url))


def _parse_header(header: str | None) -> tuple[int, bytes]:
    if not header:
        raise SignatureInvalid(f"The notification carries no {HEADER} header.")
    text = header.strip()
    padded = text + "=" * (-len(text) % 4)
    try:
        alphabet = b"-_" if "-" in text or "_" in text else None
        raw = base64.b64decode(padded, altchars=alphabet, validate=True)
    except (binascii.Error, ValueError):
        raise SignatureInvalid(f"The {HEADER} header is not base64.") from None
    if len(raw) < 6 or raw[0] != TINK_PREFIX:
        raise SignatureInvalid(f"The {HEADER} header is not a Tink signature.")
    return int.from_bytes(raw[1:5], "big"), raw[5:]


def _fetch(url: str) -> Any:
    try:
        response = requests.get(url, timeout=HTTP_TIMEOUT_SECONDS)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError):
        raise KeysetUnavailable("Google's webhook keyset could not be fetched.") from None


def _read_keyset(document: Any) -> dict[int, _Key]:
    """The enabled ECDSA P-256/SHA-256 keys with Tink prefixes, by key id."""
    if not isinstance(document, dict) or not isinstance(document.get("key"), list):
        raise KeysetUnavailable("Google's webhook keyset is not a Tink JSON keyset.")
    keys: dict[int, _Key] = {}
    for entry in document["key"]:
        data = entry.get("keyData") if isinstance(entry, dict) else None
        if (
            not isinstance(data, dict)
            or data.get("typeUrl") != ECDSA_TYPE_URL
            or entry.get("status") != "ENABLED"
            or entry.get("outputPrefixType") != "TINK"
            or not isinstance(entry.get("keyId"), int)
        ):
            continue
        try:
            key = _ecdsa_public_key(base64.b64decode(data.get("value", "")))
        except (binascii.Error, ValueError, TypeError, IndexError):
            continue  # one unreadable key must not hide the others
        if key is not None:
            keys[entry["keyId"] & 0xFFFFFFFF] = key
    return keys


def _ecdsa_public_key(serialized: bytes) -> _Key | None:
    from cryptography.hazmat.primitives.asymmetric import ec

    fields = _protobuf_fields(serialized)
    params = _protobuf_fields(fields.get(2, b""))
    hash_type, curve, encoding = params.get(1), params.get(2), params.get(3)
    if hash_type != SHA256 or curve != NIST_P256 or encoding not in (DER, IEEE_P1363):
        return None
    x, y = _coordinate(fields.get(3, b"")), _coordinate(fields.get(4, b""))
    public = ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()
    return _Key(public, int(encoding))


def _coordinate(raw: Any) -> int:
    if not isinstance(raw, bytes) or not raw:
        raise ValueError("missing coordinate")
    return int.from_bytes(raw, "big")  # Tink pads with a leading zero byte


def _protobuf_fields(data: Any) -> dict[int, Any]:
    """The varint and length-delimited fields of a protobuf message, last one wins."""
    if not isinstance(data, bytes):
        raise ValueError("not a message")
    fields: dict[int, Any] = {}
    at = 0
    while at < len(data):
        tag, at = _varint(data, at)
        number, wire = tag >> 3, tag & 7
        if wire == 0:
            fields[number], at = _varint(data, at)
        elif wire == 2:
            length, at = _varint(data, at)
            if at + length > len(data):
                raise ValueError("truncated field")
            fields[number], at = data[at : at + length], at + length
        else:
            raise ValueError(f"unexpected wire type {wire}")
    return fields


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, at
        shift += 7
        if shift > 63:
            raise ValueError("varint too long")


def _as_der(signature: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    if len(signature) != 64:
        raise ValueError("an IEEE P1363 P-256 signature has 64 bytes")
    return encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
