#!/usr/bin/env bash
# Store a new version of a Vault secret, reading the value from standard input
# so it never appears in shell history or process lists.
#
#   scripts/set_secret.sh smtp-password < smtp-password.txt
#
# Functions pick the new version up within 5 minutes (their secret cache).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/vault.sh

name="${1:?usage: scripts/set_secret.sh <secret-name> < value}"
id="$(secret_id "$name")"
[ -n "$id" ] || { echo "no secret named $name (see terraform output secret_ids)" >&2; exit 1; }
value="$(cat)"
[ -n "$value" ] || { echo "empty value on standard input" >&2; exit 1; }
oci vault secret update-base64 --secret-id "$id" \
  --secret-content-content "$(printf '%s' "$value" | base64 -w0)" >/dev/null
echo "new version of $name stored"
