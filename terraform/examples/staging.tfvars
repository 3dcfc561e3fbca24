# A smaller staging stack on the gateway's own host name. No secrets here.

tenancy_ocid     = "ocid1.tenancy.oc1..example"
compartment_ocid = "ocid1.compartment.oc1..examplestaging"
region           = "us-ashburn-1"
name_prefix      = "fittrack-stg"
db_name          = "fittrackstg"
dns_label        = "fittrackstg"

function_image        = "iad.ocir.io/examplens/fittrack:0123abc"
function_image_digest = "sha256:0000000000000000000000000000000000000000000000000000000000000000"

db_compute_count         = 2
db_backup_retention_days = 7
cache_node_count         = 1
log_retention_days       = 30
schedule_strategy        = "hourly_fanout"
bastion_client_cidrs     = ["203.0.113.0/24"]
