# Terraform 1.12 or later: import by resource identity. organization may be
# left out: it then defaults to the provider's organization.
import {
  to = pulumicloud_azure_devops_integration.example
  identity = {
    organization   = "acme"
    integration_id = "3f1c0a52-7a9e-4a8b-9a61-2c4d5e6f7a8b"
  }
}
