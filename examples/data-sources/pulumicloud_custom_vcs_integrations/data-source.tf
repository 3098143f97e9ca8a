# Every custom VCS integration of the organization.
data "pulumicloud_custom_vcs_integrations" "all" {}

output "custom_vcs_webhooks" {
  value = { for i in data.pulumicloud_custom_vcs_integrations.all.integrations : i.name => i.webhook_url }
}
