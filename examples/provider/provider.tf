terraform {
  required_providers {
    pulumicloud = {
      source = "pulumicloud/pulumicloud"
    }
  }
}

# Credentials are best left to the environment:
#   export PULUMI_ACCESS_TOKEN=pul-...        # personal, team or organization token
#   export PULUMI_ORGANIZATION=acme           # default organization
#   export PULUMI_BACKEND_URL=https://api.pulumi.example.com  # self-hosted only
provider "pulumicloud" {}

# Or set them explicitly, for example from variables.
variable "pulumi_access_token" {
  description = "A Pulumi Cloud access token."
  type        = string
  sensitive   = true
}

provider "pulumicloud" {
  alias        = "self_hosted"
  access_token = var.pulumi_access_token
  api_url      = "https://api.pulumi.example.com"
  organization = "acme"

  # Optional tuning.
  request_timeout = "30s"
  max_retries     = 4
}
