# One Resource Scheduler schedule per distinct UTC cron of the manifest module,
# starting every function that runs on it (several resources per schedule).
# START_RESOURCE on a function invokes it.

resource "oci_resource_scheduler_schedule" "job" {
  for_each = var.schedules

  compartment_id     = var.compartment_id
  display_name       = "${var.name_prefix}-utc-${each.value.name}"
  description        = "UTC \"${each.key}\" for ${join(", ", [for fn in each.value.functions : "${fn} (\"${each.value.sources[fn]}\" America/New_York)"])}"
  action             = "START_RESOURCE"
  recurrence_type    = "CRON"
  recurrence_details = each.key
  state              = var.enabled ? "ACTIVE" : "INACTIVE"

  dynamic "resources" {
    for_each = each.value.functions
    content {
      id = var.function_ids[resources.value]
    }
  }
}
