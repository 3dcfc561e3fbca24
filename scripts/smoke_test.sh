#!/usr/bin/env bash
# Smoke test through the gateway after a deploy: each answer must come with the
# status and type expected and from the right API deployment. API Gateway routes
# "/" (the site) and "/api/v1/<area>" (the API) by prefix; that the longest prefix
# wins is assumed, not documented, so the X-FitTrack-Deployment header every
# deployment sets (terraform/modules/gateway) is checked on each answer.
#
#   scripts/smoke_test.sh <base URL> [--no-site]
set -euo pipefail

base_url="${1:?usage: scripts/smoke_test.sh <base URL> [--no-site]}"
site=1
if [ "${2:-}" = "--no-site" ]; then site=0; fi
retries="${SMOKE_RETRIES:-5}"
failed=0

# check METHOD PATH "STATUS TYPE-PATTERN" DEPLOYMENT-PREFIX
check() {
  local method="$1" path="$2" expect="$3" deployment="$4" out got from
  out="$(curl -sS -X "$method" -o /dev/null -D - -w 'SMOKE %{http_code} %{content_type}\n' \
    -H 'Content-Type: application/json' ${5:+--data "$5"} \
    --retry "$retries" --retry-delay 10 --retry-all-errors "$base_url$path" | tr -d '\r')" || {
    echo "FAIL $method $path: no answer" >&2; failed=1; return 0; }
  got="$(printf '%s\n' "$out" | sed -n 's/^SMOKE //p')"
  from="$(printf '%s\n' "$out" | sed -n 's/^[Xx]-[Ff]it[Tt]rack-[Dd]eployment: *//p' | tail -n1)"
  # shellcheck disable=SC2254 # $expect is a pattern on purpose
  case "$got" in
    $expect) ;;
    *) echo "FAIL $method $path -> $got (wanted $expect)" >&2; failed=1; return 0 ;;
  esac
  if [ "$from" != "$deployment" ]; then
    echo "FAIL $method $path answered by deployment '${from:-none}', not '$deployment'" >&2
    failed=1
    return 0
  fi
  echo "ok   $method $path -> $got from $deployment"
}

check GET /api/v1/health/live "200 application/json*" /api/v1/health
check POST /api/v1/auth/login "4[0-9][0-9] application/problem+json*" /api/v1/auth '{}'
check GET /.well-known/jwks.json "200 application/json*" /.well-known
check GET /api/v1/no-such-route "404 application/problem+json*" /
if [ "$site" = "1" ]; then
  check GET / "200 text/html*" /
  check GET /drawings "200 text/html*" /
fi
exit "$failed"
