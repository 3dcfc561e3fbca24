# The environment every function reads (shared/fittrack/config.py; listed in
# docs/ENVIRONMENT.md). FITTRACK_FUNCTION is set per function by the module.

locals {
  app_config = merge(
    {
      FITTRACK_ENV                = "production"
      FITTRACK_HOME               = "/tmp/fittrack"
      FITTRACK_LOG_LEVEL          = var.log_level
      FITTRACK_DATABASE_URL       = "oracle://"
      FITTRACK_ORACLE_DSN         = module.database.dsn
      FITTRACK_ORACLE_USER        = var.db_app_user
      FITTRACK_ORACLE_POOL_MIN    = tostring(var.db_pool_min)
      FITTRACK_ORACLE_POOL_MAX    = tostring(var.db_pool_max)
      REDIS_URL                   = module.cache.url
      FITTRACK_QUEUE_BACKEND      = "oci"
      FITTRACK_OCI_QUEUE_IDS      = join(",", [for name, id in module.queue.queue_ids : "${name}=${id}"])
      FITTRACK_OCI_QUEUE_ENDPOINT = module.queue.messages_endpoint
      FITTRACK_SECRETS_BACKEND    = "vault"
      FITTRACK_VAULT_SECRET_IDS   = "secret-ids=${module.vault.index_secret_id}"
      FITTRACK_MAIL_BACKEND       = "smtp"
      FITTRACK_SMTP_HOST          = coalesce(var.smtp_host, "smtp.email.${var.region}.oci.oraclecloud.com")
      FITTRACK_SMTP_PORT          = "587"
      FITTRACK_MAIL_FROM          = var.mail_from
      FITTRACK_PUBLIC_BASE_URL    = module.gateway.base_url
      FITTRACK_JWT_ISSUER         = module.gateway.jwt_issuer
      FITTRACK_JWT_AUDIENCE       = var.jwt_audience
      FITTRACK_RATE_LIMITS        = join(",", [for level, limit in var.rate_limits : "${level}=${limit}"])
      FITTRACK_CORS_ORIGINS       = join(",", length(var.cors_origins) > 0 ? var.cors_origins : [module.gateway.base_url])
    },
    { for provider, id in var.oidc_client_ids : "FITTRACK_OIDC_${upper(provider)}_CLIENT_ID" => id },
    { for provider, id in var.tracker_client_ids : "FITTRACK_TRACKER_${upper(provider)}_CLIENT_ID" => id },
    { for provider, key in var.oidc_signing_keys : "FITTRACK_OIDC_${upper(provider)}_TEAM_ID" => key.team_id },
    { for provider, key in var.oidc_signing_keys : "FITTRACK_OIDC_${upper(provider)}_KEY_ID" => key.key_id },
    length(var.retired_tracker_providers) == 0 ? {} : {
      FITTRACK_RETIRED_PROVIDERS = join(",", var.retired_tracker_providers)
    },
    # Premium plans (docs/billing.md): the Stripe Price ids, what they cost, the grace.
    length(var.stripe_prices) == 0 ? {} : {
      FITTRACK_STRIPE_PRICES = join(",", [for plan, price in var.stripe_prices : "${plan}=${price}"])
    },
    {
      FITTRACK_BILLING_AMOUNTS    = join(",", [for plan, cents in var.billing_amounts : "${plan}=${cents}"])
      FITTRACK_BILLING_GRACE_DAYS = tostring(var.billing_grace_days)
    },
  )
}
