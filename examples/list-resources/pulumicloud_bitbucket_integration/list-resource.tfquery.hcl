# Terraform 1.14 or later, in a .tfquery.hcl file: list every Bitbucket
# integration of the organization. `terraform query` prints them;
# `terraform query -generate-config-out=generated.tf` writes an import block
# and a resource block for each.
list "pulumicloud_bitbucket_integration" "all" {
  provider = pulumicloud

  # Optional: defaults to the provider's organization.
  config {
    organization = "acme"
  }
}
