# Bring a GitHub App installation under Terraform. When the organization has
# it already, it is adopted; when no Pulumi organization has it yet (installed
# from the GitHub Marketplace: see pulumicloud_github_claimable_installations),
# it is claimed for the organization. When the app is not installed, the error
# gives the install URL.
resource "pulumicloud_github_integration" "example" {
  installation_id = 41000001

  # Pull request and Neo settings, changed in place. They default to false.
  disable_pr_comments             = false
  disable_neo_summaries           = true
  disable_detailed_diff           = false
  disable_code_access_for_reviews = false
  disable_draft_pr_comments       = true
}

output "github_account" {
  value = pulumicloud_github_integration.example.account_name
}

# The integration id the repos and branches data sources take.
output "github_integration_id" {
  value = pulumicloud_github_integration.example.integration_id
}
