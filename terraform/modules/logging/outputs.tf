output "log_group_id" {
  description = "OCID of the log group."
  value       = oci_logging_log_group.main.id
}

output "apm_domain_id" {
  description = "OCID of the APM domain receiving function traces."
  value       = oci_apm_apm_domain.main.id
}
