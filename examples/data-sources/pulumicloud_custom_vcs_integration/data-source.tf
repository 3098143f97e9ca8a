# One custom VCS integration, by name (or integration_id), with its
# repositories. The webhook secret is never exposed here.
data "pulumicloud_custom_vcs_integration" "gitea" {
  name = "Gitea Production"
}

output "gitea_repositories" {
  value = [for r in data.pulumicloud_custom_vcs_integration.gitea.repositories : r.name]
}
