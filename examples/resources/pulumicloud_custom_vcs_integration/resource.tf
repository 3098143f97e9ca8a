# Connect a self-hosted Gitea (or Forgejo, Bitbucket Server, ...) to Pulumi
# Deployments. The credentials live in a Pulumi ESC environment.
resource "pulumicloud_custom_vcs_integration" "gitea" {
  name        = "Gitea Production"
  base_url    = "https://gitea.example.com/acme"
  environment = "vcs/gitea"

  # Change it to regenerate the webhook secret in place.
  webhook_secret_version = 1
}

# Configure the webhook in Gitea with these two.
output "gitea_webhook_url" {
  value = pulumicloud_custom_vcs_integration.gitea.webhook_url
}

output "gitea_webhook_secret" {
  value     = pulumicloud_custom_vcs_integration.gitea.webhook_secret
  sensitive = true
}
