# Terraform 1.5 or later: import with an import block, then plan and apply.
# The id is <organization>/<integration_id>/<name>.
import {
  to = pulumicloud_custom_vcs_repository.example
  id = "acme/3f1c0a52-7a9e-4a8b-9a61-2c4d5e6f7a8b/platform/infra"
}
