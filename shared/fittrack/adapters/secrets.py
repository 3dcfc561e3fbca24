"""Secrets: OCI Vault in production; environment or files under FITTRACK_HOME locally.

Values never reach a log line or an exception message; only names do.
"""

from __future__ import annotations

import base64
import json
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from fittrack.config import Settings

ENV_PREFIX = "FITTRACK_SECRET_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class MissingSecret(LookupError):
    pass


class Secrets(Protocol):
    def get(self, name: str) -> str: ...

    def get_or_create(self, name: str, generate: Callable[[], str]) -> str:
        """The stored value, or (locally) a generated one stored for next time."""
        ...


def env_name(name: str) -> str:
    """`token-encryption-key` -> `FITTRACK_SECRET_TOKEN_ENCRYPTION_KEY`."""
    return ENV_PREFIX + re.sub(r"[^A-Z0-9]", "_", name.upper())


class LocalSecrets:
    """FITTRACK_SECRET_<NAME> first, then the file <home>/secrets/<name>."""

    def __init__(self, home: Path, environ: Mapping[str, str] | None = None) -> None:
        self._dir = Path(home) / "secrets"
        self._environ = environ

    def _path(self, name: str) -> Path:
        if not _NAME.match(name):
            raise ValueError(f"invalid secret name {name!r}")
        return self._dir / name

    def _lookup(self, name: str) -> str | None:
        environ = os.environ if self._environ is None else self._environ
        value = environ.get(env_name(name))
        if value:
            return value
        path = self._path(name)
        return path.read_text(encoding="utf-8").rstrip("\r\n") if path.is_file() else None

    def get(self, name: str) -> str:
        value = self._lookup(name)
        if value is None:
            raise MissingSecret(f"secret {name!r} is not set: export {env_name(name)}")
        return value

    def get_or_create(self, name: str, generate: Callable[[], str]) -> str:
        value = self._lookup(name)
        return value if value is not None else self._create(name, generate())

    def _create(self, name: str, value: str) -> str:
        """Store atomically; if another process won the race, its value is the one."""
        self._dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        final = self._path(name)
        staging = self._dir / f".{name}.{os.getpid()}.{threading.get_ident()}"
        fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(value)
            os.link(staging, final)  # fails if the secret exists, never half-written
        except FileExistsError:
            return final.read_text(encoding="utf-8").rstrip("\r\n")
        finally:
            staging.unlink(missing_ok=True)
        return value


# The secret whose text is a JSON map of every other secret's OCID by name. Function
# configuration is limited to 4 KB, so production lists only this one OCID in
# FITTRACK_VAULT_SECRET_IDS and finds the rest here (terraform/modules/vault).
INDEX_SECRET = "secret-ids"  # noqa: S105 - a secret's name


class VaultSecrets:
    """OCI Vault secrets by OCID, fetched with resource principals, cached briefly. A
    name missing from the configured OCIDs is looked up in the INDEX_SECRET map."""

    def __init__(
        self,
        secret_ids: Mapping[str, str],
        signer: Any = None,
        client: Any = None,
        ttl_seconds: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ids = dict(secret_ids)
        self._signer = signer
        self._client = client
        self._ttl = ttl_seconds
        self._clock = clock
        self._cached: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def _secrets_client(self) -> Any:
        with self._lock:
            if self._client is None:
                from oci.auth.signers import get_resource_principals_signer
                from oci.secrets import SecretsClient

                signer = self._signer or get_resource_principals_signer()
                self._client = SecretsClient(config={}, signer=signer)
            return self._client

    def get(self, name: str) -> str:
        secret_id = self._ids.get(name) or self._indexed_id(name)
        if secret_id is None:
            raise MissingSecret(f"secret {name!r} has no OCID in FITTRACK_VAULT_SECRET_IDS")
        with self._lock:
            hit = self._cached.get(name)
        if hit is not None and self._clock() - hit[1] < self._ttl:
            return hit[0]
        value = self._fetch(secret_id)
        with self._lock:
            self._cached[name] = (value, self._clock())
        return value

    def _indexed_id(self, name: str) -> str | None:
        if name == INDEX_SECRET or INDEX_SECRET not in self._ids:
            return None
        try:
            index = json.loads(self.get(INDEX_SECRET))
        except ValueError:
            raise MissingSecret(f"secret {INDEX_SECRET!r} is not a JSON map") from None
        found = index.get(name) if isinstance(index, dict) else None
        return found if isinstance(found, str) and found else None

    def get_or_create(self, name: str, generate: Callable[[], str]) -> str:
        # Vault secrets are provisioned by Terraform; generating one here would hide a gap.
        return self.get(name)

    def _fetch(self, secret_id: str) -> str:
        bundle = self._secrets_client().get_secret_bundle(secret_id=secret_id).data
        content = bundle.secret_bundle_content.content
        return base64.b64decode(content).decode("utf-8")


def open_secrets(settings: Settings) -> Secrets:
    if settings.secrets_backend == "vault":
        return VaultSecrets(settings.vault_secret_ids)
    return LocalSecrets(settings.home)
