"""AES-256-GCM token encryption: round trips, tampering, AAD binding, key rotation."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fittrack.adapters.crypto import (
    ENCRYPTION_KEY_NAME,
    DecryptionError,
    TokenCipher,
    cipher_from_secrets,
    parse_key_ring,
)
from fittrack.adapters.secrets import LocalSecrets

KEY = bytes(range(32))
CIPHER = TokenCipher(KEY)


def test_round_trip_with_associated_data() -> None:
    blob = CIPHER.encrypt("refresh-token-123", b"user:42|fitbit")
    assert blob[0] == 1
    assert b"refresh-token-123" not in blob
    assert CIPHER.decrypt(blob, b"user:42|fitbit") == "refresh-token-123"


def test_nonces_differ_for_the_same_plaintext() -> None:
    first, second = CIPHER.encrypt("same"), CIPHER.encrypt("same")
    assert first != second
    assert first[1:13] != second[1:13]


@pytest.mark.parametrize("index", [0, 1, 12, 13, -1])
def test_any_flipped_byte_is_detected(index: int) -> None:
    blob = bytearray(CIPHER.encrypt("secret", b"aad"))
    blob[index] ^= 0x01
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(bytes(blob), b"aad")


def test_wrong_associated_data_fails() -> None:
    blob = CIPHER.encrypt("secret", b"user:1")
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(blob, b"user:2")
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(blob)


def test_truncated_blob_fails() -> None:
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(CIPHER.encrypt("x")[:20])


def test_wrong_key_fails() -> None:
    with pytest.raises(DecryptionError):
        TokenCipher(bytes(32)).decrypt(CIPHER.encrypt("x"))


def test_rotation_decrypts_old_and_encrypts_with_current() -> None:
    old_blob = TokenCipher({1: KEY}, current=1).encrypt("old")
    rotated = TokenCipher({1: KEY, 2: bytes(32)}, current=2)
    assert rotated.decrypt(old_blob) == "old"
    new_blob = rotated.encrypt("new")
    assert new_blob[0] == 2
    with pytest.raises(DecryptionError, match="version 2"):
        TokenCipher({1: KEY}, current=1).decrypt(new_blob)


@pytest.mark.parametrize(
    ("keys", "current"),
    [(b"short", 1), ({1: KEY}, 2), ({256: KEY}, 256), ({-1: KEY}, -1)],
)
def test_rejects_bad_key_rings(keys: bytes | dict[int, bytes], current: int) -> None:
    with pytest.raises(ValueError):
        TokenCipher(keys, current)


def test_parse_key_ring_forms() -> None:
    b64 = base64.b64encode(KEY).decode()
    other = base64.b64encode(bytes(32)).decode()
    assert parse_key_ring(b64) == ({1: KEY}, 1)
    assert parse_key_ring(f"3:{other}, 2:{b64}") == ({3: bytes(32), 2: KEY}, 3)
    with pytest.raises(ValueError):
        parse_key_ring(" ")


def test_cipher_from_local_secrets_generates_and_keeps_the_key(tmp_path: Path) -> None:
    blob = cipher_from_secrets(LocalSecrets(tmp_path, environ={})).encrypt("token")
    stored = (tmp_path / "secrets" / ENCRYPTION_KEY_NAME).read_text()
    assert len(base64.b64decode(stored)) == 32
    restarted = cipher_from_secrets(LocalSecrets(tmp_path, environ={}))
    assert restarted.decrypt(blob) == "token"


def test_cipher_from_environment_key(tmp_path: Path) -> None:
    env = {"FITTRACK_SECRET_TOKEN_ENCRYPTION_KEY": base64.b64encode(KEY).decode()}
    blob = cipher_from_secrets(LocalSecrets(tmp_path, environ=env)).encrypt("t")
    assert CIPHER.decrypt(blob) == "t"
    assert not (tmp_path / "secrets").exists()


@given(plaintext=st.text(), aad=st.binary(max_size=64), key=st.binary(min_size=32, max_size=32))
def test_round_trip_property(plaintext: str, aad: bytes, key: bytes) -> None:
    cipher = TokenCipher(key)
    assert cipher.decrypt(cipher.encrypt(plaintext, aad), aad) == plaintext
