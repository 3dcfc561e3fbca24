output "namespace" {
  description = "Object Storage namespace of the tenancy."
  value       = data.oci_objectstorage_namespace.main.namespace
}

output "bucket_name" {
  description = "Name of the SPA bucket."
  value       = oci_objectstorage_bucket.spa.name
}

output "base_url" {
  description = "URL prefix of the bucket's objects (append an object name)."
  value       = "https://objectstorage.${var.region}.oraclecloud.com/n/${data.oci_objectstorage_namespace.main.namespace}/b/${oci_objectstorage_bucket.spa.name}/o"
}
