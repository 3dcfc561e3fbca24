#!/usr/bin/env bash
# Generate the JWT signing key, the token-encryption key ring and the transparency
# log's Ed25519 signing key on this machine
# and store them straight into their Vault secrets, once: only while a secret still
# holds Terraform's placeholder "unset". Keys never pass through Terraform state.
# scripts/deploy.sh runs it after the Vault exists; running it again changes nothing.
#
#   scripts/init_keys.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/vault.sh

for name in jwt-signing-key token-encryption-key transparency-signing-key; do
  id="$(secret_id "$name")"
  [ -n "$id" ] || { echo "no secret named $name (apply the vault module first)" >&2; exit 1; }
  if [ "$(current_value "$id")" = "unset" ]; then
    scripts/rotate_secret.sh "$name"
  else
    echo "$name already set"
  fi
done
