# The workspace access token comes from an ephemeral variable and goes to a
# write-only attribute (Terraform 1.11 or later): it is sent to Pulumi Cloud
# once, and never written to the plan or the state.
variable "bitbucket_workspace_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "pulumicloud_bitbucket_integration" "example" {
  workspace_uuid = "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}" # braces optional
  workspace_slug = "acme-web"

  workspace_access_token_wo = var.bitbucket_workspace_token
  # Bump to send a new token (this replaces the integration).
  workspace_access_token_wo_version = 1

  disable_detailed_diff = true
}

# Or authenticate with your own Bitbucket OAuth token.
resource "pulumicloud_bitbucket_integration" "mobile" {
  workspace_uuid = "{1d7a2f3b-4c5e-4d6f-9a01-b2c3d4e5f6a2}"
  workspace_slug = "acme-mobile"
  use_user_auth  = true
}
