output "hostname" {
  description = "Host name of the gateway."
  value       = oci_apigateway_gateway.main.hostname
}

output "base_url" {
  description = "Public URL of site and API."
  value       = local.base_url
}

output "jwt_issuer" {
  description = "Issuer the gateway accepts (and the functions must sign with)."
  value       = local.issuer
}

output "deployment_ids" {
  description = "Deployment OCIDs by path prefix (\"/\" is the site)."
  value       = local.deployment_ids
}

output "gateway_id" {
  description = "OCID of the gateway."
  value       = oci_apigateway_gateway.main.id
}
