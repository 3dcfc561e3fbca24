variable "compartment_id" {
  description = "OCID of the compartment holding the log group and APM domain."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of the display names."
  type        = string
}

variable "apm_free_tier" {
  description = "Create the APM domain in the free tier (limited trace volume)."
  type        = bool
  default     = true
}
