# FitTrack on OCI. Every function comes from api-spec/functions.json (generated
# from the @function registry), so adding a function needs no edit here.

module "manifest" {
  source = "./modules/manifest"

  manifest_path               = "${path.module}/../api-spec/functions.json"
  route_group_depth_overrides = var.route_group_depth_overrides
  extra_queue_names           = var.queue_names
  schedule_strategy           = var.schedule_strategy
  max_schedules_per_function  = var.max_schedules_per_function
}

module "network" {
  source = "./modules/network"

  compartment_id       = var.compartment_ocid
  name_prefix          = var.name_prefix
  vcn_cidr             = var.vcn_cidr
  dns_label            = var.dns_label
  bastion_client_cidrs = var.bastion_client_cidrs
}

module "vault" {
  source = "./modules/vault"

  compartment_id = var.compartment_ocid
  name_prefix    = var.name_prefix
}

module "database" {
  source = "./modules/database"

  compartment_id           = var.compartment_ocid
  name_prefix              = var.name_prefix
  db_name                  = var.db_name
  compute_count            = var.db_compute_count
  storage_gb               = var.db_storage_gb
  backup_retention_days    = var.db_backup_retention_days
  consumer_group           = var.db_consumer_group
  subnet_id                = module.network.subnet_ids["database"]
  nsg_ids                  = [module.network.nsg_ids["database"]]
  private_endpoint_label   = var.dns_label
  admin_password_secret_id = module.vault.secret_ids["database-admin-password"]
}

module "cache" {
  source = "./modules/cache"

  compartment_id   = var.compartment_ocid
  name_prefix      = var.name_prefix
  node_count       = var.cache_node_count
  node_memory_gb   = var.cache_memory_gb
  software_version = var.cache_software_version
  subnet_id        = module.network.subnet_ids["cache"]
  nsg_ids          = [module.network.nsg_ids["cache"]]
}

module "storage" {
  source = "./modules/storage"

  compartment_id = var.compartment_ocid
  region         = var.region
  bucket_name    = "${var.name_prefix}-web"
}

module "logging" {
  source = "./modules/logging"

  compartment_id = var.compartment_ocid
  name_prefix    = var.name_prefix
}

module "functions" {
  source = "./modules/functions"

  compartment_id          = var.compartment_ocid
  name_prefix             = var.name_prefix
  functions               = module.manifest.functions
  image                   = var.function_image
  image_digest            = var.function_image_digest
  app_config              = local.app_config
  subnet_id               = module.network.subnet_ids["functions"]
  nsg_ids                 = [module.network.nsg_ids["functions"]]
  apm_domain_id           = module.logging.apm_domain_id
  log_group_id            = module.logging.log_group_id
  log_retention_days      = var.log_retention_days
  provisioned_concurrency = var.provisioned_concurrency
}

# gateway, queue and schedules wait for module.iam: their service principals need the
# policies on the first apply (Connector Hub deactivates a connector that keeps failing).
module "gateway" {
  source = "./modules/gateway"

  compartment_id        = var.compartment_ocid
  name_prefix           = var.name_prefix
  subnet_id             = module.network.subnet_ids["public"]
  nsg_ids               = [module.network.nsg_ids["gateway"]]
  certificate_id        = var.gateway_certificate_id
  public_base_url       = var.public_base_url
  jwt_issuer            = var.jwt_issuer
  jwt_audience          = var.jwt_audience
  cors_origins          = var.cors_origins
  rate_limit_per_second = var.gateway_rate_limit_per_second
  spa_base_url          = module.storage.base_url
  log_group_id          = module.logging.log_group_id
  log_retention_days    = var.log_retention_days
  api_routes = [
    for r in module.manifest.routes : {
      deployment    = r.deployment
      route_path    = r.route_path
      methods       = r.methods
      authorization = r.authorization
      function_id   = module.functions.ids[r.function]
    }
  ]

  depends_on = [module.iam]
}

module "queue" {
  source = "./modules/queue"

  compartment_id             = var.compartment_ocid
  name_prefix                = var.name_prefix
  queue_names                = module.manifest.queue_names
  consumers                  = module.manifest.queue_consumers
  function_ids               = module.functions.ids
  visibility_seconds         = var.queue_visibility_seconds
  dead_letter_delivery_count = var.queue_dead_letter_delivery_count
  retention_seconds          = var.queue_retention_seconds
  batch_size                 = var.queue_batch_size
  batch_seconds              = var.queue_batch_seconds
  log_group_id               = module.logging.log_group_id
  log_retention_days         = var.log_retention_days

  depends_on = [module.iam]
}

module "schedules" {
  source = "./modules/schedules"

  compartment_id = var.compartment_ocid
  name_prefix    = var.name_prefix
  schedules      = module.manifest.schedules
  function_ids   = module.functions.ids
  enabled        = var.schedules_enabled

  depends_on = [module.iam]
}

# IAM writes (dynamic group, policies) succeed only in the tenancy's home region.
module "iam" {
  source    = "./modules/iam"
  providers = { oci = oci.home }

  tenancy_id     = var.tenancy_ocid
  compartment_id = var.compartment_ocid
  name_prefix    = var.name_prefix
  vault_id       = module.vault.vault_id
  bucket_name    = module.storage.bucket_name
}

# drawing_alarm_functions: an unknown name fails the plan (an invalid index), so a
# renamed function cannot silently lose its alarm.
module "monitoring" {
  source = "./modules/monitoring"

  compartment_id       = var.compartment_ocid
  name_prefix          = var.name_prefix
  alert_emails         = var.alert_emails
  gateway_id           = module.gateway.gateway_id
  api_5xx_per_5m       = var.alarm_api_5xx_per_5m
  api_p95_latency_ms   = var.alarm_api_p95_latency_ms
  sync_errors_per_15m  = var.alarm_sync_errors_per_15m
  sync_function_ids    = { for name in keys(module.manifest.queue_consumers) : name => module.functions.ids[name] }
  drawing_function_ids = { for name in var.drawing_alarm_functions : name => module.functions.ids[name] }
  billing_function_ids = { for name in var.billing_alarm_functions : name => module.functions.ids[name] }
}
