# Look a Bitbucket integration up by workspace slug, workspace UUID or integration id.
data "pulumicloud_bitbucket_integration" "tools" {
  workspace_slug = "acme-tools"
}

output "bitbucket_auth_type" {
  value = data.pulumicloud_bitbucket_integration.tools.auth_type
}
