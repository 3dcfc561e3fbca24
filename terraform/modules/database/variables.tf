variable "compartment_id" {
  description = "OCID of the compartment holding the database."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of the display name."
  type        = string
}

variable "db_name" {
  description = "Database name: a letter then letters or digits, at most 14, unique in the tenancy."
  type        = string
}

variable "compute_count" {
  description = "ECPUs of the database."
  type        = number
}

variable "storage_gb" {
  description = "Data storage in GB."
  type        = number
}

variable "auto_scaling" {
  description = "Let compute and storage scale automatically."
  type        = bool
  default     = true
}

variable "backup_retention_days" {
  description = "Days automatic backups are kept (point-in-time restore window)."
  type        = number
}

variable "subnet_id" {
  description = "OCID of the private subnet of the private endpoint."
  type        = string
}

variable "nsg_ids" {
  description = "NSGs of the private endpoint (at least one is required)."
  type        = list(string)
}

variable "private_endpoint_label" {
  description = "Host label of the private endpoint."
  type        = string
}

variable "admin_password_secret_id" {
  description = "OCID of the Vault secret holding the ADMIN password."
  type        = string
}

variable "consumer_group" {
  description = "Database service the functions use: TP, TPURGENT, LOW, MEDIUM or HIGH."
  type        = string
  default     = "TP"
}
