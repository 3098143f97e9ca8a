# The id is <organization>/<integration_id>; the pulumicloud_github_enterprise_integrations
# data source lists the integration ids of an organization.
terraform import pulumicloud_github_enterprise_integration.example acme/3f1c0a52-7a9e-4a8b-9a61-2c4d5e6f7a8b
