terraform {
  required_version = ">= 1.6.0"

  # State lives in an Object Storage bucket through its S3-compatible API; the
  # settings come from a backend file (terraform/examples/backend.hcl), the
  # keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (an OCI customer secret key).
  backend "s3" {}

  required_providers {
    oci = {
      source  = "oracle/oci"
      version = ">= 6.34.0, < 8.0.0"
    }
  }
}

# Credentials come from the environment or ~/.oci/config (see docs/DEPLOYMENT.md).
provider "oci" {
  region = var.region
}

# The tenancy's home region, where IAM resources are written (they replicate to
# every subscribed region from there).
provider "oci" {
  alias  = "home"
  region = coalesce(var.home_region, var.region)
}
