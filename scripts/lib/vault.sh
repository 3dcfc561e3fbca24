# Shared by scripts/set_secret.sh, rotate_secret.sh and init_keys.sh (sourced, from
# the repository root): find a FitTrack secret by name and read its current value.

secret_id() {
  terraform -chdir=terraform output -json secret_ids | jq -r --arg n "$1" '.[$n] // empty'
}

# The secret's current text: the one base64 layer is OCI's transport encoding.
current_value() {
  oci secrets secret-bundle get --secret-id "$1" --stage CURRENT \
    --query 'data."secret-bundle-content".content' --raw-output | base64 -d
}
