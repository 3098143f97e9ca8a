# Connect a GitLab group. The group id is on the group's overview page in
# GitLab; pulumicloud_gitlab_access_status lists the groups you may integrate.
resource "pulumicloud_gitlab_integration" "example" {
  gitlab_group_id = 7001

  # Authenticate with your own GitLab OAuth token rather than a group access
  # token (create-only: changing it replaces the integration).
  use_user_gitlab_auth = true

  disable_pr_comments   = false
  disable_neo_summaries = true
  disable_detailed_diff = false
}
