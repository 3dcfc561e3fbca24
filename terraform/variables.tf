# ---- where ------------------------------------------------------------------

variable "tenancy_ocid" {
  description = "OCID of the tenancy (the functions' dynamic group lives at its root)."
  type        = string
}

variable "compartment_ocid" {
  description = "OCID of the compartment that holds every FitTrack resource."
  type        = string
}

variable "region" {
  description = "OCI region identifier, e.g. us-ashburn-1."
  type        = string
}

variable "home_region" {
  description = "The tenancy's home region (IAM is written there), e.g. us-ashburn-1; null when it is var.region."
  type        = string
  default     = null
}

variable "name_prefix" {
  description = "Prefix of every resource name (lowercase letters, digits and hyphens)."
  type        = string
  default     = "fittrack"

  # IAM names (dynamic group, policies) take letters, digits, hyphens, periods and
  # underscores; names with other rules (the bastion's) are derived per resource type.
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name_prefix))
    error_message = "name_prefix: a lowercase letter, then lowercase letters, digits or hyphens, at most 20 characters."
  }
}

# ---- network ----------------------------------------------------------------

variable "vcn_cidr" {
  description = "CIDR of the VCN; /24 subnets for gateway, functions, database and cache are carved from it."
  type        = string
  default     = "10.20.0.0/16"
}

variable "dns_label" {
  description = "DNS label of the VCN and host label of the database private endpoint."
  type        = string
  default     = "fittrack"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{0,14}$", var.dns_label))
    error_message = "dns_label: a lowercase letter, then lowercase letters or digits, at most 15 characters."
  }
}

variable "bastion_client_cidrs" {
  description = "CIDRs allowed to open bastion sessions to the database for migrations; empty creates no bastion."
  type        = list(string)
  default     = []
}

# ---- functions --------------------------------------------------------------

variable "function_image" {
  description = "The one function image in OCIR with its tag, e.g. iad.ocir.io/<namespace>/fittrack:<git sha>."
  type        = string
}

variable "function_image_digest" {
  description = "Digest of function_image (sha256:...) printed by scripts/build_image.sh; rollback = the previous digest."
  type        = string

  validation {
    condition     = can(regex("^sha256:[0-9a-f]{64}$", var.function_image_digest))
    error_message = "function_image_digest must look like sha256:<64 hex digits>."
  }
}

variable "provisioned_concurrency" {
  description = "Provisioned concurrency units by function name for latency-critical functions; others scale from zero."
  type        = map(number)
  default     = {}
}

variable "log_level" {
  description = "FITTRACK_LOG_LEVEL of the functions."
  type        = string
  default     = "INFO"
}

variable "log_retention_days" {
  description = "Days function, gateway and connector logs are kept (30, 60, 90, ...)."
  type        = number
  default     = 90
}

# ---- database ---------------------------------------------------------------

variable "db_name" {
  description = "Autonomous Database name (a letter, then letters or digits, at most 30; unique in the tenancy)."
  type        = string
  default     = "fittrack"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9]{0,29}$", var.db_name))
    error_message = "db_name: a letter, then letters or digits (no hyphens or underscores), at most 30 characters."
  }
}

variable "db_compute_count" {
  description = "ECPUs of the Autonomous Database (auto scaling may use up to three times as many)."
  type        = number
  default     = 2
}

variable "db_storage_gb" {
  description = "Data storage of the Autonomous Database in GB."
  type        = number
  default     = 20
}

variable "db_backup_retention_days" {
  description = "Days automatic backups are kept, i.e. how far back point-in-time restore reaches."
  type        = number
  default     = 60
}

variable "db_consumer_group" {
  description = "Database service of the functions' connections (TP suits short transactions)."
  type        = string
  default     = "TP"
}

variable "db_app_user" {
  description = "Schema user the functions connect as (created by scripts/migrate_remote.py; its password is the database-password secret)."
  type        = string
  default     = "FITTRACK"
}

variable "db_pool_min" {
  description = "Connections each function container opens at first use."
  type        = number
  default     = 1
}

variable "db_pool_max" {
  description = "Most connections one function container holds."
  type        = number
  default     = 4
}

# ---- cache ------------------------------------------------------------------

variable "cache_node_count" {
  description = "Nodes of the OCI Cache cluster (2 or more adds replicas)."
  type        = number
  default     = 2
}

variable "cache_memory_gb" {
  description = "Memory per cache node in GB."
  type        = number
  default     = 2
}

variable "cache_software_version" {
  description = "OCI Cache engine version."
  type        = string
  default     = "REDIS_7_0"
}

# ---- gateway, tokens, mail ---------------------------------------------------

variable "public_base_url" {
  description = "Public URL of the site and API when a custom domain is used; null uses https://<gateway host name>."
  type        = string
  default     = null
}

variable "gateway_certificate_id" {
  description = "OCID of the API Gateway certificate for public_base_url's domain; null for the default host name."
  type        = string
  default     = null
}

variable "jwt_issuer" {
  description = "iss of access tokens; null means the public base URL."
  type        = string
  default     = null
}

variable "jwt_audience" {
  description = "aud of access tokens."
  type        = string
  default     = "fittrack-api"
}

variable "cors_origins" {
  description = "Browser origins allowed to call the API besides the site itself; empty means only the public base URL."
  type        = list(string)
  default     = []
}

variable "route_group_depth_overrides" {
  description = "API deployment prefix depth per path prefix (default depth 3 = /api/v1/<area>); raise an area that nears 50 routes."
  type        = map(number)
  default     = { "/.well-known" = 1 }
}

variable "gateway_rate_limit_per_second" {
  description = "Requests per second one client IP may send to the gateway (coarse flood guard; per-user limits are in rate_limits)."
  type        = number
  default     = 20
}

variable "rate_limits" {
  description = "FITTRACK_RATE_LIMITS: requests per minute by caller class, enforced by the functions."
  type        = map(number)
  default     = { anonymous = 10, member = 100, admin = 500 }
}

variable "smtp_host" {
  description = "SMTP host; null means OCI Email Delivery of the region."
  type        = string
  default     = null
}

variable "mail_from" {
  description = "From address of outgoing mail (an approved sender in Email Delivery)."
  type        = string
  default     = "FitTrack <no-reply@fittrack.example>"
}

variable "oidc_client_ids" {
  description = "OAuth client ids of the social-login providers by name (google, apple); client secrets live in the Vault."
  type        = map(string)
  default     = {}
}

variable "oidc_signing_keys" {
  description = "Providers whose client secret the server mints from a signing key (apple: Sign in with Apple): the developer Team ID and the Key ID of the key kept in the oidc-<provider>-private-key secret (docs/social-login.md). Without it Apple sign-in answers 503."
  type = map(object({
    team_id = string
    key_id  = string
  }))
  default = {}
}

variable "retired_tracker_providers" {
  description = "Tracker providers the operator retires (e.g. google_fit): new links refused, connections retired at their next sync (docs/trackers.md)."
  type        = list(string)
  default     = []
}

variable "stripe_prices" {
  description = "Stripe Price id of each premium plan (monthly, annual), from the Stripe dashboard; the secret key and webhook signing secret live in the Vault (stripe-secret-key, stripe-webhook-secret)."
  type        = map(string)
  default     = {}

  validation {
    condition     = length(var.stripe_prices) == 0 || toset(keys(var.stripe_prices)) == toset(["monthly", "annual"])
    error_message = "stripe_prices names exactly the plans monthly and annual."
  }
}

variable "billing_amounts" {
  description = "What each premium plan costs in USD cents, as GET /billing/plans shows it; keep it equal to the Stripe Prices."
  type        = map(number)
  default     = { monthly = 499, annual = 4999 }

  validation {
    condition     = toset(keys(var.billing_amounts)) == toset(["monthly", "annual"]) && alltrue([for cents in values(var.billing_amounts) : cents > 0 && floor(cents) == cents])
    error_message = "billing_amounts gives whole cents above zero for monthly and annual."
  }
}

variable "billing_grace_days" {
  description = "Days of premium kept after a failed renewal while Stripe retries the card."
  type        = number
  default     = 7
}

variable "billing_alarm_functions" {
  description = "Functions whose failed invocations page because money is involved (the Stripe webhook). Each must exist in the manifest."
  type        = list(string)
  default     = ["billing.webhook"]
}

variable "tracker_client_ids" {
  description = "OAuth client ids of the tracker APIs by provider (fitbit = Google Health API, google_fit); client secrets live in the Vault."
  type        = map(string)
  default     = {}
}

# ---- queue and schedules ----------------------------------------------------

variable "queue_names" {
  description = "Queues to create even before a consumer is declared (producers enqueue to them)."
  type        = list(string)
  default     = ["sync-jobs", "sync-jobs-parked"]
}

variable "queue_visibility_seconds" {
  description = "How long a delivered message stays invisible; must exceed every consumer's timeout."
  type        = number
  default     = 330
}

variable "queue_dead_letter_delivery_count" {
  description = "Deliveries after which a message moves to the dead-letter queue."
  type        = number
  default     = 5
}

variable "queue_retention_seconds" {
  description = "How long an unconsumed message is kept (seconds)."
  type        = number
  default     = 259200
}

variable "queue_batch_size" {
  description = "Messages per consumer invocation."
  type        = number
  default     = 10
}

variable "queue_batch_seconds" {
  description = "Longest wait before a partial batch is delivered."
  type        = number
  default     = 5
}

variable "schedule_strategy" {
  description = "hourly_fanout: one hourly schedule per minute of a sub-hourly cron (documented cadence); native: the cron as written."
  type        = string
  default     = "hourly_fanout"
}

variable "max_schedules_per_function" {
  description = "Most schedules one cron may expand to before planning fails."
  type        = number
  default     = 60
}

variable "schedules_enabled" {
  description = "false sets every schedule INACTIVE (maintenance, restore drills)."
  type        = bool
  default     = true
}

# ---- alarms -----------------------------------------------------------------

variable "alert_emails" {
  description = "E-mail addresses that receive alarms."
  type        = list(string)
  default     = []
}

variable "alarm_api_5xx_per_5m" {
  description = "5xx responses in 5 minutes that raise the API error alarm."
  type        = number
  default     = 10
}

variable "alarm_api_p95_latency_ms" {
  description = "p95 gateway latency (ms) that raises the latency alarm."
  type        = number
  default     = 1500
}

variable "alarm_sync_errors_per_15m" {
  description = "Failed sync consumer invocations in 15 minutes that raise the sync alarm."
  type        = number
  default     = 3
}

variable "drawing_alarm_functions" {
  description = "Functions that execute draws (the lifecycle job, the admin's execute, a redraw); any failed invocation of one pages. Each must exist in the manifest."
  type        = list(string)
  default     = ["lifecycle.drawings", "admin_drawings.execute", "admin_fulfillment.redraw"]
}
