#!/usr/bin/env bash
# Build the one function image, push it to OCIR and record its digest for
# Terraform in build/image.tfvars.json (function_image, function_image_digest).
#
#   OCIR_REPO=iad.ocir.io/<namespace>/fittrack scripts/build_image.sh [tag]
#
# Log in first: docker login <region>.ocir.io -u '<namespace>/<user>' (auth token).
# Set PUSH=0 to build only (CI does this on pull requests).
set -euo pipefail
cd "$(dirname "$0")/.."

repo="${OCIR_REPO:?set OCIR_REPO, e.g. iad.ocir.io/<namespace>/fittrack}"
tag="${1:-$(git rev-parse --short=12 HEAD)}"
image="$repo:$tag"

# The image must serve exactly the functions Terraform deploys.
if [ -x .venv/bin/fittrack ]; then
  .venv/bin/fittrack spec --check
fi

docker build --platform linux/amd64 --pull -t "$image" .

if [ "${PUSH:-1}" = "0" ]; then
  echo "built $image (not pushed)"
  exit 0
fi

docker push "$image"
digest="$(docker inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$image" \
  | grep "^$repo@" | head -n1 | cut -d@ -f2)"
case "$digest" in
  sha256:*) ;;
  *) echo "no registry digest for $image" >&2; exit 1 ;;
esac

mkdir -p build
printf '{\n  "function_image": "%s",\n  "function_image_digest": "%s"\n}\n' "$image" "$digest" \
  > build/image.tfvars.json
echo "pushed $image@$digest -> build/image.tfvars.json"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "image=$image"; echo "digest=$digest"; } >> "$GITHUB_OUTPUT"
fi
