# The SPA: built files live in the bucket (scripts/upload_spa.sh). Hashed build
# output sits under /assets/ and is served as is; a few root files are listed
# explicitly; every other GET path is a client-side route and gets index.html.
# API paths belong to the API deployments, whose prefixes are longer than "/".
#
# Every site answer carries the security headers below (the local gateway sends the
# same ones: fittrack.http.headers.SITE_HEADERS; tests/unit/test_terraform_eval.py
# checks they agree). The build inlines no script or style, so the CSP allows
# only this origin. index.html and the root files revalidate (a deploy is seen at
# once); /assets/ files are named by content hash and cached for a year.

locals {
  site_headers = {
    "Strict-Transport-Security" = "max-age=63072000; includeSubDomains"
    "Content-Security-Policy"   = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    "X-Content-Type-Options"    = "nosniff"
    "X-Frame-Options"           = "DENY"
    "Referrer-Policy"           = "strict-origin-when-cross-origin"
  }
  cache_pages  = "no-cache"
  cache_assets = "public, max-age=31536000, immutable"

  spa_routes = concat(
    [
      { path = "/", url = "${var.spa_base_url}/index.html", cache = local.cache_pages },
      { path = "/assets/{file*}", url = "${var.spa_base_url}/assets/$${request.path[file]}", cache = local.cache_assets },
    ],
    [for f in var.spa_root_files : { path = "/${f}", url = "${var.spa_base_url}/${f}", cache = local.cache_pages }],
    [
      { path = "/{path*}", url = "${var.spa_base_url}/index.html", cache = local.cache_pages },
    ],
  )
}
