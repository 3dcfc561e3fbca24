# The SPA bucket. Objects are public to read (the site is public anyway) but the
# bucket cannot be listed; the gateway proxies it so site and API share an origin.

data "oci_objectstorage_namespace" "main" {
  compartment_id = var.compartment_id
}

resource "oci_objectstorage_bucket" "spa" {
  compartment_id = var.compartment_id
  namespace      = data.oci_objectstorage_namespace.main.namespace
  name           = var.bucket_name
  access_type    = "ObjectReadWithoutList"
  versioning     = "Enabled"
}
