# A queue per name (sync-jobs, ...) and, per queue-triggered function, a
# Connector Hub connector delivering batches to it. Delivery is at least once:
# a failed batch becomes visible again, so consumers are idempotent.

resource "oci_queue_queue" "main" {
  for_each = toset(var.queue_names)

  compartment_id                   = var.compartment_id
  display_name                     = "${var.name_prefix}-${each.key}"
  visibility_in_seconds            = var.visibility_seconds
  dead_letter_queue_delivery_count = var.dead_letter_delivery_count
  retention_in_seconds             = var.retention_seconds
  timeout_in_seconds               = 20
}

resource "oci_sch_service_connector" "consumer" {
  for_each = var.consumers

  compartment_id = var.compartment_id
  display_name   = "${var.name_prefix}-${replace(each.key, ".", "-")}"
  description    = "Delivers ${each.value.queue} messages to ${each.key}"

  source {
    kind        = "plugin"
    plugin_name = "QueueSource"
    config_map  = jsonencode({ queueId = oci_queue_queue.main[each.value.queue].id })
  }

  target {
    kind              = "functions"
    function_id       = var.function_ids[each.key]
    batch_size_in_num = var.batch_size
    batch_time_in_sec = var.batch_seconds
  }
}

resource "oci_logging_log" "connector" {
  for_each = var.consumers

  display_name       = "${var.name_prefix}-${replace(each.key, ".", "-")}-connector"
  log_group_id       = var.log_group_id
  log_type           = "SERVICE"
  is_enabled         = true
  retention_duration = var.log_retention_days

  configuration {
    compartment_id = var.compartment_id

    source {
      category    = "runlog"
      resource    = oci_sch_service_connector.consumer[each.key].id
      service     = "och"
      source_type = "OCISERVICE"
    }
  }
}
