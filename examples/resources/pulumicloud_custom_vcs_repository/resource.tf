# A repository of a custom VCS integration: its name is joined with the
# integration's base_url to clone it (here https://gitea.example.com/acme/platform/infra).
resource "pulumicloud_custom_vcs_repository" "infra" {
  integration_id = pulumicloud_custom_vcs_integration.gitea.integration_id
  name           = "platform/infra"
  display_name   = "Infrastructure"
}
