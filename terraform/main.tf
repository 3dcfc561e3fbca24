# Stub: the full OCI stack (network, database, cache, vault, functions, gateway,
# queue, schedules, observability) is built in terraform/ by the deploy work.
# Every function comes from the generated manifest, never from a hand-kept list.
terraform {
  required_version = ">= 1.5"
  required_providers {
    oci = {
      source  = "oracle/oci"
      version = ">= 6.0"
    }
  }
}

locals {
  manifest       = jsondecode(file("${path.module}/../api-spec/functions.json"))
  functions      = { for f in local.manifest.functions : f.name => f }
  http_functions = { for name, f in local.functions : name => f if f.trigger.type == "http" }
}

output "function_names" {
  description = "Every function the image serves, from api-spec/functions.json."
  value       = keys(local.functions)
}
