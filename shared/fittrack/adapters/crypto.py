"""Encryption at rest for provider tokens: AES-256-GCM with versioned keys.

Blob layout: 1 byte key version | 12 byte random nonce | ciphertext and GCM tag.
The version byte is authenticated too (it is part of the associated data).

The secret `token-encryption-key` holds either one base64 key (version 1) or a
key ring "3:<base64>,2:<base64>" whose first entry encrypts and all decrypt, so a
key can rotate without re-encrypting every row at once.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping

from fittrack.adapters.secrets import Secrets

ENCRYPTION_KEY_NAME = "token-encryption-key"
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionError(Exception):
    """The blob was tampered with, truncated, bound to other data or under an unknown key."""


class TokenCipher:
    def __init__(self, keys: bytes | Mapping[int, bytes], current: int = 1) -> None:
        ring = {current: keys} if isinstance(keys, bytes) else dict(keys)
        if current not in ring:
            raise ValueError(f"current key version {current} is not in the key ring")
        for version, key in ring.items():
            if not 0 <= version <= 255:
                raise ValueError(f"key version {version} does not fit in one byte")
            if len(key) != KEY_BYTES:
                raise ValueError(f"key version {version} is not {KEY_BYTES} bytes")
        self._keys = ring
        self._current = current

    def encrypt(self, plaintext: str, associated_data: bytes = b"") -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        header = bytes([self._current])
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self._keys[self._current]).encrypt(
            nonce, plaintext.encode("utf-8"), header + associated_data
        )
        return header + nonce + sealed

    def decrypt(self, blob: bytes, associated_data: bytes = b"") -> str:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(blob) < 1 + NONCE_BYTES + TAG_BYTES:
            raise DecryptionError("ciphertext is too short")
        key = self._keys.get(blob[0])
        if key is None:
            raise DecryptionError(f"no key with version {blob[0]}")
        nonce, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        try:
            plain = AESGCM(key).decrypt(nonce, sealed, blob[:1] + associated_data)
        except InvalidTag as exc:
            raise DecryptionError("ciphertext failed authentication") from exc
        return plain.decode("utf-8")


def new_key_text() -> str:
    return base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii")


def parse_key_ring(text: str) -> tuple[dict[int, bytes], int]:
    """Parse '<b64>' or '3:<b64>,2:<b64>' into (keys by version, current version)."""
    entries = [item.strip() for item in text.split(",") if item.strip()]
    if not entries:
        raise ValueError("the token encryption key is empty")
    ring: dict[int, bytes] = {}
    for entry in entries:
        version, sep, encoded = entry.partition(":")
        if not sep:
            version, encoded = "1", entry
        ring.setdefault(int(version), base64.b64decode(encoded, validate=True))
    return ring, next(iter(ring))


def cipher_from_secrets(secrets: Secrets, name: str = ENCRYPTION_KEY_NAME) -> TokenCipher:
    """The token cipher; locally the key is generated on first use and kept."""
    keys, current = parse_key_ring(secrets.get_or_create(name, new_key_text))
    return TokenCipher(keys, current)
