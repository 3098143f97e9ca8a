data "pulumicloud_github_enterprise_integration" "platform" {
  installation_id = 52000001
}

output "platform_configuration_url" {
  value = data.pulumicloud_github_enterprise_integration.platform.gh_urls.configuration_url
}
