variable "compartment_id" {
  description = "OCID of the compartment holding queues and connectors."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of the display names."
  type        = string
}

variable "queue_names" {
  description = "Queue names as the code knows them (FITTRACK_OCI_QUEUE_IDS keys)."
  type        = list(string)
}

variable "consumers" {
  description = "Queue-triggered functions by name, each with the queue it consumes (may be empty)."
  type        = map(object({ queue = string }))
}

variable "function_ids" {
  description = "Function OCIDs by function name."
  type        = map(string)
}

variable "visibility_seconds" {
  description = "How long a delivered message stays invisible; must exceed the consumer's timeout."
  type        = number
}

variable "dead_letter_delivery_count" {
  description = "Deliveries after which a message moves to the dead-letter queue."
  type        = number
}

variable "retention_seconds" {
  description = "How long an unconsumed message is kept."
  type        = number
}

variable "batch_size" {
  description = "Messages per function invocation."
  type        = number
}

variable "batch_seconds" {
  description = "Longest wait before a partial batch is delivered."
  type        = number
}

variable "log_group_id" {
  description = "OCID of the log group for connector run logs."
  type        = string
}

variable "log_retention_days" {
  description = "Days connector logs are kept (a multiple of 30)."
  type        = number
}
