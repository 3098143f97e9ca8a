# The provider, for `terraform query` and the plan of what it generates.
# Credentials come from PULUMI_ACCESS_TOKEN, PULUMI_BACKEND_URL and
# PULUMI_ORGANIZATION (scripts/adopt.sh sets them for the emulator).
terraform {
  required_version = ">= 1.14"
  required_providers {
    pulumicloud = {
      source = "pulumicloud/pulumicloud"
    }
  }
}

provider "pulumicloud" {}
