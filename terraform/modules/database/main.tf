# Autonomous Transaction Processing (OLTP, Oracle 23ai) on a private endpoint, TLS
# without a wallet. Not Autonomous JSON Database: AJD caps data outside JSON
# collections at 20 GB, and FitTrack's schema is relational (JSON columns, duality
# views). An existing AJD is promoted in place (db_workload AJD -> OLTP is the one
# change the provider allows, online). docs/DEPLOYMENT.md, "Database". The ADMIN password is the Vault secret database-admin-password; the
# application connects as its own user (created by scripts/migrate_remote.py).

resource "oci_database_autonomous_database" "main" {
  compartment_id = var.compartment_id
  db_name        = var.db_name
  display_name   = "${var.name_prefix}-db"

  db_workload   = "OLTP"
  db_version    = "23ai"
  license_model = "LICENSE_INCLUDED"
  compute_model = "ECPU"
  compute_count = var.compute_count

  data_storage_size_in_gb             = var.storage_gb
  is_auto_scaling_enabled             = var.auto_scaling
  is_auto_scaling_for_storage_enabled = var.auto_scaling
  backup_retention_period_in_days     = var.backup_retention_days

  subnet_id                   = var.subnet_id
  nsg_ids                     = var.nsg_ids
  private_endpoint_label      = var.private_endpoint_label
  is_mtls_connection_required = false

  secret_id = var.admin_password_secret_id

  lifecycle {
    prevent_destroy = true
  }
}

locals {
  # The TLS (one-way, no wallet) connect descriptor of the chosen service.
  profiles = oci_database_autonomous_database.main.connection_strings[0].profiles
  tls_dsns = [
    for p in local.profiles : p.value
    if upper(p.consumer_group) == upper(var.consumer_group) && p.tls_authentication == "SERVER" && p.host_format == "FQDN"
  ]
}
