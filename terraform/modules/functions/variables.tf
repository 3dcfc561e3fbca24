variable "compartment_id" {
  description = "OCID of the compartment holding the application."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of the display names."
  type        = string
}

variable "functions" {
  description = "Manifest entries by function name (from the manifest module): memoryMb, timeoutSeconds, trigger."
  type        = any
}

variable "image" {
  description = "Image reference with tag in OCIR, e.g. iad.ocir.io/ns/fittrack:1a2b3c."
  type        = string
}

variable "image_digest" {
  description = "Digest of that image (sha256:...), so every function runs exactly the built image."
  type        = string
}

variable "app_config" {
  description = "Environment shared by every function (application config, at most 4 KB)."
  type        = map(string)
}

variable "subnet_id" {
  description = "OCID of the private functions subnet."
  type        = string
}

variable "nsg_ids" {
  description = "NSGs of the functions."
  type        = list(string)
}

variable "apm_domain_id" {
  description = "OCID of the APM domain receiving traces."
  type        = string
}

variable "log_group_id" {
  description = "OCID of the log group for invoke logs."
  type        = string
}

variable "log_retention_days" {
  description = "Days invoke logs are kept (a multiple of 30)."
  type        = number
}

variable "provisioned_concurrency" {
  description = "Provisioned concurrency units by function name, for hot paths; absent means none."
  type        = map(number)
  default     = {}
}
