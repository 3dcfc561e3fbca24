# OCI Cache (Redis-compatible) in a private subnet; OCI Cache speaks TLS only,
# hence the rediss:// URL.

resource "oci_redis_redis_cluster" "main" {
  compartment_id     = var.compartment_id
  display_name       = "${var.name_prefix}-cache"
  node_count         = var.node_count
  node_memory_in_gbs = var.node_memory_gb
  software_version   = var.software_version
  subnet_id          = var.subnet_id
  nsg_ids            = var.nsg_ids
}
