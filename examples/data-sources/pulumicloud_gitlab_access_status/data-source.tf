data "pulumicloud_gitlab_access_status" "me" {}

# Integrate every GitLab group the caller may integrate.
resource "pulumicloud_gitlab_integration" "groups" {
  for_each = {
    for g in data.pulumicloud_gitlab_access_status.me.available_groups : g.name => g.id if g.has_required_permissions
  }

  gitlab_group_id      = each.value
  use_user_gitlab_auth = true
}
