variable "compartment_id" {
  description = "OCID of the compartment holding the vault and secrets."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of every display and secret name."
  type        = string
}

variable "external_secret_names" {
  description = "Secrets whose values come from outside (SMTP credentials, OAuth client secrets, the Stripe secret key and webhook signing secret)."
  type        = list(string)
  default = [
    "smtp-username",
    "smtp-password",
    "oidc-google-client-secret",
    "oidc-apple-private-key",
    "tracker-fitbit-client-secret",
    "tracker-google_fit-client-secret",
    "google-health-webhook-secret",
    "stripe-secret-key",
    "stripe-webhook-secret",
  ]
}
