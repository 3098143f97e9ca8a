# After consenting in the browser, pass the session id the initiate action
# printed and the code from the redirect:
#   terraform apply -invoke=action.pulumicloud_azure_devops_oauth_complete.ado \
#     -var session_id=... -var code=...
variable "session_id" {
  type = string
}

variable "code" {
  description = "The authorization code from the consent redirect (one-time secret)."
  type        = string
  sensitive   = true
}

action "pulumicloud_azure_devops_oauth_complete" "ado" {
  config {
    session_id = var.session_id
    code       = var.code
    tenant_id  = "contoso.onmicrosoft.com" # the same as in the initiate action
  }
}

# Afterwards this reads true.
data "pulumicloud_azure_devops_access_status" "me" {}
