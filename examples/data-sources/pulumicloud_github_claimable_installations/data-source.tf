# Installations of the Pulumi GitHub App that no Pulumi organization has
# linked yet (for example from the GitHub Marketplace): a
# pulumicloud_github_integration with one of these installation ids claims it.
data "pulumicloud_github_claimable_installations" "available" {}

output "claimable_installations" {
  value = { for i in data.pulumicloud_github_claimable_installations.available.installations : i.account_login => i.installation_id }
}
