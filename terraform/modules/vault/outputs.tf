output "vault_id" {
  description = "OCID of the vault."
  value       = oci_kms_vault.main.id
}

output "key_id" {
  description = "OCID of the master encryption key."
  value       = oci_kms_key.master.id
}

output "secret_ids" {
  description = "Secret OCIDs by the name the functions ask for (database-admin-password is for operators only)."
  value = merge(
    { for name, s in oci_vault_secret.generated : name => s.id },
    { for name, s in oci_vault_secret.external : name => s.id },
  )
}

output "index_secret_id" {
  description = "OCID of the secret holding every other secret's OCID by name (the functions' FITTRACK_VAULT_SECRET_IDS)."
  value       = oci_vault_secret.index.id
}
