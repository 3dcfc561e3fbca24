variable "manifest_path" {
  description = "Path of api-spec/functions.json, the generated list of every function and its trigger."
  type        = string
}

variable "extra_queue_names" {
  description = "Queues to create even when no consumer is declared yet (producers need them first)."
  type        = list(string)
  default     = []
}

variable "schedule_strategy" {
  description = "How cron triggers become Resource Scheduler schedules: \"hourly_fanout\" (one hourly schedule per minute value) or \"native\" (the cron as written)."
  type        = string
  default     = "hourly_fanout"

  validation {
    condition     = contains(["hourly_fanout", "native"], var.schedule_strategy)
    error_message = "schedule_strategy must be \"hourly_fanout\" or \"native\"."
  }
}

variable "max_schedules_per_function" {
  description = "Upper bound of schedules one cron may expand to; planning fails beyond it."
  type        = number
  default     = 60
}

variable "route_group_depth" {
  description = "Path segments that form an API deployment's prefix (3: /api/v1/<area>)."
  type        = number
  default     = 3
}

variable "route_group_depth_overrides" {
  description = "Prefix depth for paths under a given prefix, e.g. { \"/api/v1/admin\" = 4 } for a crowded area."
  type        = map(number)
  default     = { "/.well-known" = 1 }
}

variable "max_routes_per_deployment" {
  description = "Routes one API deployment may hold (API Gateway's fixed limit is 50)."
  type        = number
  default     = 50
}

variable "max_api_deployments" {
  description = "API deployments the gateway may hold besides the site's (20 per gateway in all)."
  type        = number
  default     = 19
}
