# Terraform state in OCI Object Storage (S3-compatible API). Copy, fill in and
# pass with -backend-config (scripts/deploy.sh reads TF_BACKEND_CONFIG). The
# access keys come from the environment, never from this file.
bucket                      = "fittrack-tfstate"
key                         = "production/terraform.tfstate"
region                      = "us-ashburn-1"
endpoints                   = { s3 = "https://examplens.compat.objectstorage.us-ashburn-1.oraclecloud.com" }
use_path_style              = true
skip_region_validation      = true
skip_credentials_validation = true
skip_requesting_account_id  = true
skip_metadata_api_check     = true
skip_s3_checksum            = true
