output "ids" {
  description = "Function OCIDs by function name."
  value       = { for name, f in oci_functions_function.fn : name => f.id }
}

output "application_id" {
  description = "OCID of the functions application."
  value       = oci_functions_application.main.id
}

output "invoke_log_id" {
  description = "OCID of the invoke log."
  value       = oci_logging_log.invoke.id
}
