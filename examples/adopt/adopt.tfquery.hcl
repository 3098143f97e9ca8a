# Every integration kind of the organization (the provider's organization,
# unless a config block names another).
list "pulumicloud_github_integration" "all" {
  provider = pulumicloud
}

list "pulumicloud_github_enterprise_integration" "all" {
  provider = pulumicloud
}

list "pulumicloud_gitlab_integration" "all" {
  provider = pulumicloud
}

list "pulumicloud_bitbucket_integration" "all" {
  provider = pulumicloud
}

list "pulumicloud_azure_devops_integration" "all" {
  provider = pulumicloud
  config {
    organization = "acme"
  }
}
