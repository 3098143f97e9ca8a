data "pulumicloud_vcs_integrations" "github" {
  vcs_provider = "github"
}

data "pulumicloud_vcs_repos" "github" {
  vcs_provider   = "github"
  integration_id = data.pulumicloud_vcs_integrations.github.integrations[0].id
}

locals {
  infra_repo = one([for r in data.pulumicloud_vcs_repos.github.repos : r if r.name == "infra"])
}

data "pulumicloud_vcs_branches" "infra" {
  vcs_provider   = "github"
  integration_id = data.pulumicloud_vcs_integrations.github.integrations[0].id
  repo_id        = local.infra_repo.id
}

output "protected_branches" {
  value = [for b in data.pulumicloud_vcs_branches.infra.branches : b.name if b.is_protected]
}
