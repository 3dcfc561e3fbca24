# terraform test with mocked providers: staging variables (examples/staging.tfvars).

mock_provider "oci" {
  source = "./tests"
}

mock_provider "oci" {
  alias  = "home"
  source = "./tests"
}

variables {
  tenancy_ocid          = "ocid1.tenancy.oc1..example"
  compartment_ocid      = "ocid1.compartment.oc1..examplestaging"
  region                = "us-ashburn-1"
  name_prefix           = "fittrack-stg"
  db_name               = "fittrackstg"
  dns_label             = "fittrackstg"
  function_image        = "iad.ocir.io/examplens/fittrack:0123abc"
  function_image_digest = "sha256:0000000000000000000000000000000000000000000000000000000000000000"
  log_retention_days    = 30
  bastion_client_cidrs  = ["203.0.113.0/24"]
}

# Plan only: the database's prevent_destroy forbids an applied run's teardown.
run "staging_plans" {
  command = plan

  assert {
    condition     = output.database.app_user == "FITTRACK"
    error_message = "The staging stack plans with its own names."
  }
}

run "the_bastion_name_has_letters_and_digits_only" {
  command = apply

  module {
    source = "./modules/network"
  }

  variables {
    compartment_id = "ocid1.compartment.oc1..examplestaging"
    vcn_cidr       = "10.20.0.0/16"
  }

  assert {
    condition     = oci_bastion_bastion.db[0].name == "fittrackstgbastion"
    error_message = "Bastion names take letters and digits only."
  }
}

run "a_prefix_oci_names_cannot_take_is_refused" {
  command = plan

  variables {
    name_prefix = "FitTrack_Stg"
  }

  expect_failures = [var.name_prefix]
}

run "the_native_schedule_strategy_plans" {
  command = plan

  variables {
    schedule_strategy = "native"
  }

  assert {
    condition     = length(output.schedules) < 15
    error_message = "With native crons each distinct cron is one schedule."
  }
}
