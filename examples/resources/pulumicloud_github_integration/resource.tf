# Adopt a GitHub App installation into Terraform. Install the Pulumi GitHub
# App on the account first (Pulumi Cloud: Settings → Version control → GitHub,
# or the pulumicloud_github_setup data source's installation_url); when the
# installation is not connected yet, the error gives the install URL.
resource "pulumicloud_github_integration" "example" {
  installation_id = 41000001

  # Pull request and Neo settings, changed in place. They default to false.
  disable_pr_comments             = false
  disable_neo_summaries           = true
  disable_detailed_diff           = false
  disable_code_access_for_reviews = false
}

output "github_account" {
  value = pulumicloud_github_integration.example.account_name
}

# The integration id the repos and branches data sources take.
output "github_integration_id" {
  value = pulumicloud_github_integration.example.integration_id
}
