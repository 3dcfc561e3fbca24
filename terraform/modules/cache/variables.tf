variable "compartment_id" {
  description = "OCID of the compartment holding the cache."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of the display name."
  type        = string
}

variable "node_count" {
  description = "Nodes of the cluster (one primary, the rest replicas)."
  type        = number
}

variable "node_memory_gb" {
  description = "Memory per node in GB."
  type        = number
}

variable "software_version" {
  description = "Cache engine version, e.g. REDIS_7_0 or VALKEY_7_2."
  type        = string
}

variable "subnet_id" {
  description = "OCID of the private cache subnet."
  type        = string
}

variable "nsg_ids" {
  description = "NSGs of the cluster."
  type        = list(string)
}
