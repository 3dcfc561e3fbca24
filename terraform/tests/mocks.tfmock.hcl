# Values the real OCI API would return, for the plan-and-apply tests: the Oracle
# Services Network service and the ATP connection profiles the database module reads.

mock_data "oci_core_services" {
  defaults = {
    services = [{
      id         = "ocid1.service.oc1.iad.aaaaaaaaosn"
      name       = "All IAD Services In Oracle Services Network"
      cidr_block = "all-iad-services-in-oracle-services-network"
    }]
  }
}

mock_resource "oci_database_autonomous_database" {
  defaults = {
    connection_strings = [{
      profiles = [{
        consumer_group     = "TP"
        tls_authentication = "SERVER"
        host_format        = "FQDN"
        value              = "(description=(address=(protocol=tcps)(port=1521)(host=db.adb.us-ashburn-1.oraclecloud.com))(connect_data=(service_name=g1_fittrack_tp.adb.oraclecloud.com)))"
      }]
    }]
  }
}
