# Pure data module: reads api-spec/functions.json (generated from the @function
# registry) and derives everything the other modules create per function.
# No resources here, so tests can evaluate it offline.

locals {
  manifest  = jsondecode(file(var.manifest_path))
  functions = { for f in local.manifest.functions : f.name => f }

  http_functions     = { for name, f in local.functions : name => f if f.trigger.type == "http" }
  schedule_functions = { for name, f in local.functions : name => f if f.trigger.type == "schedule" }
  queue_functions    = { for name, f in local.functions : name => f if f.trigger.type == "queue" }

  unknown_triggers = [for name, f in local.functions : name if !contains(["http", "schedule", "queue"], f.trigger.type)]

  # Gateway authorization per auth level: the gateway only lets a request reach a
  # member/admin route with a valid token; the function still checks the role.
  route_authorization = {
    public   = "ANONYMOUS"
    optional = "ANONYMOUS"
    member   = "AUTHENTICATION_ONLY"
    admin    = "AUTHENTICATION_ONLY"
  }
  unknown_auth = [for name, f in local.http_functions : name if !contains(keys(local.route_authorization), f.trigger.auth)]

  # API Gateway allows at most 50 routes per deployment (a fixed limit), so the
  # routes are grouped into deployments by path prefix: the first
  # route_group_depth segments ("/api/v1/auth"), or an override's depth.
  route_segments = { for name, f in local.http_functions : name => split("/", trimprefix(f.trigger.path, "/")) }
  route_depth_override = {
    for name, f in local.http_functions :
    name => [for prefix, depth in var.route_group_depth_overrides : depth if startswith(f.trigger.path, "${prefix}/")]
  }
  route_depth = {
    for name, segs in local.route_segments : name => min(length(segs), (
      length(local.route_depth_override[name]) > 0 ? max(local.route_depth_override[name]...) : var.route_group_depth
    ))
  }
  routes = [for name, f in local.http_functions : {
    function      = name
    path          = f.trigger.path
    deployment    = "/${join("/", slice(local.route_segments[name], 0, local.route_depth[name]))}"
    route_path    = "/${join("/", slice(local.route_segments[name], local.route_depth[name], length(local.route_segments[name])))}"
    methods       = [f.trigger.method]
    authorization = lookup(local.route_authorization, f.trigger.auth, "AUTHENTICATION_ONLY")
  }]
  routes_per_deployment = { for r in local.routes : r.deployment => r.function... }
  crowded_deployments   = [for prefix, fns in local.routes_per_deployment : prefix if length(fns) > var.max_routes_per_deployment]
  parameter_prefixes    = distinct([for r in local.routes : r.deployment if strcontains(r.deployment, "{")])

  # Queue consumers: one connector each, from the queue named in the trigger.
  queue_consumers = { for name, f in local.queue_functions : name => { queue = f.trigger.queue } }
  queue_names     = distinct(concat(var.extra_queue_names, [for name, f in local.queue_functions : f.trigger.queue]))
}
