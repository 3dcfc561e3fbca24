# One public gateway. API Gateway holds at most 50 routes per deployment, so
# the API is one deployment per path prefix (from the manifest module's route
# grouping: /api/v1/auth, /api/v1/users, /.well-known, ...), every one with a
# route per HTTP function under it. The site is one more deployment at "/":
# the SPA from the bucket plus a problem+json 404 for unknown /api paths.

resource "oci_apigateway_gateway" "main" {
  compartment_id             = var.compartment_id
  display_name               = "${var.name_prefix}-gateway"
  endpoint_type              = "PUBLIC"
  subnet_id                  = var.subnet_id
  network_security_group_ids = var.nsg_ids
  certificate_id             = var.certificate_id
}

locals {
  base_url    = coalesce(var.public_base_url, "https://${oci_apigateway_gateway.main.hostname}")
  jwks_uri    = "${local.base_url}/.well-known/jwks.json"
  issuer      = coalesce(var.jwt_issuer, local.base_url)
  api_groups  = { for r in var.api_routes : r.deployment => r... }
  deployments = merge({ for prefix, routes in local.api_groups : prefix => "api" }, { "/" = "site" })

  # Every answer names its deployment by path prefix ("/" is the site).
  deployment_header = "X-FitTrack-Deployment"
  site_marker       = { (local.deployment_header) = "/" }
}

resource "oci_apigateway_deployment" "api" {
  for_each = local.api_groups

  compartment_id = var.compartment_id
  gateway_id     = oci_apigateway_gateway.main.id
  display_name   = "${var.name_prefix}-api${replace(each.key, "/", "-")}"
  path_prefix    = each.key

  specification {
    request_policies {
      # Tokens are checked here when present; anonymous requests only reach
      # ANONYMOUS routes (public and optional auth levels).
      authentication {
        type                        = "JWT_AUTHENTICATION"
        token_header                = "Authorization"
        token_auth_scheme           = "Bearer"
        is_anonymous_access_allowed = true
        issuers                     = [local.issuer]
        audiences                   = [var.jwt_audience]
        max_clock_skew_in_seconds   = 30

        public_keys {
          type                        = "REMOTE_JWKS"
          uri                         = local.jwks_uri
          max_cache_duration_in_hours = 1
        }
      }

      rate_limiting {
        rate_in_requests_per_second = var.rate_limit_per_second
        rate_key                    = "CLIENT_IP"
      }

      cors {
        allowed_origins              = length(var.cors_origins) > 0 ? var.cors_origins : [local.base_url]
        allowed_methods              = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
        allowed_headers              = ["Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"]
        exposed_headers              = ["Retry-After", "X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining"]
        is_allow_credentials_enabled = false
        max_age_in_seconds           = 600
      }
    }

    dynamic "routes" {
      for_each = each.value
      content {
        path    = routes.value.route_path
        methods = routes.value.methods

        backend {
          type        = "ORACLE_FUNCTIONS_BACKEND"
          function_id = routes.value.function_id
        }

        request_policies {
          authorization {
            type = routes.value.authorization
          }
        }

        # Names the deployment that answered, so the deploy smoke test can tell that
        # longest-prefix routing sent a path where it belongs (scripts/smoke_test.sh).
        response_policies {
          header_transformations {
            set_headers {
              items {
                name      = local.deployment_header
                values    = [each.key]
                if_exists = "OVERWRITE"
              }
            }
          }
        }
      }
    }
  }
}

resource "oci_apigateway_deployment" "site" {
  compartment_id = var.compartment_id
  gateway_id     = oci_apigateway_gateway.main.id
  display_name   = "${var.name_prefix}-site"
  path_prefix    = "/"

  specification {
    request_policies {
      rate_limiting {
        rate_in_requests_per_second = var.rate_limit_per_second
        rate_key                    = "CLIENT_IP"
      }
    }

    routes {
      path    = "/api/{rest*}"
      methods = ["ANY"]

      backend {
        type   = "STOCK_RESPONSE_BACKEND"
        status = 404
        body   = jsonencode({ type = "about:blank", title = "Not Found", status = 404, detail = "No such API route." })

        headers {
          name  = "Content-Type"
          value = "application/problem+json"
        }
      }

      response_policies {
        header_transformations {
          set_headers {
            dynamic "items" {
              for_each = merge(local.site_headers, local.site_marker, { "Cache-Control" = "no-store" })
              content {
                name      = items.key
                values    = [items.value]
                if_exists = "OVERWRITE"
              }
            }
          }
        }
      }
    }

    dynamic "routes" {
      for_each = local.spa_routes
      content {
        path    = routes.value.path
        methods = ["GET", "HEAD"]

        backend {
          type                       = "HTTP_BACKEND"
          url                        = routes.value.url
          connect_timeout_in_seconds = 10
          read_timeout_in_seconds    = 30
          send_timeout_in_seconds    = 30
        }

        # Object Storage sends none of these; OVERWRITE in case it ever does.
        response_policies {
          header_transformations {
            set_headers {
              dynamic "items" {
                for_each = merge(local.site_headers, local.site_marker, { "Cache-Control" = routes.value.cache })
                content {
                  name      = items.key
                  values    = [items.value]
                  if_exists = "OVERWRITE"
                }
              }
            }
          }
        }
      }
    }
  }
}
