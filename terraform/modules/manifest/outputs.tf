output "functions" {
  description = "Every function of the manifest by name (trigger, memoryMb, timeoutSeconds)."
  value       = local.functions

  precondition {
    condition     = length(local.unknown_triggers) == 0
    error_message = "Unknown trigger type for: ${join(", ", local.unknown_triggers)}."
  }
}

output "routes" {
  description = "One API Gateway route per HTTP function: deployment prefix, route path, full path, methods, authorization, function name."
  value       = local.routes

  precondition {
    condition     = length(local.unknown_auth) == 0
    error_message = "No gateway authorization is mapped for the auth level of: ${join(", ", local.unknown_auth)}."
  }
  precondition {
    condition     = length(local.crowded_deployments) == 0
    error_message = "More than max_routes_per_deployment routes under: ${join(", ", local.crowded_deployments)}; add a route_group_depth_overrides entry."
  }
  precondition {
    condition     = length(local.parameter_prefixes) == 0
    error_message = "A deployment prefix would contain a path parameter: ${join(", ", local.parameter_prefixes)}; lower the depth for it."
  }
  precondition {
    condition     = length(local.routes_per_deployment) <= var.max_api_deployments
    error_message = "Routes need ${length(local.routes_per_deployment)} API deployments, more than max_api_deployments."
  }
}

output "schedules" {
  description = "Resource Scheduler schedules by UTC cron: a display-name slug, the functions it starts, and each one's America/New_York cron."
  value       = local.schedules

  precondition {
    condition     = length(local.unsupported_crons) == 0
    error_message = "Cron expressions this module cannot translate (minute: *, */N or a list; hour: * or a list): ${join(", ", local.unsupported_crons)}."
  }
  precondition {
    condition     = length(local.too_many) == 0
    error_message = "These crons need more than max_schedules_per_function schedules: ${join(", ", local.too_many)}."
  }
}

output "queue_consumers" {
  description = "Queue-triggered functions by name, with the queue each consumes."
  value       = local.queue_consumers
}

output "queue_names" {
  description = "Every queue to create: the ones consumers name plus extra_queue_names."
  value       = local.queue_names
}
