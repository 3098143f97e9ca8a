# Look a GitHub integration up by installation id, account name or integration id.
data "pulumicloud_github_integration" "acme" {
  account_name = "acme-inc"
}

output "acme_repos_integration_id" {
  value = data.pulumicloud_github_integration.acme.integration_id
}

output "acme_missing_permissions" {
  value = [for p in data.pulumicloud_github_integration.acme.permission_requirements : p.name if !p.is_sufficient]
}
