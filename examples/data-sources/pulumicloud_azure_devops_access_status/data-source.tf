# has_user_token turns true once the pulumicloud_azure_devops_oauth_complete
# action has run for the caller.
data "pulumicloud_azure_devops_access_status" "me" {}

output "azure_devops" {
  value = {
    has_user_token  = data.pulumicloud_azure_devops_access_status.me.has_user_token
    has_integration = data.pulumicloud_azure_devops_access_status.me.has_integration
    organizations   = [for o in data.pulumicloud_azure_devops_access_status.me.available_orgs : o.name]
  }
}
