# Look an Azure DevOps integration up by project id or integration id.
data "pulumicloud_azure_devops_integration" "website" {
  azure_devops_project_id = "5b1e9f3a-7c2d-4e8b-9a61-0d4c3b2a1f07"
}

output "website_project" {
  value = data.pulumicloud_azure_devops_integration.website.azure_devops_project.name
}
