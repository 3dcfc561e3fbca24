resource "oci_core_network_security_group" "main" {
  for_each = toset(["gateway", "functions", "database", "cache"])

  compartment_id = var.compartment_id
  vcn_id         = oci_core_vcn.main.id
  display_name   = "${var.name_prefix}-${each.key}"
}

locals {
  # name => rule; INGRESS rules name their source, EGRESS their destination.
  nsg_rules = {
    gateway_https_in = {
      nsg  = "gateway", direction = "INGRESS", port = 443
      peer = "0.0.0.0/0", peer_type = "CIDR_BLOCK"
    }
    gateway_out = {
      nsg  = "gateway", direction = "EGRESS", port = 443
      peer = "0.0.0.0/0", peer_type = "CIDR_BLOCK"
    }
    functions_out = {
      nsg  = "functions", direction = "EGRESS", port = null
      peer = "0.0.0.0/0", peer_type = "CIDR_BLOCK"
    }
    database_from_functions = {
      nsg  = "database", direction = "INGRESS", port = 1521
      peer = oci_core_network_security_group.main["functions"].id, peer_type = "NETWORK_SECURITY_GROUP"
    }
    database_from_bastion = {
      nsg  = "database", direction = "INGRESS", port = 1521
      peer = local.subnets.database.cidr, peer_type = "CIDR_BLOCK"
    }
    cache_from_functions = {
      nsg  = "cache", direction = "INGRESS", port = 6379
      peer = oci_core_network_security_group.main["functions"].id, peer_type = "NETWORK_SECURITY_GROUP"
    }
  }
}

resource "oci_core_network_security_group_security_rule" "main" {
  for_each = local.nsg_rules

  network_security_group_id = oci_core_network_security_group.main[each.value.nsg].id
  direction                 = each.value.direction
  protocol                  = "6"
  stateless                 = false
  source                    = each.value.direction == "INGRESS" ? each.value.peer : null
  source_type               = each.value.direction == "INGRESS" ? each.value.peer_type : null
  destination               = each.value.direction == "EGRESS" ? each.value.peer : null
  destination_type          = each.value.direction == "EGRESS" ? each.value.peer_type : null

  dynamic "tcp_options" {
    for_each = each.value.port == null ? [] : [each.value.port]
    content {
      destination_port_range {
        min = tcp_options.value
        max = tcp_options.value
      }
    }
  }
}
