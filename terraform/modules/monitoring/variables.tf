variable "compartment_id" {
  description = "OCID of the compartment holding topic and alarms (and emitting the metrics)."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of the display names."
  type        = string
}

variable "alert_emails" {
  description = "E-mail addresses subscribed to the alerts topic (each must confirm)."
  type        = list(string)
  default     = []
}

variable "gateway_id" {
  description = "OCID of the API gateway (the resourceId of its metrics)."
  type        = string
}

variable "sync_function_ids" {
  description = "Function OCIDs of the sync consumers by name (may be empty)."
  type        = map(string)
}

variable "drawing_function_ids" {
  description = "Function OCIDs of the drawing functions by name (may be empty)."
  type        = map(string)
}

variable "billing_function_ids" {
  description = "OCIDs of the functions that apply payments (the Stripe webhook), by function name; any failed invocation alarms."
  type        = map(string)
  default     = {}
}

variable "api_5xx_per_5m" {
  description = "5xx responses in 5 minutes that raise the API error alarm."
  type        = number
}

variable "api_p95_latency_ms" {
  description = "p95 gateway latency in milliseconds that raises the latency alarm."
  type        = number
}

variable "sync_errors_per_15m" {
  description = "Failed sync consumer invocations in 15 minutes that raise the sync alarm."
  type        = number
}
