"""scripts/init_keys.sh and rotate_secret.sh against a stand-in Vault: the `oci` and
`terraform` commands they call are small programs keeping secrets in files, speaking
the same arguments and output (secret bundles base64, `output -json secret_ids`)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import load_pem_private_key

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("jwt-signing-key", "token-encryption-key", "transparency-signing-key")

FAKE_TERRAFORM = """#!/usr/bin/env bash
# terraform -chdir=terraform output -json secret_ids
cat "$VAULT_DIR/ids.json"
"""

FAKE_OCI = """#!/usr/bin/env bash
# oci secrets secret-bundle get --secret-id ID ... | oci vault secret update-base64 ...
set -euo pipefail
id="" content=""
while [ $# -gt 0 ]; do
  case "$1" in
    --secret-id) id="$2"; shift ;;
    --secret-content-content) content="$2"; shift ;;
  esac
  shift
done
if [ -n "$content" ]; then
  printf '%s' "$content" > "$VAULT_DIR/$id"
  echo "$id" >> "$VAULT_DIR/updates"
else
  cat "$VAULT_DIR/$id"
fi
"""


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    if not (shutil.which("openssl") and shutil.which("jq")):
        pytest.skip("openssl and jq are needed by the key scripts")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in (("terraform", FAKE_TERRAFORM), ("oci", FAKE_OCI)):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    store = tmp_path / "vault"
    store.mkdir()
    ids = {name: f"ocid1.vaultsecret.oc1.iad.{name}" for name in NAMES}
    (store / "ids.json").write_text(json.dumps(ids))
    for secret_id in ids.values():  # what Terraform creates: the placeholder
        (store / secret_id).write_text(base64.b64encode(b"unset").decode())
    return store


def run(script: str, vault: Path, *args: str) -> str:
    env = {
        **os.environ,
        "PATH": f"{vault.parent / 'bin'}:{os.environ['PATH']}",
        "VAULT_DIR": str(vault),
    }
    done = subprocess.run(
        [str(ROOT / "scripts" / script), *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def stored(vault: Path, name: str) -> str:
    """The secret's text: one base64 layer (OCI's transport encoding) and no more."""
    return base64.b64decode((vault / f"ocid1.vaultsecret.oc1.iad.{name}").read_text()).decode()


def test_init_keys_generates_each_key_once_outside_terraform(vault: Path) -> None:
    run("init_keys.sh", vault)
    key = load_pem_private_key(stored(vault, "jwt-signing-key").encode(), password=None)
    assert key.key_size == 2048
    assert stored(vault, "jwt-signing-key").startswith("-----BEGIN PRIVATE KEY-----")  # PKCS#8
    version, encoded = stored(vault, "token-encryption-key").split(":")
    assert version == "1" and len(base64.b64decode(encoded)) == 32
    first = {name: stored(vault, name) for name in NAMES}
    assert "already set" in run("init_keys.sh", vault)
    assert {name: stored(vault, name) for name in NAMES} == first
    assert len((vault / "updates").read_text().split()) == 3
    assert len(bytes.fromhex(stored(vault, "transparency-signing-key"))) == 32  # Ed25519 seed


def test_rotation_puts_a_new_aes_key_first_and_keeps_the_old_ones(vault: Path) -> None:
    run("init_keys.sh", vault)
    first = stored(vault, "token-encryption-key")
    run("rotate_secret.sh", vault, "token-encryption-key")
    ring = stored(vault, "token-encryption-key").split(",")
    assert ring[0].startswith("2:") and ring[1:] == [first]
