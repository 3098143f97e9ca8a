# Terraform 1.12 or later: import by resource identity. organization may be
# left out: it then defaults to the provider's organization.
import {
  to = pulumicloud_custom_vcs_repository.example
  identity = {
    organization   = "acme"
    integration_id = "7b2e9c4d-1f3a-4b5c-8d6e-0a1b2c3d4e5f"
    name           = "platform/infrastructure"
  }
}
