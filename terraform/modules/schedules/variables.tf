variable "compartment_id" {
  description = "OCID of the compartment holding the schedules."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of the display names."
  type        = string
}

variable "schedules" {
  description = "Schedules by key: function name, UTC cron and the original cron."
  type        = map(object({ function = string, cron = string, source = string }))
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
