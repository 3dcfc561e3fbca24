# Example values; copy to production.tfvars and fill in. No secrets belong here:
# passwords and keys are generated into the Vault, external ones are set with
# scripts/set_secret.sh. The image and digest come from scripts/build_image.sh.

tenancy_ocid     = "ocid1.tenancy.oc1..example"
compartment_ocid = "ocid1.compartment.oc1..example"
region           = "us-ashburn-1"
# home_region    = "us-phoenix-1" # when the tenancy's home region is another one (IAM lives there)
name_prefix = "fittrack"

function_image        = "iad.ocir.io/examplens/fittrack:0123abc"
function_image_digest = "sha256:0000000000000000000000000000000000000000000000000000000000000000"

public_base_url        = "https://fittrack.example.com"
gateway_certificate_id = "ocid1.apigatewaycertificate.oc1.iad.example"
cors_origins           = ["https://fittrack.example.com"]
mail_from              = "FitTrack <no-reply@fittrack.example.com>"

oidc_client_ids = {
  google = "1234567890-example.apps.googleusercontent.com"
  apple  = "com.example.fittrack.web"
}
oidc_signing_keys = {
  apple = { team_id = "A1B2C3D4E5", key_id = "F6G7H8I9J0" }
}
tracker_client_ids = {
  fitbit     = "000000000000-trackers.apps.googleusercontent.com"
  google_fit = "000000000000-trackers.apps.googleusercontent.com"
}

# Stripe Price ids of the premium plans (the Stripe dashboard, Product catalogue).
stripe_prices = {
  monthly = "price_0000000000000000monthly"
  annual  = "price_00000000000000000annual"
}

bastion_client_cidrs = ["203.0.113.0/24"]
alert_emails         = ["oncall@fittrack.example.com"]

# Provisioned concurrency units per hot function, in OCI's steps: multiples of 40 at
# 128 MB, 20 at 256 MB, 10 from 512 MB (planning refuses anything else). Each unit
# keeps memory reserved (and billed), so none by default.
provisioned_concurrency = {}
