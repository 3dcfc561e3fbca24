# One application, one function per manifest entry, all from the same image.
# Shared settings live in the application config; each function only adds
# FITTRACK_FUNCTION, which functions/main.py dispatches on.

locals {
  # Provisioned concurrency units (PCU): the minimum and the increment depend on the
  # function's memory: 40 at 128 MB, 20 at 256 MB, 10 from 512 MB (Functions docs,
  # "Reducing Initial Latency Using Provisioned Concurrency").
  pcu_step = { "128" = 40, "256" = 20 }
  pcu_refused = [
    for name, units in var.provisioned_concurrency : "${name} = ${units}"
    if units != 0 && (!contains(keys(var.functions), name) ? true : (
      units < lookup(local.pcu_step, tostring(var.functions[name].memoryMb), 10) ||
      units % lookup(local.pcu_step, tostring(var.functions[name].memoryMb), 10) != 0
    ))
  ]
}

resource "oci_functions_application" "main" {
  compartment_id             = var.compartment_id
  display_name               = "${var.name_prefix}-app"
  subnet_ids                 = [var.subnet_id]
  network_security_group_ids = var.nsg_ids
  config                     = var.app_config

  trace_config {
    is_enabled = true
    domain_id  = var.apm_domain_id
  }
}

resource "oci_functions_function" "fn" {
  for_each = var.functions

  application_id     = oci_functions_application.main.id
  display_name       = replace(each.key, ".", "-")
  image              = var.image
  image_digest       = var.image_digest
  memory_in_mbs      = each.value.memoryMb
  timeout_in_seconds = each.value.timeoutSeconds
  config             = { FITTRACK_FUNCTION = each.key }

  trace_config {
    is_enabled = true
  }

  dynamic "provisioned_concurrency_config" {
    for_each = lookup(var.provisioned_concurrency, each.key, 0) > 0 ? [var.provisioned_concurrency[each.key]] : []
    content {
      strategy = "CONSTANT"
      count    = provisioned_concurrency_config.value
    }
  }
}

resource "oci_logging_log" "invoke" {
  display_name       = "${var.name_prefix}-functions-invoke"
  log_group_id       = var.log_group_id
  log_type           = "SERVICE"
  is_enabled         = true
  retention_duration = var.log_retention_days

  configuration {
    compartment_id = var.compartment_id

    source {
      category    = "invoke"
      resource    = oci_functions_application.main.id
      service     = "functions"
      source_type = "OCISERVICE"
    }
  }
}
