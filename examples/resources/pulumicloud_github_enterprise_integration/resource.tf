# Adopt an installation of the Pulumi GitHub App on GitHub Enterprise Server.
resource "pulumicloud_github_enterprise_integration" "example" {
  organization    = "acme" # defaults to the provider's organization
  installation_id = 52000001

  disable_pr_comments   = false
  disable_neo_summaries = true
}
