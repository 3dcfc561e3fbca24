variable "compartment_id" {
  description = "OCID of the compartment holding the schedules."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of the display names."
  type        = string
}

variable "schedules" {
  description = "Schedules by UTC cron: a name slug, the functions to start, and each one's America/New_York cron."
  type        = map(object({ name = string, functions = list(string), sources = map(string) }))
}

variable "function_ids" {
  description = "Function OCIDs by function name."
  type        = map(string)
}

variable "enabled" {
  description = "Whether schedules fire (INACTIVE pauses every job, e.g. during a restore)."
  type        = bool
  default     = true
}
