# One Resource Scheduler schedule per entry of the manifest module's schedules
# (a scheduled function, or one minute of it under the hourly fan-out).
# START_RESOURCE on a function invokes it.

resource "oci_resource_scheduler_schedule" "job" {
  for_each = var.schedules

  compartment_id     = var.compartment_id
  display_name       = "${var.name_prefix}-${replace(replace(each.key, ".", "-"), "@", "-m")}"
  description        = "${each.value.function}: \"${each.value.source}\" America/New_York, run as \"${each.value.cron}\" UTC"
  action             = "START_RESOURCE"
  recurrence_type    = "CRON"
  recurrence_details = each.value.cron
  state              = var.enabled ? "ACTIVE" : "INACTIVE"

  resources {
    id = var.function_ids[each.value.function]
  }
}
