# VCN with one public subnet (API Gateway, bastion) and private subnets for
# functions, the database and the cache. Subnets carry a baseline security list
# with no ingress; traffic is opened per component with NSGs.

data "oci_core_services" "all" {
  filter {
    name   = "name"
    values = ["All .* Services In Oracle Services Network"]
    regex  = true
  }
}

locals {
  # Display names take any text, but a bastion's name only letters and digits.
  bastion_name = replace("${var.name_prefix}bastion", "/[^A-Za-z0-9]/", "")

  osn = data.oci_core_services.all.services[0]
  subnets = {
    public    = { cidr = cidrsubnet(var.vcn_cidr, 8, 0), public = true }
    functions = { cidr = cidrsubnet(var.vcn_cidr, 8, 10), public = false }
    database  = { cidr = cidrsubnet(var.vcn_cidr, 8, 20), public = false }
    cache     = { cidr = cidrsubnet(var.vcn_cidr, 8, 30), public = false }
  }
}

resource "oci_core_vcn" "main" {
  compartment_id = var.compartment_id
  cidr_blocks    = [var.vcn_cidr]
  display_name   = "${var.name_prefix}-vcn"
  dns_label      = var.dns_label
}

resource "oci_core_internet_gateway" "main" {
  compartment_id = var.compartment_id
  vcn_id         = oci_core_vcn.main.id
  display_name   = "${var.name_prefix}-igw"
  enabled        = true
}

resource "oci_core_nat_gateway" "main" {
  compartment_id = var.compartment_id
  vcn_id         = oci_core_vcn.main.id
  display_name   = "${var.name_prefix}-nat"
}

resource "oci_core_service_gateway" "main" {
  compartment_id = var.compartment_id
  vcn_id         = oci_core_vcn.main.id
  display_name   = "${var.name_prefix}-sgw"

  services {
    service_id = local.osn.id
  }
}

resource "oci_core_route_table" "public" {
  compartment_id = var.compartment_id
  vcn_id         = oci_core_vcn.main.id
  display_name   = "${var.name_prefix}-public-rt"

  route_rules {
    destination       = "0.0.0.0/0"
    destination_type  = "CIDR_BLOCK"
    network_entity_id = oci_core_internet_gateway.main.id
  }
}

# Functions call tracker APIs, OIDC providers and SMTP (NAT) and OCI services (SGW).
resource "oci_core_route_table" "private" {
  compartment_id = var.compartment_id
  vcn_id         = oci_core_vcn.main.id
  display_name   = "${var.name_prefix}-private-rt"

  route_rules {
    destination       = "0.0.0.0/0"
    destination_type  = "CIDR_BLOCK"
    network_entity_id = oci_core_nat_gateway.main.id
  }
  route_rules {
    destination       = local.osn.cidr_block
    destination_type  = "SERVICE_CIDR_BLOCK"
    network_entity_id = oci_core_service_gateway.main.id
  }
}

# Database and cache never reach the internet.
resource "oci_core_route_table" "data" {
  compartment_id = var.compartment_id
  vcn_id         = oci_core_vcn.main.id
  display_name   = "${var.name_prefix}-data-rt"

  route_rules {
    destination       = local.osn.cidr_block
    destination_type  = "SERVICE_CIDR_BLOCK"
    network_entity_id = oci_core_service_gateway.main.id
  }
}

resource "oci_core_security_list" "baseline" {
  compartment_id = var.compartment_id
  vcn_id         = oci_core_vcn.main.id
  display_name   = "${var.name_prefix}-baseline"

  egress_security_rules {
    destination = "0.0.0.0/0"
    protocol    = "all"
  }
}

resource "oci_core_subnet" "main" {
  for_each = local.subnets

  compartment_id             = var.compartment_id
  vcn_id                     = oci_core_vcn.main.id
  cidr_block                 = each.value.cidr
  display_name               = "${var.name_prefix}-${each.key}"
  dns_label                  = substr(each.key, 0, 8)
  prohibit_public_ip_on_vnic = !each.value.public
  security_list_ids          = [oci_core_security_list.baseline.id]
  route_table_id = (
    each.value.public ? oci_core_route_table.public.id :
    each.key == "functions" ? oci_core_route_table.private.id : oci_core_route_table.data.id
  )
}

# Port-forwarding sessions to the database private endpoint for migrations.
resource "oci_bastion_bastion" "db" {
  count = length(var.bastion_client_cidrs) > 0 ? 1 : 0

  bastion_type                 = "standard"
  compartment_id               = var.compartment_id
  target_subnet_id             = oci_core_subnet.main["database"].id
  client_cidr_block_allow_list = var.bastion_client_cidrs
  max_session_ttl_in_seconds   = 10800
  name                         = local.bastion_name
}
