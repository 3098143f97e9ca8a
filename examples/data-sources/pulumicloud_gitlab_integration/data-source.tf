# Look a GitLab integration up by group path, group id or integration id.
data "pulumicloud_gitlab_integration" "data" {
  group_path = "acme/data"
}

output "gitlab_integration_valid" {
  value = data.pulumicloud_gitlab_integration.data.valid
}
