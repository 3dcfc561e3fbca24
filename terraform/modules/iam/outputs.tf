output "dynamic_group_name" {
  description = "Name of the functions' dynamic group."
  value       = oci_identity_dynamic_group.functions.name
}

output "policy_ids" {
  description = "OCIDs of the policies."
  value       = [oci_identity_policy.functions.id, oci_identity_policy.services.id]
}
