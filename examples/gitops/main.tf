# The Pulumi Cloud VCS integrations of one organization, run from CI by
# pipeline.sh (see docs/guides/gitops.md): plan on every pull request, apply
# the reviewed plan on main, and a scheduled drift check.

terraform {
  required_version = ">= 1.11"
  required_providers {
    pulumicloud = {
      source = "pulumicloud/pulumicloud"
    }
  }
}

# No credentials in code: the token comes from PULUMI_ACCESS_TOKEN (a CI
# secret) and the organization from PULUMI_ORGANIZATION. Taken from the
# environment, neither is written to the saved plan the pipeline keeps as an
# artifact, nor to state.
provider "pulumicloud" {}

resource "pulumicloud_gitlab_integration" "platform" {
  gitlab_group_id     = 7001
  disable_pr_comments = true
}

# Adopts the Pulumi GitHub App installation the organization already has.
resource "pulumicloud_github_integration" "acme_inc" {
  installation_id       = 41000001
  disable_neo_summaries = true
}

output "integration_ids" {
  description = "Import ids (<organization>/<integration_id>) of what this configuration manages."
  value = {
    gitlab = pulumicloud_gitlab_integration.platform.id
    github = pulumicloud_github_integration.acme_inc.id
  }
}
