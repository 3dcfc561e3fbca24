# Alarms to one notification topic: API 5xx responses and p95 latency across
# the gateway's deployments, failures of the sync consumers, any failed drawing execution,
# and any failed Stripe webhook invocation.

resource "oci_ons_notification_topic" "alerts" {
  compartment_id = var.compartment_id
  name           = "${var.name_prefix}-alerts"
  description    = "FitTrack operational alarms"
}

resource "oci_ons_subscription" "email" {
  for_each = toset(var.alert_emails)

  compartment_id = var.compartment_id
  topic_id       = oci_ons_notification_topic.alerts.id
  protocol       = "EMAIL"
  endpoint       = each.key
}

locals {
  gateway_alarms = {
    api-5xx = {
      namespace = "oci_apigateway"
      query     = "HttpResponses[5m]{resourceId = \"${var.gateway_id}\", httpStatusCategory = \"5xx\"}.sum() > ${var.api_5xx_per_5m}"
      severity  = "CRITICAL"
      body      = "More than ${var.api_5xx_per_5m} 5xx responses in 5 minutes. See docs/RUNBOOK.md (API errors)."
    }
    api-p95-latency = {
      namespace = "oci_apigateway"
      query     = "Latency[5m]{resourceId = \"${var.gateway_id}\"}.percentile(0.95) > ${var.api_p95_latency_ms}"
      severity  = "WARNING"
      body      = "p95 latency above ${var.api_p95_latency_ms} ms for 5 minutes. See docs/RUNBOOK.md (slow API)."
    }
  }
  sync_alarms = {
    for name, id in var.sync_function_ids : "sync-failures-${replace(name, ".", "-")}" => {
      namespace = "oci_faas"
      query     = "FunctionResponseCount[15m]{resourceId = \"${id}\", responseType = \"Error\"}.sum() > ${var.sync_errors_per_15m}"
      severity  = "ERROR"
      body      = "${name} failed more than ${var.sync_errors_per_15m} times in 15 minutes. See docs/RUNBOOK.md (a stuck sync)."
    }
  }
  drawing_alarms = {
    for name, id in var.drawing_function_ids : "drawing-error-${replace(name, ".", "-")}" => {
      namespace = "oci_faas"
      query     = "FunctionResponseCount[1m]{resourceId = \"${id}\", responseType = \"Error\"}.sum() > 0"
      severity  = "CRITICAL"
      body      = "${name} failed. See docs/RUNBOOK.md (a failed drawing)."
    }
  }
  # A failed webhook invocation means a payment may not have reached a member (Stripe
  # retries for three days; the 400/503 answers are not failures).
  billing_alarms = {
    for name, id in var.billing_function_ids : "billing-error-${replace(name, ".", "-")}" => {
      namespace = "oci_faas"
      query     = "FunctionResponseCount[5m]{resourceId = \"${id}\", responseType = \"Error\"}.sum() > 0"
      severity  = "ERROR"
      body      = "${name} failed. Stripe retries; see docs/RUNBOOK.md (billing webhook) and docs/billing.md."
    }
  }
  alarms = merge(local.gateway_alarms, local.sync_alarms, local.drawing_alarms, local.billing_alarms)
}

resource "oci_monitoring_alarm" "main" {
  for_each = local.alarms

  compartment_id               = var.compartment_id
  metric_compartment_id        = var.compartment_id
  display_name                 = "${var.name_prefix}-${each.key}"
  namespace                    = each.value.namespace
  query                        = each.value.query
  severity                     = each.value.severity
  body                         = each.value.body
  destinations                 = [oci_ons_notification_topic.alerts.id]
  is_enabled                   = true
  message_format               = "ONS_OPTIMIZED"
  pending_duration             = "PT1M"
  repeat_notification_duration = "PT4H"
}
