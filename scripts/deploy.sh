#!/usr/bin/env bash
# Release FitTrack: infrastructure the database needs, migrations, then every
# function on the new image, then the SPA, then a smoke test.
#
#   scripts/deploy.sh [--skip-migrations] <env.tfvars> [build/image.tfvars.json]
#
# Before applying, the digest that is live now is saved to
# build/previous-image.tfvars.json; rolling back is deploying that file:
#   scripts/deploy.sh --skip-migrations <env.tfvars> build/previous-image.tfvars.json
# TF_BACKEND_CONFIG names the state backend file (terraform/examples/backend.hcl).
set -euo pipefail
cd "$(dirname "$0")/.."

migrate=1
if [ "${1:-}" = "--skip-migrations" ]; then migrate=0; shift; fi
env_vars="$(realpath "${1:?usage: scripts/deploy.sh [--skip-migrations] <env.tfvars> [image.tfvars.json]}")"
image_vars="$(realpath "${2:-build/image.tfvars.json}")"
tf() { terraform -chdir=terraform "$@"; }
vars=(-var-file="$env_vars" -var-file="$image_vars")

tf init -input=false ${TF_BACKEND_CONFIG:+-backend-config="$TF_BACKEND_CONFIG"}
mkdir -p build
if tf output -json function_image >/dev/null 2>&1; then
  tf output -json function_image > build/previous-image.tfvars.json
  echo "live image saved to build/previous-image.tfvars.json"
fi

if [ "$migrate" = "1" ]; then
  # The database (and what it needs) first, so migrations run before any
  # function switches to code that expects the new schema. No-op when unchanged.
  tf apply -input=false -auto-approve "${vars[@]}" \
    -target=module.network -target=module.vault -target=module.database
  .venv/bin/python scripts/migrate_remote.py
fi

tf apply -input=false -auto-approve "${vars[@]}"
scripts/upload_spa.sh

base_url="$(tf output -raw base_url)"
check() {
  local path="$1" expect="$2" got
  got="$(curl -sS -o /dev/null -w '%{http_code} %{content_type}' --retry 5 --retry-delay 10 \
    --retry-all-errors "$base_url$path")"
  case "$got" in
    $expect) echo "ok   $path -> $got" ;;
    *) echo "FAIL $path -> $got (wanted $expect)" >&2; return 1 ;;
  esac
}
check /api/v1/health/live "200 application/json*"
check /.well-known/jwks.json "200 application/json*"
check /api/v1/no-such-route "404 application/problem+json*"
if [ -f frontend/package.json ]; then
  check / "200 text/html*"
fi
echo "deployed $(jq -r .function_image "$image_vars") to $base_url"
