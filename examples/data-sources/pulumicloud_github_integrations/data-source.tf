data "pulumicloud_github_integrations" "all" {}

# Integration ids by account, e.g. for the pulumicloud_vcs_repos data source.
output "github_integration_ids" {
  value = { for i in data.pulumicloud_github_integrations.all.integrations : i.account_name => i.id }
}

# Installations that miss a permission Neo needs.
output "github_missing_permissions" {
  value = [for i in data.pulumicloud_github_integrations.all.integrations : i.account_name if anytrue([for p in i.permission_requirements : !p.is_sufficient])]
}

# Where to install the Pulumi GitHub App for the organization.
output "github_installation_url" {
  value = data.pulumicloud_github_integrations.all.installation_url
}
