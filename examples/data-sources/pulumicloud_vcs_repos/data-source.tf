# The GitHub integration of the organization.
data "pulumicloud_vcs_integrations" "github" {
  vcs_provider = "github"
}

# Every repository it reaches (all pages are followed).
data "pulumicloud_vcs_repos" "github" {
  vcs_provider   = "github"
  integration_id = data.pulumicloud_vcs_integrations.github.integrations[0].id
}

output "repository_names" {
  value = [for r in data.pulumicloud_vcs_repos.github.repos : "${r.owner}/${r.name}"]
}

# The integration_id attribute of an integration resource or data source
# works as well, for example:
#   integration_id = pulumicloud_gitlab_integration.data.integration_id
