# Terraform 1.14 or later:
#   terraform apply -invoke=action.pulumicloud_azure_devops_oauth_initiate.ado
# The consent URL and the session id are printed as progress messages.
action "pulumicloud_azure_devops_oauth_initiate" "ado" {
  config {
    # All optional: the provider's organization, Pulumi Cloud's default
    # tenant and the Azure DevOps API ("ado") are used when unset.
    organization = "acme"
    tenant_id    = "contoso.onmicrosoft.com"
    api_name     = "ado"
  }
}
