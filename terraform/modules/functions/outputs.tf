output "ids" {
  description = "Function OCIDs by function name."
  value       = { for name, f in oci_functions_function.fn : name => f.id }

  precondition {
    condition     = length(local.pcu_refused) == 0
    error_message = "provisioned_concurrency OCI would refuse (unknown function, or not a multiple of 40 PCU at 128 MB, 20 at 256 MB, 10 from 512 MB): ${join(", ", local.pcu_refused)}."
  }
}

output "application_id" {
  description = "OCID of the functions application."
  value       = oci_functions_application.main.id
}

output "invoke_log_id" {
  description = "OCID of the invoke log."
  value       = oci_logging_log.invoke.id
}
