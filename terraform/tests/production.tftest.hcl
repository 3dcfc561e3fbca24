# terraform test with mocked providers: production variables (examples/production.tfvars)
# planned against the generated manifest, modules applied on their own, and what the
# OCI APIs would refuse.

mock_provider "oci" {
  source = "./tests"
}

mock_provider "oci" {
  alias  = "home"
  source = "./tests"
}

variables {
  tenancy_ocid          = "ocid1.tenancy.oc1..example"
  compartment_ocid      = "ocid1.compartment.oc1..example"
  region                = "us-ashburn-1"
  home_region           = "us-phoenix-1"
  name_prefix           = "fittrack"
  function_image        = "iad.ocir.io/examplens/fittrack:0123abc"
  function_image_digest = "sha256:0000000000000000000000000000000000000000000000000000000000000000"
  public_base_url       = "https://fittrack.example.com"
  cors_origins          = ["https://fittrack.example.com"]
  bastion_client_cidrs  = ["203.0.113.0/24"]
  alert_emails          = ["oncall@fittrack.example.com"]

  # For the runs of modules/functions alone (a module takes only what it declares).
  compartment_id     = "ocid1.compartment.oc1..example"
  functions          = { "health.status" = { memoryMb = 128, timeoutSeconds = 10, trigger = { type = "http" } } }
  image              = "iad.ocir.io/examplens/fittrack:0123abc"
  image_digest       = "sha256:0000000000000000000000000000000000000000000000000000000000000000"
  app_config         = {}
  subnet_id          = "ocid1.subnet.oc1.iad.example"
  nsg_ids            = []
  apm_domain_id      = "ocid1.apmdomain.oc1.iad.example"
  log_group_id       = "ocid1.loggroup.oc1.iad.example"
  log_retention_days = 30
}

# Plan only for the whole stack: the database's prevent_destroy forbids the
# teardown an applied test run ends with.
run "production_plans" {
  command = plan

  assert {
    condition     = length(output.function_names) == length(jsondecode(file("../api-spec/functions.json")).functions)
    error_message = "Every manifest function is deployed."
  }
  assert {
    condition     = length(output.schedules) <= 65
    error_message = "Functions on the same UTC cron share a schedule (134 before)."
  }
  assert {
    condition     = join(",", output.schedules["30 5,6,7,8,9 * * *"].functions) == "review.detect_anomalies"
    error_message = "review.detect_anomalies runs at both candidate UTC hours of 01:30-04:30 ET."
  }
  assert {
    condition     = contains(keys(output.queue_ids), "sync-jobs-parked")
    error_message = "The consumer's parking queue exists."
  }
}

run "every_function_fits_oci_functions" {
  command = plan

  module {
    source = "./modules/manifest"
  }

  variables {
    manifest_path = "../api-spec/functions.json"
  }

  assert {
    condition     = alltrue([for f in output.functions : f.timeoutSeconds <= 300])
    error_message = "OCI Functions allows at most 300 s."
  }
  assert {
    condition     = alltrue([for f in output.functions : contains([128, 256, 512, 1024, 2048, 3072], f.memoryMb)])
    error_message = "OCI Functions memory is one of 128, 256, 512, 1024, 2048, 3072 MB."
  }
}

run "drawing_alarms_watch_the_draw_executors" {
  command = apply

  module {
    source = "./modules/monitoring"
  }

  variables {
    compartment_id      = "ocid1.compartment.oc1..example"
    name_prefix         = "fittrack"
    alert_emails        = []
    gateway_id          = "ocid1.apigateway.oc1.iad.example"
    api_5xx_per_5m      = 10
    api_p95_latency_ms  = 1500
    sync_errors_per_15m = 3
    sync_function_ids   = { "sync.consume" = "ocid1.fnfunc.oc1.iad.sync" }
    drawing_function_ids = {
      "lifecycle.drawings"       = "ocid1.fnfunc.oc1.iad.lifecycle"
      "admin_drawings.execute"   = "ocid1.fnfunc.oc1.iad.execute"
      "admin_fulfillment.redraw" = "ocid1.fnfunc.oc1.iad.redraw"
    }
  }

  assert {
    condition = toset([for k, a in oci_monitoring_alarm.main : k if startswith(k, "drawing-error-")]) == toset([
      "drawing-error-lifecycle-drawings",
      "drawing-error-admin_drawings-execute",
      "drawing-error-admin_fulfillment-redraw",
    ])
    error_message = "Drawing alarms target the functions that execute draws."
  }
}

run "one_pcu_at_128_mb_is_refused" {
  command = plan

  module {
    source = "./modules/functions"
  }

  variables {
    provisioned_concurrency = { "health.status" = 1 }
  }

  expect_failures = [output.ids]
}

run "forty_pcu_at_128_mb_are_planned" {
  command = apply

  module {
    source = "./modules/functions"
  }

  variables {
    provisioned_concurrency = { "health.status" = 40 }
  }

  assert {
    condition     = oci_functions_function.fn["health.status"].provisioned_concurrency_config[0].count == 40
    error_message = "40 PCU at 128 MB is OCI's minimum step."
  }
}
