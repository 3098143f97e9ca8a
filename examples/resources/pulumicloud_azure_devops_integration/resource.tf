# Give the Azure DevOps OAuth consent first (the
# pulumicloud_azure_devops_oauth_initiate action); the projects data source
# then lists the project ids.
data "pulumicloud_azure_devops_projects" "acmecorp" {
  azure_devops_organization = "acmecorp"
}

resource "pulumicloud_azure_devops_integration" "example" {
  azure_devops_organization = "acmecorp"
  azure_devops_project_id   = one([for p in data.pulumicloud_azure_devops_projects.acmecorp.projects : p.id if p.name == "Payments"])

  # Create-only: changing it replaces the integration.
  disable_code_access_for_reviews = true

  disable_pr_comments   = false
  disable_neo_summaries = false
  disable_detailed_diff = true
}
