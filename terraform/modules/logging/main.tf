# One log group for function invoke logs, gateway access/execution logs and
# connector run logs; one APM domain for function traces.

resource "oci_logging_log_group" "main" {
  compartment_id = var.compartment_id
  display_name   = "${var.name_prefix}-logs"
  description    = "FitTrack function, gateway and connector logs"
}

resource "oci_apm_apm_domain" "main" {
  compartment_id = var.compartment_id
  display_name   = "${var.name_prefix}-apm"
  description    = "FitTrack function traces"
  is_free_tier   = var.apm_free_tier
}
