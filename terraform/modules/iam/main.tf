# Who may do what: the functions (a dynamic group of every fnfunc in the
# compartment), API Gateway, Resource Scheduler and Connector Hub.

locals {
  in_compartment = "in compartment id ${var.compartment_id}"
  dg             = "dynamic-group ${oci_identity_dynamic_group.functions.name}"
  as_service     = "request.principal.compartment.id = '${var.compartment_id}'"
}

resource "oci_identity_dynamic_group" "functions" {
  compartment_id = var.tenancy_id
  name           = "${var.name_prefix}-functions"
  description    = "Every FitTrack function"
  matching_rule  = "ALL {resource.type = 'fnfunc', resource.compartment.id = '${var.compartment_id}'}"
}

resource "oci_identity_policy" "functions" {
  compartment_id = var.compartment_id
  name           = "${var.name_prefix}-functions"
  description    = "FitTrack functions: secrets, queues, static content, database metadata"
  statements = [
    "Allow ${local.dg} to read secret-bundles ${local.in_compartment} where target.vault.id = '${var.vault_id}'",
    "Allow ${local.dg} to use queues ${local.in_compartment}",
    "Allow ${local.dg} to read objects ${local.in_compartment} where target.bucket.name = '${var.bucket_name}'",
    "Allow ${local.dg} to read autonomous-database-family ${local.in_compartment}",
  ]
}

resource "oci_identity_policy" "services" {
  compartment_id = var.compartment_id
  name           = "${var.name_prefix}-services"
  description    = "FitTrack: gateway, scheduler and connectors invoke functions; connectors read queues; traces"
  statements = [
    "Allow any-user to use functions-family ${local.in_compartment} where ALL {request.principal.type = 'ApiGateway', request.resource.compartment.id = '${var.compartment_id}'}",
    "Allow any-user to manage functions-family ${local.in_compartment} where ALL {request.principal.type = 'resourceschedule', ${local.as_service}}",
    "Allow any-user to use queues ${local.in_compartment} where ALL {request.principal.type = 'serviceconnector', ${local.as_service}}",
    "Allow any-user to use fn-function ${local.in_compartment} where ALL {request.principal.type = 'serviceconnector', ${local.as_service}}",
    "Allow any-user to use fn-invocation ${local.in_compartment} where ALL {request.principal.type = 'serviceconnector', ${local.as_service}}",
    "Allow service faas to use apm-domains ${local.in_compartment}",
  ]
}
