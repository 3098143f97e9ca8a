# The demo behind `make demo`: one integration of each kind (and a repository
# of the custom VCS one), created against
# the bundled emulator (scripts/demo.sh sets PULUMI_BACKEND_URL,
# PULUMI_ACCESS_TOKEN and PULUMI_ORGANIZATION), plus a few data sources.

terraform {
  required_version = ">= 1.11"
  required_providers {
    pulumicloud = {
      source = "pulumicloud/pulumicloud"
    }
  }
}

provider "pulumicloud" {}

variable "bitbucket_workspace_token" {
  description = "A Bitbucket workspace access token; write-only, never stored in state."
  type        = string
  sensitive   = true
  ephemeral   = true
  default     = "demo-bitbucket-workspace-token"
}

# GitHub: adopt the Pulumi GitHub App installation already on the acme-inc org.
resource "pulumicloud_github_integration" "acme_inc" {
  installation_id     = 41000001
  disable_pr_comments = false
}

# GitHub Enterprise Server: same, over the github-enterprise endpoints.
resource "pulumicloud_github_enterprise_integration" "platform" {
  installation_id       = 52000001
  disable_neo_summaries = true
}

resource "pulumicloud_gitlab_integration" "platform" {
  gitlab_group_id      = 7001
  use_user_gitlab_auth = true
  disable_pr_comments  = true
}

resource "pulumicloud_bitbucket_integration" "web" {
  workspace_uuid                    = "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}"
  workspace_slug                    = "acme-web"
  workspace_access_token_wo         = var.bitbucket_workspace_token
  workspace_access_token_wo_version = 1
}

data "pulumicloud_azure_devops_projects" "acmecorp" {
  azure_devops_organization = "acmecorp"
}

resource "pulumicloud_azure_devops_integration" "payments" {
  azure_devops_organization = "acmecorp"
  azure_devops_project_id   = one([for p in data.pulumicloud_azure_devops_projects.acmecorp.projects : p.id if p.name == "Payments"])
}

# A self-hosted Forgejo, connected through a custom VCS integration whose
# credentials live in the Pulumi ESC environment vcs/forgejo, and one of its
# repositories.
resource "pulumicloud_custom_vcs_integration" "forgejo" {
  name        = "Forgejo"
  base_url    = "https://forgejo.acme.example/platform"
  environment = "vcs/forgejo"
}

resource "pulumicloud_custom_vcs_repository" "infra" {
  integration_id = pulumicloud_custom_vcs_integration.forgejo.integration_id
  name           = "infra"
  display_name   = "Infrastructure"
}

data "pulumicloud_vcs_repos" "acme_inc" {
  vcs_provider   = "github"
  integration_id = pulumicloud_github_integration.acme_inc.integration_id
}

data "pulumicloud_vcs_integrations" "all" {
  depends_on = [
    pulumicloud_github_integration.acme_inc,
    pulumicloud_github_enterprise_integration.platform,
    pulumicloud_gitlab_integration.platform,
    pulumicloud_bitbucket_integration.web,
    pulumicloud_azure_devops_integration.payments,
    pulumicloud_custom_vcs_integration.forgejo,
  ]
}

output "integration_ids" {
  description = "The import ids (<organization>/<integration_id>) of what this demo manages."
  value = {
    github            = pulumicloud_github_integration.acme_inc.id
    github_enterprise = pulumicloud_github_enterprise_integration.platform.id
    gitlab            = pulumicloud_gitlab_integration.platform.id
    bitbucket         = pulumicloud_bitbucket_integration.web.id
    azure_devops      = pulumicloud_azure_devops_integration.payments.id
    custom_vcs        = pulumicloud_custom_vcs_integration.forgejo.id
  }
}

output "gitlab_group_path" {
  value = pulumicloud_gitlab_integration.platform.group_path
}

output "github_repo_count" {
  description = "Repositories reachable through the GitHub integration, across every page."
  value       = length(data.pulumicloud_vcs_repos.acme_inc.repos)
}

output "integrations_by_provider" {
  value = { for i in data.pulumicloud_vcs_integrations.all.integrations : i.vcs_provider => i.name... }
}

output "forgejo_webhook_url" {
  description = "Configure Forgejo's webhook with this URL and the (sensitive) webhook_secret."
  value       = pulumicloud_custom_vcs_integration.forgejo.webhook_url
}

output "forgejo_repository" {
  value = pulumicloud_custom_vcs_repository.infra.id
}
