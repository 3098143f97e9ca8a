data "pulumicloud_azure_devops_integrations" "all" {}

# Integration ids by id, e.g. for the pulumicloud_vcs_repos data source.
output "azure_devops_integration_ids" {
  value = [for i in data.pulumicloud_azure_devops_integrations.all.integrations : i.id]
}

# Integrations that need attention.
output "azure_devops_invalid" {
  value = [for i in data.pulumicloud_azure_devops_integrations.all.integrations : i.id if !i.valid]
}

# Where the OAuth consent flow that installs a new integration starts.
output "azure_devops_installation_url" {
  value = data.pulumicloud_azure_devops_integrations.all.installation_url
}
