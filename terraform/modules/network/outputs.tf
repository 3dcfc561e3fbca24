output "vcn_id" {
  description = "OCID of the VCN."
  value       = oci_core_vcn.main.id
}

output "subnet_ids" {
  description = "Subnet OCIDs by role: public, functions, database, cache."
  value       = { for name, s in oci_core_subnet.main : name => s.id }
}

output "nsg_ids" {
  description = "NSG OCIDs by role: gateway, functions, database, cache."
  value       = { for name, n in oci_core_network_security_group.main : name => n.id }
}

output "bastion_id" {
  description = "OCID of the bastion for database sessions, or null when none is enabled."
  value       = length(oci_bastion_bastion.db) > 0 ? oci_bastion_bastion.db[0].id : null
}
