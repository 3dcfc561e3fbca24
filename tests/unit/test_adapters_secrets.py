"""LocalSecrets (environment, files, generate once) and VaultSecrets over a fake client."""

from __future__ import annotations

import base64
import json
import stat
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from fittrack.adapters.secrets import (
    LocalSecrets,
    MissingSecret,
    VaultSecrets,
    env_name,
    open_secrets,
)
from fittrack.config import Settings


def test_env_name() -> None:
    assert env_name("token-encryption-key") == "FITTRACK_SECRET_TOKEN_ENCRYPTION_KEY"
    assert env_name("jwt.signing") == "FITTRACK_SECRET_JWT_SIGNING"


def test_environment_wins_over_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "api-key").write_text("from-file\n")
    secrets = LocalSecrets(tmp_path)
    assert secrets.get("api-key") == "from-file"
    monkeypatch.setenv("FITTRACK_SECRET_API_KEY", "from-env")
    assert secrets.get("api-key") == "from-env"
    assert secrets.get_or_create("api-key", lambda: "generated") == "from-env"
    assert (tmp_path / "secrets" / "api-key").read_text() == "from-file\n"


def test_missing_secret_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(MissingSecret, match="FITTRACK_SECRET_SMTP_PASSWORD"):
        LocalSecrets(tmp_path, environ={}).get("smtp-password")


def test_generated_once_and_persisted_privately(tmp_path: Path) -> None:
    calls: list[int] = []

    def generate() -> str:
        calls.append(1)
        return f"value-{len(calls)}"

    first = LocalSecrets(tmp_path, environ={}).get_or_create("jwt-key", generate)
    again = LocalSecrets(tmp_path, environ={}).get_or_create("jwt-key", generate)
    assert first == again == "value-1"
    assert LocalSecrets(tmp_path, environ={}).get("jwt-key") == "value-1"
    path = tmp_path / "secrets" / "jwt-key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["jwt-key"]


def test_concurrent_creators_agree_on_one_value(tmp_path: Path) -> None:
    results: list[str] = []
    barrier = threading.Barrier(8)

    def create(n: int) -> None:
        barrier.wait()
        results.append(LocalSecrets(tmp_path, environ={}).get_or_create("k", lambda: f"v{n}"))

    threads = [threading.Thread(target=create, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1
    assert LocalSecrets(tmp_path, environ={}).get("k") == results[0]


@pytest.mark.parametrize("name", ["../escape", "a/b", ".hidden", ""])
def test_rejects_names_that_are_not_plain_files(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        LocalSecrets(tmp_path, environ={}).get(name)


class FakeSecretsClient:
    """Stands in for oci.secrets.SecretsClient: the edge of a service we do not run."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.calls: list[str] = []

    def get_secret_bundle(self, secret_id: str, **_: Any) -> Any:
        self.calls.append(secret_id)
        content = SimpleNamespace(
            content_type="BASE64",
            content=base64.b64encode(self.values[secret_id].encode()).decode(),
        )
        return SimpleNamespace(data=SimpleNamespace(secret_bundle_content=content))


def test_vault_decodes_and_caches_with_ttl() -> None:
    client = FakeSecretsClient({"ocid1.vaultsecret.oc1..db": "pässword"})
    now = [0.0]
    vault = VaultSecrets(
        {"database-password": "ocid1.vaultsecret.oc1..db"},
        client=client,
        ttl_seconds=300,
        clock=lambda: now[0],
    )
    assert vault.get("database-password") == "pässword"
    now[0] = 299
    assert vault.get("database-password") == "pässword"
    assert client.calls == ["ocid1.vaultsecret.oc1..db"]
    client.values["ocid1.vaultsecret.oc1..db"] = "rotated"
    now[0] = 301
    assert vault.get("database-password") == "rotated"
    assert len(client.calls) == 2


def test_vault_never_generates() -> None:
    vault = VaultSecrets({}, client=FakeSecretsClient({}))
    with pytest.raises(MissingSecret, match="FITTRACK_VAULT_SECRET_IDS"):
        vault.get_or_create("token-encryption-key", lambda: "x")


def test_open_secrets_picks_backend(tmp_path: Path) -> None:
    assert isinstance(open_secrets(Settings(home=tmp_path)), LocalSecrets)
    vault = open_secrets(Settings(secrets_backend="vault", vault_secret_ids={"a": "ocid"}))
    assert isinstance(vault, VaultSecrets)


def test_vault_finds_secrets_through_the_index_secret() -> None:
    index = {"database-password": "ocid1.vaultsecret.oc1..db", "smtp-password": "ocid1..smtp"}
    client = FakeSecretsClient(
        {
            "ocid1.vaultsecret.oc1..index": json.dumps(index),
            "ocid1.vaultsecret.oc1..db": "pässword",
            "ocid1..smtp": "mail",
        }
    )
    vault = VaultSecrets({"secret-ids": "ocid1.vaultsecret.oc1..index"}, client=client)
    assert vault.get("database-password") == "pässword"
    assert vault.get("smtp-password") == "mail"
    # The index is fetched once and cached like any secret.
    assert client.calls.count("ocid1.vaultsecret.oc1..index") == 1
    with pytest.raises(MissingSecret, match="'nope'"):
        vault.get("nope")


def test_an_unreadable_index_is_a_missing_secret_without_its_text() -> None:
    client = FakeSecretsClient({"ocid1..index": "not json, maybe a leaked value"})
    vault = VaultSecrets({"secret-ids": "ocid1..index"}, client=client)
    with pytest.raises(MissingSecret) as refused:
        vault.get("database-password")
    assert "leaked" not in str(refused.value)
