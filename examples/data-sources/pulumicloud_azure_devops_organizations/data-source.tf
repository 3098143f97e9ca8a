# Needs the caller's Azure DevOps token (see the OAuth actions).
data "pulumicloud_azure_devops_organizations" "mine" {}

output "azure_devops_organizations" {
  value = {
    for o in data.pulumicloud_azure_devops_organizations.mine.organizations : o.name => o.account_url
    if o.has_required_permissions
  }
}
