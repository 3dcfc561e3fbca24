variable "tenancy_id" {
  description = "OCID of the tenancy (dynamic groups live at its root)."
  type        = string
}

variable "compartment_id" {
  description = "OCID of the compartment holding FitTrack."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of group and policy names."
  type        = string
}

variable "vault_id" {
  description = "OCID of the vault whose secrets the functions read."
  type        = string
}

variable "bucket_name" {
  description = "Name of the SPA bucket the functions may read."
  type        = string
}
