data "pulumicloud_vcs_integrations" "github" {
  vcs_provider = "github"
}

# Where the caller may create new repositories from templates.
data "pulumicloud_vcs_repo_destinations" "github" {
  vcs_provider   = "github"
  integration_id = data.pulumicloud_vcs_integrations.github.integrations[0].id
}

output "template_destinations" {
  value = distinct([for r in data.pulumicloud_vcs_repo_destinations.github.repos : r.owner])
}
