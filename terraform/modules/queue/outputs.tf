output "queue_ids" {
  description = "Queue OCIDs by queue name."
  value       = { for name, q in oci_queue_queue.main : name => q.id }
}

output "messages_endpoint" {
  description = "Messages endpoint of the queues (one per region), or empty when there is no queue."
  value       = length(oci_queue_queue.main) > 0 ? values(oci_queue_queue.main)[0].messages_endpoint : ""
}

output "connector_ids" {
  description = "Connector OCIDs by consumer function name."
  value       = { for name, c in oci_sch_service_connector.consumer : name => c.id }
}
