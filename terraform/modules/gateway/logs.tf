locals {
  deployment_ids = merge(
    { for prefix, d in oci_apigateway_deployment.api : prefix => d.id },
    { "/" = oci_apigateway_deployment.site.id },
  )
  deployment_logs = {
    for pair in setproduct(keys(local.deployments), ["access", "execution"]) :
    "${pair[0]}|${pair[1]}" => { prefix = pair[0], category = pair[1] }
  }
}

resource "oci_logging_log" "deployment" {
  for_each = local.deployment_logs

  display_name       = "${var.name_prefix}-${local.deployments[each.value.prefix]}${replace(trimsuffix(each.value.prefix, "/"), "/", "-")}-${each.value.category}"
  log_group_id       = var.log_group_id
  log_type           = "SERVICE"
  is_enabled         = true
  retention_duration = var.log_retention_days

  configuration {
    compartment_id = var.compartment_id

    source {
      category    = each.value.category
      resource    = local.deployment_ids[each.value.prefix]
      service     = "apigateway"
      source_type = "OCISERVICE"
    }
  }
}
