output "topic_id" {
  description = "OCID of the alerts topic."
  value       = oci_ons_notification_topic.alerts.id
}

output "alarm_names" {
  description = "Keys of the alarms created."
  value       = keys(oci_monitoring_alarm.main)
}
