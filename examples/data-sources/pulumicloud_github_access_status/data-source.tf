data "pulumicloud_github_access_status" "me" {}

output "github" {
  value = {
    has_user_token  = data.pulumicloud_github_access_status.me.has_user_token
    has_integration = data.pulumicloud_github_access_status.me.has_integration
    available_orgs  = data.pulumicloud_github_access_status.me.available_orgs
    can_create_repo = { for i in data.pulumicloud_github_access_status.me.integrations : i.id => i.can_create_repo }
  }
}
