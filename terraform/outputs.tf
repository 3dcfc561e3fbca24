output "base_url" {
  description = "Public URL of the site and the API."
  value       = module.gateway.base_url
}

output "function_image" {
  description = "The live image and digest, in tfvars form (scripts/deploy.sh keeps it for rollback)."
  value = {
    function_image        = var.function_image
    function_image_digest = var.function_image_digest
  }
}

output "function_names" {
  description = "Every function the image serves, from api-spec/functions.json."
  value       = keys(module.manifest.functions)
}

output "function_ids" {
  description = "Function OCIDs by function name."
  value       = module.functions.ids
}

output "schedules" {
  description = "Resource Scheduler schedules by UTC cron: the functions each starts and their America/New_York crons."
  value       = module.manifest.schedules
}

output "queue_ids" {
  description = "Queue OCIDs by queue name."
  value       = module.queue.queue_ids

  precondition {
    condition = alltrue([
      for name in keys(module.manifest.queue_consumers) :
      var.queue_visibility_seconds > module.manifest.functions[name].timeoutSeconds
    ])
    error_message = "queue_visibility_seconds must exceed the timeout of every queue consumer."
  }
}

output "spa_bucket" {
  description = "Namespace and name of the SPA bucket (scripts/upload_spa.sh)."
  value       = { namespace = module.storage.namespace, name = module.storage.bucket_name }
}

output "database" {
  description = "What scripts/migrate_remote.py needs: DSN, app user, private endpoint, bastion."
  value = {
    dsn                 = module.database.dsn
    app_user            = var.db_app_user
    private_endpoint    = module.database.private_endpoint
    private_endpoint_ip = module.database.private_endpoint_ip
    bastion_id          = module.network.bastion_id
  }
}

output "secret_ids" {
  description = "Vault secret OCIDs by name (scripts/set_secret.sh, scripts/rotate_secret.sh, migrations)."
  value       = module.vault.secret_ids
}

output "alerts_topic_id" {
  description = "OCID of the alarms' notification topic."
  value       = module.monitoring.topic_id
}
