data "pulumicloud_github_enterprise_integrations" "all" {}

# Integration ids by account, e.g. for the pulumicloud_vcs_repos data source.
output "github_enterprise_integration_ids" {
  value = { for i in data.pulumicloud_github_enterprise_integrations.all.integrations : i.account_name => i.id }
}

# Installations that miss a permission Neo needs.
output "github_enterprise_missing_permissions" {
  value = [for i in data.pulumicloud_github_enterprise_integrations.all.integrations : i.account_name if anytrue([for p in i.permission_requirements : !p.is_sufficient])]
}
