data "pulumicloud_azure_devops_projects" "acmecorp" {
  azure_devops_organization = "acmecorp"
}

locals {
  website = one([for p in data.pulumicloud_azure_devops_projects.acmecorp.projects : p if p.name == "Website"])
}

resource "pulumicloud_azure_devops_integration" "website" {
  azure_devops_organization = "acmecorp"
  azure_devops_project_id   = local.website.id
}
