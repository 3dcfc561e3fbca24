# The SPA: built files live in the bucket (scripts/upload_spa.sh). Hashed build
# output sits under /assets/ and is served as is; a few root files are listed
# explicitly; every other GET path is a client-side route and gets index.html.
# API paths belong to the API deployments, whose prefixes are longer than "/".

locals {
  spa_routes = concat(
    [
      { path = "/", url = "${var.spa_base_url}/index.html" },
      { path = "/assets/{file*}", url = "${var.spa_base_url}/assets/$${request.path[file]}" },
    ],
    [for f in var.spa_root_files : { path = "/${f}", url = "${var.spa_base_url}/${f}" }],
    [
      { path = "/{path*}", url = "${var.spa_base_url}/index.html" },
    ],
  )
}
