output "url" {
  description = "REDIS_URL for the functions (TLS)."
  value       = "rediss://${oci_redis_redis_cluster.main.primary_fqdn}:6379/0"
}

output "id" {
  description = "OCID of the cache cluster."
  value       = oci_redis_redis_cluster.main.id
}
