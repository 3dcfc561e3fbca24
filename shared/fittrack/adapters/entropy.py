"""Randomness for drawing seeds: the OS CSPRNG, mixed with bytes from OCI Vault in production.

`vault_bytes()` asks the Vault's KMS crypto endpoint for a fresh data encryption
key (random bytes generated in the HSM) when FITTRACK_DRAW_ENTROPY_KEY_ID (an AES
master key OCID) and FITTRACK_KMS_CRYPTO_ENDPOINT are set; locally it returns b"".
A seed is SHA-256(os.urandom(32) || vault bytes), so it stays unpredictable as long
as either source is.
"""

from __future__ import annotations

import base64
import hashlib
import os
import threading
from typing import Any

from fittrack import log

logger = log.get_logger("fittrack.entropy")
KEY_ENV = "FITTRACK_DRAW_ENTROPY_KEY_ID"
ENDPOINT_ENV = "FITTRACK_KMS_CRYPTO_ENDPOINT"
_client: Any = None
_lock = threading.Lock()


def _kms_client(endpoint: str) -> Any:
    global _client
    with _lock:
        if _client is None:
            from oci.auth.signers import get_resource_principals_signer
            from oci.key_management import KmsCryptoClient

            _client = KmsCryptoClient(
                config={}, signer=get_resource_principals_signer(), service_endpoint=endpoint
            )
        return _client


def vault_bytes(production: bool, length: int = 32) -> bytes:
    """Random bytes from OCI Vault when configured (production), else b""."""
    key_id, endpoint = os.environ.get(KEY_ENV), os.environ.get(ENDPOINT_ENV)
    if not (key_id and endpoint):
        if production:
            logger.warning(
                "no Vault entropy configured; drawing seeds use the OS CSPRNG only",
                extra={"missing": [KEY_ENV, ENDPOINT_ENV]},
            )
        return b""
    from oci.key_management.models import GenerateKeyDetails, KeyShape

    details = GenerateKeyDetails(
        include_plaintext_key=True,
        key_id=key_id,
        key_shape=KeyShape(algorithm="AES", length=length),
    )
    generated = _kms_client(endpoint).generate_data_encryption_key(details).data
    return base64.b64decode(generated.plaintext)


def new_seed(production: bool) -> bytes:
    """A fresh 32-byte drawing seed."""
    return hashlib.sha256(os.urandom(32) + vault_bytes(production)).digest()
