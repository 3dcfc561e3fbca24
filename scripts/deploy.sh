#!/usr/bin/env bash
# Release FitTrack: infrastructure the database needs, the keys (first deploy
# only), migrations, then every function on the new image, then the SPA, then a
# smoke test through the gateway (scripts/smoke_test.sh).
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
  scripts/init_keys.sh
  .venv/bin/python scripts/migrate_remote.py
fi

tf apply -input=false -auto-approve "${vars[@]}"
scripts/init_keys.sh # keys outside Terraform state; a no-op once they are set
scripts/upload_spa.sh

base_url="$(tf output -raw base_url)"
# Fails the deploy when a path is answered wrongly or by the wrong deployment.
if [ -f frontend/package.json ]; then
  scripts/smoke_test.sh "$base_url"
else
  scripts/smoke_test.sh "$base_url" --no-site
fi
echo "deployed $(jq -r .function_image "$image_vars") to $base_url"
