output "id" {
  description = "OCID of the Autonomous Database."
  value       = oci_database_autonomous_database.main.id
}

output "dsn" {
  description = "TLS connect descriptor (no wallet) for FITTRACK_ORACLE_DSN."
  value       = length(local.tls_dsns) > 0 ? local.tls_dsns[0] : ""

  precondition {
    condition     = length(local.tls_dsns) > 0
    error_message = "No TLS (one-way) FQDN connection profile for consumer group ${var.consumer_group}; pick one the database offers (TP, LOW, MEDIUM, HIGH)."
  }
}

output "private_endpoint" {
  description = "Private endpoint host name of the database."
  value       = oci_database_autonomous_database.main.private_endpoint
}

output "private_endpoint_ip" {
  description = "Private endpoint IP address (bastion port forwarding target)."
  value       = oci_database_autonomous_database.main.private_endpoint_ip
}
