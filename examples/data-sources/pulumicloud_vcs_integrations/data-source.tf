# Every VCS integration of the provider's default organization.
data "pulumicloud_vcs_integrations" "all" {}

# Only the GitHub Enterprise Server integrations of another organization.
data "pulumicloud_vcs_integrations" "ghe" {
  organization = "acme-platform"
  vcs_provider = "github_enterprise"
}

output "integrations_by_provider" {
  value = {
    for i in data.pulumicloud_vcs_integrations.all.integrations : i.vcs_provider => i.name...
  }
}

output "ghe_hosts" {
  value = distinct([for i in data.pulumicloud_vcs_integrations.ghe.integrations : i.host])
}
