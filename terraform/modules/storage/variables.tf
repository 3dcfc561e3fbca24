variable "compartment_id" {
  description = "OCID of the compartment holding the bucket."
  type        = string
}

variable "region" {
  description = "Region of the bucket, for its URL."
  type        = string
}

variable "bucket_name" {
  description = "Name of the SPA bucket."
  type        = string
}
