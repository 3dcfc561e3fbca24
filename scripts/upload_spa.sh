#!/usr/bin/env bash
# Build the SPA (when frontend/package.json exists) and upload frontend/dist to
# the site bucket. index.html is sent last and never cached, so a browser never
# loads an index.html that points at assets not yet uploaded.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f frontend/package.json ]; then
  echo "no frontend/package.json yet: nothing to upload"
  exit 0
fi
(cd frontend && npm ci && npm run build)

ns="$(terraform -chdir=terraform output -json spa_bucket | jq -r .namespace)"
bucket="$(terraform -chdir=terraform output -json spa_bucket | jq -r .name)"

oci os object bulk-upload --namespace-name "$ns" --bucket-name "$bucket" \
  --src-dir frontend/dist --exclude index.html --overwrite --no-multipart \
  --cache-control "public, max-age=31536000, immutable"
oci os object put --namespace-name "$ns" --bucket-name "$bucket" \
  --file frontend/dist/index.html --name index.html --force \
  --content-type "text/html; charset=utf-8" --cache-control "no-cache"
echo "uploaded frontend/dist to $ns/$bucket"
