variable "compartment_id" {
  description = "OCID of the compartment holding the network."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of every display name."
  type        = string
}

variable "vcn_cidr" {
  description = "CIDR block of the VCN; /24 subnets are carved from it."
  type        = string
}

variable "dns_label" {
  description = "DNS label of the VCN (letters and digits, at most 15)."
  type        = string
}

variable "bastion_client_cidrs" {
  description = "CIDRs allowed to open bastion sessions to the database; empty means no bastion."
  type        = list(string)
  default     = []
}
