# Terraform 1.14 or later, in a .tfquery.hcl file: list every custom VCS
# integration of the organization. `terraform query` prints them;
# `terraform query -generate-config-out=generated.tf` writes an import block
# and a resource block for each (the webhook secret is never written: only
# the create answers it).
list "pulumicloud_custom_vcs_integration" "all" {
  provider = pulumicloud

  # Optional: defaults to the provider's organization.
  config {
    organization = "acme"
  }
}
