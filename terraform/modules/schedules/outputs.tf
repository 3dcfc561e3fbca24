output "schedule_ids" {
  description = "Schedule OCIDs by key."
  value       = { for key, s in oci_resource_scheduler_schedule.job : key => s.id }
}
