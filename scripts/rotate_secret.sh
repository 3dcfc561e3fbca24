#!/usr/bin/env bash
# Rotate a generated key (see docs/RUNBOOK.md, key rotation):
#   jwt-signing-key       new RSA key; old access tokens fail after the switch
#                         (1 h lifetime), members refresh and carry on
#   token-encryption-key  new AES key put first in the ring "N:<new>,M:<old>,...",
#                         old keys still decrypt, new writes use the new key
#   transparency-signing-key  new Ed25519 seed (hex) for the log's checkpoints; keep
#                         the old public key published, old checkpoints verify with it
# scripts/init_keys.sh uses it for the first version too (the secret then holds
# Terraform's placeholder "unset", which is not a key to keep).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/vault.sh

name="${1:?usage: scripts/rotate_secret.sh jwt-signing-key|token-encryption-key|transparency-signing-key}"
id="$(secret_id "$name")"
[ -n "$id" ] || { echo "no secret named $name" >&2; exit 1; }

case "$name" in
  jwt-signing-key)
    value="$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null)" ;;
  token-encryption-key)
    current="$(current_value "$id")"
    # A bare key is version 1 of the ring; the placeholder is no key at all.
    case "$current" in unset) ring="" ;; *:*) ring="$current" ;; *) ring="1:$current" ;; esac
    top="$(printf '%s' "$ring" | tr ',' '\n' | cut -d: -f1 | sort -n | tail -n1)"
    value="$((${top:-0} + 1)):$(openssl rand -base64 32)${ring:+,$ring}" ;;
  transparency-signing-key)
    value="$(openssl rand -hex 32)" ;;
  *) echo "only generated keys rotate here; use scripts/set_secret.sh for $name" >&2; exit 1 ;;
esac

printf '%s' "$value" | scripts/set_secret.sh "$name"
