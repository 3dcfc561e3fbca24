#!/usr/bin/env bash
# Rotate a generated key (see docs/RUNBOOK.md, key rotation):
#   jwt-signing-key       new RSA key; old access tokens fail after the switch
#                         (1 h lifetime), members refresh and carry on
#   token-encryption-key  new AES key put first in the ring "N:<new>,M:<old>,...",
#                         old keys still decrypt, new writes use the new key
set -euo pipefail
cd "$(dirname "$0")/.."

name="${1:?usage: scripts/rotate_secret.sh jwt-signing-key|token-encryption-key}"
id="$(terraform -chdir=terraform output -json secret_ids | jq -r --arg n "$name" '.[$n] // empty')"
[ -n "$id" ] || { echo "no secret named $name" >&2; exit 1; }

case "$name" in
  jwt-signing-key)
    value="$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null)" ;;
  token-encryption-key)
    current="$(oci secrets secret-bundle get --secret-id "$id" --stage CURRENT \
      --query 'data."secret-bundle-content".content' --raw-output | base64 -d)"
    # A bare key is version 1 of the ring.
    case "$current" in *:*) ring="$current" ;; *) ring="1:$current" ;; esac
    top="$(printf '%s' "$ring" | tr ',' '\n' | cut -d: -f1 | sort -n | tail -n1)"
    value="$((top + 1)):$(openssl rand -base64 32),$ring" ;;
  *) echo "only generated keys rotate here; use scripts/set_secret.sh for $name" >&2; exit 1 ;;
esac

printf '%s' "$value" | scripts/set_secret.sh "$name"
