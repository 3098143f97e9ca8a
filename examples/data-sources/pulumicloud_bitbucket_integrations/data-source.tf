data "pulumicloud_bitbucket_integrations" "all" {}

# Integration ids by id, e.g. for the pulumicloud_vcs_repos data source.
output "bitbucket_integration_ids" {
  value = [for i in data.pulumicloud_bitbucket_integrations.all.integrations : i.id]
}

# Integrations that need attention.
output "bitbucket_invalid" {
  value = [for i in data.pulumicloud_bitbucket_integrations.all.integrations : i.id if !i.valid]
}
