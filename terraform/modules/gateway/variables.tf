variable "compartment_id" {
  description = "OCID of the compartment holding the gateway."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of the display names."
  type        = string
}

variable "subnet_id" {
  description = "OCID of the public subnet."
  type        = string
}

variable "nsg_ids" {
  description = "NSGs of the gateway."
  type        = list(string)
}

variable "certificate_id" {
  description = "OCID of an API Gateway certificate for a custom domain, or null for the default host name."
  type        = string
  default     = null
}

variable "public_base_url" {
  description = "Public URL of site and API (custom domain); null means https://<gateway host name>."
  type        = string
  default     = null
}

variable "jwt_issuer" {
  description = "Expected iss of access tokens; null means the public base URL."
  type        = string
  default     = null
}

variable "jwt_audience" {
  description = "Expected aud of access tokens."
  type        = string
}

variable "cors_origins" {
  description = "Origins allowed to call the API from a browser; empty means only the public base URL."
  type        = list(string)
  default     = []
}

variable "rate_limit_per_second" {
  description = "Requests per second one client IP may send across the whole deployment."
  type        = number
}

variable "api_routes" {
  description = "One route per HTTP function: deployment prefix, route_path under it, methods, authorization (ANONYMOUS or AUTHENTICATION_ONLY), function_id."
  type = list(object({
    deployment    = string
    route_path    = string
    methods       = list(string)
    authorization = string
    function_id   = string
  }))
}

variable "spa_base_url" {
  description = "URL prefix of the SPA bucket's objects."
  type        = string
}

variable "spa_root_files" {
  description = "Files at the root of the SPA build served as themselves instead of index.html."
  type        = list(string)
  default     = ["favicon.ico", "favicon.svg", "robots.txt", "manifest.webmanifest"]
}

variable "log_group_id" {
  description = "OCID of the log group for access and execution logs."
  type        = string
}

variable "log_retention_days" {
  description = "Days gateway logs are kept (a multiple of 30)."
  type        = number
}
